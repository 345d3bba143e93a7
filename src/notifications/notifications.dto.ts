import { Trimmed } from '../common/trimmed.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { EVENT_TYPES } from './events';
import { CHANNELS, NOTIFICATION_STATUSES } from './notification.entity';
import { WholeNumber } from '../common/whole-number.decorator';

export class PageQuery {
  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 100,
    doc: { description: 'Rows per page' },
  })
  limit?: number;

  @WholeNumber({
    optional: true,
    query: true,
    min: 0,
    max: 1_000_000,
    doc: { description: 'Rows to skip' },
  })
  offset?: number;
}

export class ContestNotificationsQuery extends PageQuery {
  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 100_000,
    doc: { description: 'Pages of `limit` rows counted from 1; when given it replaces `offset`' },
  })
  page?: number;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: (typeof NOTIFICATION_STATUSES)[number];

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: (typeof CHANNELS)[number];

  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  eventType?: (typeof EVENT_TYPES)[number];

  @ApiPropertyOptional({
    maxLength: 100,
    description: "Part of the recipient's display name or address; case and diacritics ignored",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** A person's own settings; a field left out is not changed. */
export class UpdateNotificationSettingsDto {
  /** null removes the address (no more e-mail, in-app only). */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'Địa chỉ e-mail không hợp lệ.' })
  @MaxLength(254)
  email?: string | null;

  /** false: no e-mail reminders of missing scorecards. */
  @IsOptional()
  @IsBoolean()
  reminders?: boolean;
}

/** An organiser records a member's address (e.g. from the registration workbook). */
export class SetAddressDto {
  @ValidateIf((_o, v) => v !== null)
  @IsEmail({}, { message: 'Địa chỉ e-mail không hợp lệ.' })
  @MaxLength(254)
  email: string | null;
}

/** Why an accepted message came back (from the bounce the organiser received). */
export class MarkBouncedDto {
  @ApiProperty({ example: '550 5.1.1 Hộp thư không tồn tại (thư báo lỗi ngày 08/09/2022)' })
  @Trimmed()
  @IsString()
  @Length(3, 500, { message: 'Lý do dài từ 3 đến 500 ký tự.' })
  reason: string;
}
