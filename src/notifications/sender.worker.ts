import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { MailTransport, SendOutcome } from './mail-transport';
import { publicUrlOf } from './public-url';
import { renderEmail } from './templates';

interface DueRow {
  id: string;
  event_type: string;
  payload: Record<string, unknown>;
  attempts: number;
  resends: number;
  email: string | null;
  display_name: string;
  disabled: boolean;
}

const MAX_BACKOFF_SECONDS = 6 * 3600;

/**
 * Sends pending e-mails, one per transaction:
 *   BEGIN; SELECT … FOR UPDATE SKIP LOCKED LIMIT 1; SMTP send; UPDATE (sent/failed/retry); COMMIT
 * The row stays locked while its message is on the wire, so no other instance can pick it up
 * (SKIP LOCKED passes over it). If this process dies before COMMIT, PostgreSQL drops the
 * connection's transaction and the row is `pending` again with its attempt undone, so it is
 * sent once more, with the same Message-ID. The one duplicate that remains possible: the mail
 * server accepted the message (said 250) and the process died in the milliseconds before
 * COMMIT. See docs/notifications.md.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly mail: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    if (this.mail.enabled) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.drain()
        .catch((error: unknown) => this.log.error(`gửi e-mail lỗi: ${String(error)}`))
        .finally(() => {
          this.current = null;
          this.schedule(this.settings.config.NOTIFY_POLL_MS);
        });
    }, delayMs);
  }

  /** Sends every due e-mail; returns how many were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    while (!this.stopped && (await this.sendOne())) handled++;
    return handled;
  }

  /** Claims and handles one due e-mail; false when none is due. */
  async sendOne(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [row]: DueRow[] = await runner.query(
        `SELECT n.id, n.event_type, n.payload, n.attempts, n.resends, s.email, u.display_name,
                u.disabled_at IS NOT NULL AS disabled
           FROM notifications n
           JOIN users u ON u.id = n.recipient_id
           LEFT JOIN notification_settings s ON s.user_id = n.recipient_id
          WHERE n.channel = 'email' AND n.status = 'pending' AND n.next_attempt_at <= now()
          ORDER BY n.next_attempt_at
          LIMIT 1
          FOR UPDATE OF n SKIP LOCKED`,
      );
      if (!row) {
        await runner.commitTransaction();
        return false;
      }
      const messageId = `<${row.id}${row.resends ? `.${row.resends}` : ''}@${this.mail.messageIdDomain}>`;
      // an account disabled since the message was written is told nothing more (as enqueue)
      const outcome: SendOutcome = row.disabled
        ? { kind: 'refused', response: 'Tài khoản người nhận đã bị khoá.' }
        : row.email
          ? await this.mail.send({
              to: row.email,
              messageId,
              ...renderEmail(
                row.event_type,
                row.payload,
                row.display_name,
                publicUrlOf(this.settings.config),
              ),
            })
          : { kind: 'refused', response: 'Người nhận không còn địa chỉ e-mail.' };
      const attempts = row.attempts + 1;
      const giveUp =
        outcome.kind === 'refused' ||
        (outcome.kind === 'temporary' && attempts >= this.settings.config.NOTIFY_MAX_ATTEMPTS);
      const status = outcome.kind === 'accepted' ? 'sent' : giveUp ? 'failed' : 'pending';
      const backoff = Math.min(
        this.settings.config.NOTIFY_RETRY_BASE_SECONDS * 2 ** (attempts - 1),
        MAX_BACKOFF_SECONDS,
      );
      await runner.query(
        `UPDATE notifications
            SET status = $2::text, attempts = $3, to_address = $4, message_id = $5, last_response = $6,
                sent_at = CASE WHEN $2::text = 'sent' THEN now() END,
                next_attempt_at = now() + make_interval(secs => $7),
                updated_at = now()
          WHERE id = $1`,
        [row.id, status, attempts, row.email, messageId, outcome.response.slice(0, 2000), backoff],
      );
      await runner.commitTransaction();
      if (outcome.kind !== 'accepted')
        this.log.warn(`e-mail ${row.id} ${status}: ${outcome.response}`);
      return true;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}
