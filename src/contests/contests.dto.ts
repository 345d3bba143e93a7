import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CONTEST_STATUSES, ContestStatus } from './contest-status';
import { rulesProperty } from './rules.schema';
import { WholeNumber } from '../common/whole-number.decorator';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/;

const URL_OPTIONS = { protocols: ['https', 'http'], require_protocol: true };

export class CreateContestDto {
  @ApiProperty({ example: 'nga-bay-2022' })
  @Matches(SLUG, { message: 'slug gồm 3-60 ký tự a-z, 0-9 và dấu gạch ngang.' })
  slug: string;

  @ApiProperty()
  @IsString()
  @Length(3, 300)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  fanpageUrl?: string;

  @ApiPropertyOptional(rulesProperty('Rules document; the platform defaults when omitted'))
  @IsOptional()
  @IsObject()
  rules?: Record<string, unknown>;
}

export class UpdateContestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(3, 300)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(500)
  fanpageUrl?: string;

  @ApiPropertyOptional({
    nullable: true,
    format: 'date-time',
    description: 'When the final round takes place, as announced to the public; null clears it',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'Thời gian vòng chung khảo phải là ngày giờ hợp lệ (ISO 8601).' },
  )
  finalAt?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 300,
    description: 'Where the final round takes place; null or blank clears it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'Địa điểm vòng chung khảo tối đa 300 ký tự.' })
  finalVenue?: string | null;

  @WholeNumber({
    optional: true,
    min: 1,
    doc: { description: 'Optimistic lock: the version you read' },
  })
  version?: number;
}

export class TransitionDto {
  @ApiProperty({ enum: CONTEST_STATUSES })
  @IsIn(CONTEST_STATUSES)
  to: ContestStatus;

  @ApiPropertyOptional({ description: 'Required when moving backwards' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(5, 2000)
  reason?: string;
}

export class PutRulesDto {
  @ApiProperty(rulesProperty('The complete rules document'))
  @IsObject()
  rules: Record<string, unknown>;

  @WholeNumber({
    optional: true,
    min: 1,
    doc: { description: 'Optimistic lock: the rulesVersion you read' },
  })
  rulesVersion?: number;
}

export class AmendRulesDto extends PutRulesDto {
  @ApiProperty({ description: 'Why the rules change after judging started (kept in history)' })
  @Trimmed()
  @IsString()
  @MinLength(10, { message: 'Lý do sửa đổi thể lệ phải dài ít nhất 10 ký tự.' })
  @MaxLength(2000)
  reason: string;
}
