import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  MaxLength,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { CHANNELS, NOTIFICATION_STATUSES } from './notification.entity';

export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

export class ContestNotificationsQuery extends PageQuery {
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: (typeof NOTIFICATION_STATUSES)[number];

  @IsOptional()
  @IsIn(CHANNELS)
  channel?: (typeof CHANNELS)[number];
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
