import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { SETTINGS, Settings } from '../config/settings';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** What the mail server said: accepted, refused for good (5xx), or "try later". */
export type SendOutcome =
  | { kind: 'accepted'; response: string }
  | { kind: 'refused'; response: string }
  | { kind: 'temporary'; response: string };

/**
 * nodemailer over SMTP (`SMTP_URL`). One pooled connection per instance: the sender sends one
 * message at a time, so a single connection is reused instead of a handshake per message.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter | null;
  readonly from: string | undefined;
  readonly replyTo: string | undefined;
  /** The domain of Message-IDs (the sender's domain). */
  readonly messageIdDomain: string;

  constructor(@Inject(SETTINGS) settings: Settings) {
    const { config } = settings;
    this.from = config.MAIL_FROM;
    this.replyTo = config.MAIL_REPLY_TO;
    this.messageIdDomain = /@([^>\s]+)/.exec(config.MAIL_FROM ?? '')?.[1] ?? 'localhost';
    const timeout = config.NOTIFY_SMTP_TIMEOUT_SECONDS * 1000;
    this.transporter = config.SMTP_URL
      ? nodemailer.createTransport({
          url: config.SMTP_URL,
          pool: true,
          maxConnections: 1,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
        } as Parameters<typeof nodemailer.createTransport>[0])
      : null;
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    if (!this.transporter) return { kind: 'temporary', response: 'E-mail chưa được cấu hình.' };
    try {
      const info = (await this.transporter.sendMail({
        from: this.from,
        ...(this.replyTo ? { replyTo: this.replyTo } : {}),
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
      })) as { response?: string; rejected?: unknown[] };
      if (info.rejected?.length)
        return { kind: 'refused', response: info.response ?? 'Địa chỉ bị từ chối.' };
      return { kind: 'accepted', response: info.response ?? '250' };
    } catch (error) {
      const e = error as {
        responseCode?: number;
        response?: string;
        message?: string;
        rejectedErrors?: { responseCode?: number; response?: string }[];
      };
      const rejected = e.rejectedErrors?.[0];
      const response = rejected?.response ?? e.response ?? e.message ?? String(error);
      const code = rejected?.responseCode ?? e.responseCode ?? Number(/^\d{3}/.exec(response)?.[0]);
      // 5xx is the server's final word (bad address, refused content): retrying cannot help.
      if (code >= 500 && code < 600) return { kind: 'refused', response };
      return { kind: 'temporary', response };
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
