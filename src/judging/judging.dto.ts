import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { WholeNumber } from '../common/whole-number.decorator';

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

  @WholeNumber({
    optional: true,
    min: 1,
    doc: {
      description: 'The version of the card this tablet last saw; required once the card exists',
    },
  })
  version?: number;
}

export class SubmitScorecardDto {
  @WholeNumber({ min: 1, doc: { description: 'The version being submitted' } }) version: number;
}

export class ReasonDto {
  @ApiProperty()
  @Trimmed()
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
  @Trimmed()
  @IsOptional()
  @IsString()
  @Length(10, 2000)
  reason?: string;
}

export class PanelPreviewDto {
  @WholeNumber({
    min: 1,
    max: 100,
    messages: {
      int: 'Số giám khảo mỗi sản phẩm phải là số nguyên.',
      min: 'Số giám khảo mỗi sản phẩm phải từ 1 trở lên.',
      max: 'Số giám khảo mỗi sản phẩm tối đa là 100.',
    },
    doc: { description: 'Judges per entry (k)' },
  })
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
  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 100_000,
    doc: { default: 1 },
  })
  page?: number;

  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 200,
    doc: { default: 50 },
  })
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
