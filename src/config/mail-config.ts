import { IsOptional, Matches, ValidateIf } from 'class-validator';
import { IntSetting } from './config-transforms';

/**
 * Notifications: the mail server, the sender's retries and the judges' reminders
 * (docs/notifications.md).
 */
export class MailConfig {
  /** Mail server, e.g. smtp://user:pass@mail.example.vn:587 or smtps://…:465; unset: no e-mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL phải có dạng smtp://… hoặc smtps://…' })
  SMTP_URL?: string;

  /** Sender of every e-mail, e.g. "Hội thi CCHC <hoithi@noivu.example.vn>"; required with SMTP_URL. */
  @ValidateIf((c: MailConfig) => !!c.SMTP_URL || c.MAIL_FROM !== undefined)
  @Matches(/^(?:[^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/, {
    message: 'MAIL_FROM phải là một địa chỉ e-mail (bắt buộc khi có SMTP_URL)',
  })
  MAIL_FROM?: string;

  /** Where replies go (e.g. the organisers' desk); optional. */
  @IsOptional()
  @Matches(/^(?:[^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/, {
    message: 'MAIL_REPLY_TO phải là một địa chỉ e-mail',
  })
  MAIL_REPLY_TO?: string;

  /** How often the sender looks for due e-mails, in milliseconds. */
  @IntSetting(20, 600_000)
  NOTIFY_POLL_MS = 2_000;

  /** Attempts before a temporarily failing e-mail is given up as failed. */
  @IntSetting(1, 50)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** First retry delay; each next one doubles (capped at 6 hours). */
  @IntSetting(1, 86_400)
  NOTIFY_RETRY_BASE_SECONDS = 60;

  /** Connection, greeting and socket timeout towards the mail server. */
  @IntSetting(1, 600)
  NOTIFY_SMTP_TIMEOUT_SECONDS = 30;

  /** Reminders of missing scorecards go this many hours before the judging deadline. */
  @IntSetting(1, 24 * 30)
  REMINDER_HOURS_BEFORE = 24;

  /** How often the reminder job looks for due reminders; 0 disables it. */
  @IntSetting(0, 86_400)
  REMINDER_CHECK_INTERVAL_SECONDS = 300;
}
