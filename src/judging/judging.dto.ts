import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
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
