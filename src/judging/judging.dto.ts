import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class SaveScorecardDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { novelty: 13.5, usefulness: 14 },
    description: 'Points per criterion code (draft may be partial)',
  })
  @IsObject()
  scores: Record<string, number>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({
    description: 'The version of the card this tablet last saw; required once the card exists',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SubmitScorecardDto {
  @ApiProperty({ description: 'The version being submitted' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải dài 10-2000 ký tự.' })
  reason: string;
}

export class ConflictDto extends ReasonDto {
  @ApiProperty()
  @IsUUID()
  judgeId: string;

  @ApiProperty()
  @IsUUID()
  entryId: string;
}

export class AssignDto {
  @ApiProperty()
  @IsUUID()
  judgeId: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20000)
  @IsUUID('all', { each: true })
  entryIds: string[];
}

export class CloseJudgingDto {
  @ApiPropertyOptional({ description: 'Required when scorecards are missing or still drafts' })
  @IsOptional()
  @IsString()
  @Length(10, 2000)
  reason?: string;
}

export class PanelPreviewDto {
  @ApiProperty({ description: 'Judges per entry (k)', minimum: 1, maximum: 100 })
  @IsInt({ message: 'Số giám khảo mỗi sản phẩm phải là số nguyên.' })
  @Min(1, { message: 'Số giám khảo mỗi sản phẩm phải từ 1 trở lên.' })
  @Max(100, { message: 'Số giám khảo mỗi sản phẩm tối đa là 100.' })
  k: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'The pool: judges of the contest to draw from (default: every judge)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'Chọn ít nhất một giám khảo.' })
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  judgeIds?: string[];
}

export const PROGRESS_STATES = ['all', 'incomplete', 'complete', 'outliers'] as const;

/** The judging progress list: a page of entries with their panels. */
export class ProgressListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Team number, or words of the team, unit, entry or judge (accents optional)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ enum: PROGRESS_STATES, default: 'all' })
  @IsOptional()
  @IsIn(PROGRESS_STATES)
  state?: (typeof PROGRESS_STATES)[number];

  @ApiPropertyOptional({ description: 'Only the entries on this judge’s panel' })
  @IsOptional()
  @IsUUID()
  judgeId?: string;
}
