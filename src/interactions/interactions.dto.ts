import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../common/paging';
import { WholeNumber } from '../common/whole-number.decorator';
import { DEFAULT_ANOMALY_OPTIONS as ANOMALY } from './anomalies';
import { MAX_COUNT } from './counts';

/** A count read on the fanpage. */
const COUNT = { min: 0, max: MAX_COUNT };

/** The fields beside an import's file (documented with the file in the controller's body). */
export class ImportFieldsDto {
  @IsOptional()
  @IsISO8601({ strict: true })
  takenAt?: string;
}

export class ImportCommitFieldsDto extends ImportFieldsDto {
  @IsOptional()
  @IsUUID()
  previewToken?: string;
}

export class FormCountDto {
  @ApiProperty()
  @IsUUID()
  entryId: string;

  @WholeNumber(COUNT) reactions: number;
  @WholeNumber(COUNT) shares: number;
  @WholeNumber({ ...COUNT, optional: true }) comments?: number;
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

  @WholeNumber({ ...COUNT, optional: true }) reactions?: number;
  @WholeNumber({ ...COUNT, optional: true }) shares?: number;
  @WholeNumber({ ...COUNT, optional: true }) comments?: number;

  @ApiProperty({ example: 'Tăng 300 lượt thích trong 2 giờ từ tài khoản ảo' })
  @Trimmed()
  @IsString()
  @Length(10, 2000, { message: 'Lý do loại trừ phải dài 10-2000 ký tự.' })
  reason: string;
}

export class WithdrawExclusionDto {
  @ApiProperty()
  @Trimmed()
  @IsString()
  @Length(10, 2000)
  reason: string;
}

/**
 * The standings as a list: paging, search, order and a filter, and the thresholds of the
 * anomaly flags (defaults: +300 within 24 h, round counts from 1.000).
 */
export class StandingsQueryDto extends PageQueryDto {
  @WholeNumber({ optional: true, query: true, min: 1, max: MAX_COUNT, doc: { default: 300 } })
  burstThreshold: number = ANOMALY.burstThreshold;

  @WholeNumber({ optional: true, query: true, min: 1, max: 24 * 90, doc: { default: 24 } })
  burstWindowHours: number = ANOMALY.burstWindowHours;

  @WholeNumber({ optional: true, query: true, min: 100, max: MAX_COUNT, doc: { default: 1000 } })
  roundAbove: number = ANOMALY.roundAbove;

  @ApiPropertyOptional({
    enum: ['team', 'rank'],
    default: 'team',
    description: 'team: by team number; rank: best first, entries without counts last',
  })
  @IsOptional()
  @IsIn(['team', 'rank'], { message: 'Thứ tự không hợp lệ.' })
  sort?: 'team' | 'rank';

  @ApiPropertyOptional({
    enum: ['flagged', 'excluded'],
    description: 'flagged: entries with an anomaly; excluded: entries with an active exclusion',
  })
  @IsOptional()
  @IsIn(['flagged', 'excluded'], { message: 'Bộ lọc không hợp lệ.' })
  filter?: 'flagged' | 'excluded';
}
