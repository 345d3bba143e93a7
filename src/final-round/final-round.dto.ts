import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { WholeNumber } from '../common/whole-number.decorator';

export class SetupFinalDto {
  @ApiPropertyOptional({
    description: 'Order of appearance set by the organiser (entry ids); drawn when omitted',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  order?: string[];

  @ApiPropertyOptional({ description: 'Seed of the draw (recorded); random when omitted' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  seed?: string;

  @ApiPropertyOptional({
    description: 'Finalists chosen by the organisers when the engine reports a tie at the cut line',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  finalists?: string[];

  @ApiPropertyOptional({ description: 'Required with `finalists`' })
  @Trimmed()
  @IsOptional()
  @IsString()
  @Length(10, 2000)
  reason?: string;
}

export class LiveDto {
  @ApiPropertyOptional({ description: 'Finalist now on stage' })
  @IsOptional()
  @IsUUID()
  entryId?: string;

  @ApiPropertyOptional({ description: 'Part now played (code from the rules)' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  partCode?: string;

  @ApiPropertyOptional({ enum: ['start', 'stop', 'reset'] })
  @IsOptional()
  @IsIn(['start', 'stop', 'reset'])
  timer?: 'start' | 'stop' | 'reset';

  @WholeNumber({ min: 1, doc: { description: 'The live-state version this console last saw' } })
  version: number;
}

export class PartScoreDto {
  @ApiProperty({ example: 42.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points: number;

  @WholeNumber({
    optional: true,
    min: 1,
    doc: { description: 'Version last seen; required once the card exists' },
  })
  version?: number;
}

export class SubmitPartDto {
  @WholeNumber({ min: 1 }) version: number;
}

export class NominationDto {
  @ApiProperty({ enum: ['individual', 'collective'] })
  @IsIn(['individual', 'collective'])
  kind: 'individual' | 'collective';

  @ApiProperty()
  @IsString()
  @Length(1, 40)
  partCode: string;

  @ApiProperty()
  @IsUUID()
  entryId: string;

  @ApiPropertyOptional({ description: 'Team member, for the individual prize' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class RevealDto {
  @ApiPropertyOptional({ description: "With partCode: reveal this finalist's part results" })
  @IsOptional()
  @IsUUID()
  entryId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 40)
  partCode?: string;

  @ApiPropertyOptional({ description: 'true: this call is about the provisional ranking' })
  @IsOptional()
  @IsBoolean()
  ranking?: boolean;

  @ApiProperty({ description: 'Show (true) or hide (false)' })
  @IsBoolean()
  revealed: boolean;

  @WholeNumber({ min: 1, doc: { description: 'The stage version this console last saw' } })
  version: number;
}

export const CEREMONY_ACTIONS = ['start', 'next', 'all', 'end'] as const;
export type CeremonyAction = (typeof CEREMONY_ACTIONS)[number];

export class CeremonyDto {
  @ApiProperty({
    enum: CEREMONY_ACTIONS,
    description:
      'start: clear the board for the ceremony; next: reveal the next prize (last place first); all: reveal every prize; end: back to the normal board',
  })
  @IsIn(CEREMONY_ACTIONS)
  action: CeremonyAction;

  @WholeNumber({ min: 1, doc: { description: 'The live-state version this console last saw' } })
  version: number;
}
