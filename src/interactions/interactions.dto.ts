import { MAX_COUNT } from './count-columns';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class ImportFieldsDto {
  @ApiPropertyOptional({
    description:
      'When the counts were read on the fanpage (ISO 8601). Required unless the file has a "Thời điểm" column giving the time of each row (a file of several readings); refused if it has one.',
    example: '2022-08-31T17:00:00+07:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  takenAt?: string;
}

export class ImportCommitFieldsDto extends ImportFieldsDto {
  @ApiPropertyOptional({
    description:
      'The token a preview answered (valid 30 minutes, for the organiser who previewed and that contest): commits exactly the previewed file, which is then not sent again (nor takenAt).',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  previewToken?: string;
}

export class FormCountDto {
  @ApiProperty()
  @IsUUID()
  entryId: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  reactions: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  shares: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  comments?: number;
}

export class FormSnapshotDto {
  @ApiProperty({
    description: 'When the counts were read on the fanpage (ISO 8601)',
    example: '2022-08-31T17:00:00+07:00',
  })
  @IsISO8601({ strict: true })
  takenAt: string;

  @ApiProperty({ type: [FormCountDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => FormCountDto)
  counts: FormCountDto[];
}

export class ExclusionDto {
  @ApiProperty()
  @IsUUID()
  entryId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  reactions?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  shares?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_COUNT)
  comments?: number;

  @ApiProperty({ example: 'Tăng 300 lượt thích trong 2 giờ từ tài khoản ảo' })
  @IsString()
  @Length(10, 2000, { message: 'Lý do loại trừ phải dài 10-2000 ký tự.' })
  reason: string;
}

export class WithdrawExclusionDto {
  @ApiProperty()
  @IsString()
  @Length(10, 2000)
  reason: string;
}

/** Thresholds of the anomaly flags (defaults: +300 within 24 h, round counts from 1.000). */
export class AnomalyQuery {
  @ApiPropertyOptional({ default: 300 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_COUNT)
  burstThreshold?: number;

  @ApiPropertyOptional({ default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  burstWindowHours?: number;

  @ApiPropertyOptional({ default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(MAX_COUNT)
  roundAbove?: number;
}
