import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
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
import { PageQueryDto } from '../common/paging';
import { DEFAULT_ANOMALY_OPTIONS as ANOMALY } from './anomalies';
import { MAX_COUNT } from './counts';

/**
 * A whole number from `min` to `max`: required, or optional (then documented with `default`);
 * a query parameter is converted from its text first. The decorators are applied in the order
 * they would be written one above the other, so that errors list their rules in that order.
 */
function WholeNumber(
  options: {
    optional?: boolean;
    default?: number;
    query?: boolean;
    min?: number;
    max?: number;
  } = {},
) {
  const { optional = false, query = false, min = 0, max = MAX_COUNT } = options;
  const doc = options.default === undefined ? undefined : { default: options.default };
  const stacked = [
    optional ? ApiPropertyOptional(doc) : ApiProperty(),
    ...(optional ? [IsOptional()] : []),
    ...(query ? [Type(() => Number)] : []),
    IsInt(),
    Min(min),
    Max(max),
  ];
  return applyDecorators(...stacked.reverse());
}

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

  @WholeNumber() reactions: number;
  @WholeNumber() shares: number;
  @WholeNumber({ optional: true }) comments?: number;
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

  @WholeNumber({ optional: true }) reactions?: number;
  @WholeNumber({ optional: true }) shares?: number;
  @WholeNumber({ optional: true }) comments?: number;

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

/**
 * The standings as a list: paging, search, order and a filter, and the thresholds of the
 * anomaly flags (defaults: +300 within 24 h, round counts from 1.000).
 */
export class StandingsQueryDto extends PageQueryDto {
  @WholeNumber({ optional: true, query: true, default: 300, min: 1 })
  burstThreshold: number = ANOMALY.burstThreshold;

  @WholeNumber({ optional: true, query: true, default: 24, min: 1, max: 24 * 90 })
  burstWindowHours: number = ANOMALY.burstWindowHours;

  @WholeNumber({ optional: true, query: true, default: 1000, min: 100 })
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
