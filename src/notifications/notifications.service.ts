import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { containsPattern, foldedSql } from '../common/search-text';
import { isEmailEnabled } from './mail-switch';
import { Channel, NotificationStatus } from './notification.entity';
import { saveAddress } from './addresses';
import { renderMessage } from './templates';

interface Page {
  limit: number;
  offset: number;
}

interface ContestListFilters {
  status?: NotificationStatus;
  channel?: Channel;
  eventType?: string;
  q?: string;
}

interface InboxRow {
  id: string;
  contest_id: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** The in-app list, read marks, personal settings, and the organisers' view and resend. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---- my notifications (in-app) ----------------------------------------------------------

  async mine(actor: Actor, page: Page) {
    const rows: InboxRow[] = await this.dataSource.query(
      `SELECT id, contest_id, event_type, payload, created_at, read_at
         FROM notifications
        WHERE recipient_id = $1 AND channel = 'in_app'
        ORDER BY created_at DESC, id
        LIMIT $2 OFFSET $3`,
      [actor.userId, page.limit, page.offset],
    );
    const [counts]: { total: number; unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE recipient_id = $1 AND channel = 'in_app'`,
      [actor.userId],
    );
    return { items: rows.map(inboxView), total: counts!.total, unread: counts!.unread };
  }

  async unreadCount(actor: Actor) {
    const [row]: { unread: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notifications
        WHERE recipient_id = $1 AND channel = 'in_app' AND read_at IS NULL`,
      [actor.userId],
    );
    return { unread: row!.unread };
  }

  async markRead(actor: Actor, id: string) {
    return this.dataSource.transaction(async (em) => {
      const rows = updated<InboxRow>(
        await em.query(
          `UPDATE notifications SET read_at = coalesce(read_at, now()), updated_at = now()
          WHERE id = $1 AND recipient_id = $2 AND channel = 'in_app'
          RETURNING id, contest_id, event_type, payload, created_at, read_at`,
          [id, actor.userId],
        ),
      );
      const row = rows[0];
      if (!row) throw DomainError.notFound('NOTIFICATION', 'Không tìm thấy thông báo.');
      await this.audit.record(em, actor, {
        contestId: row.contest_id,
        action: 'notification.read',
        entityType: 'notification',
        entityId: id,
      });
      return inboxView(row);
    });
  }

  async markAllRead(actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const rows = updated(
        await em.query(
          `UPDATE notifications SET read_at = now(), updated_at = now()
            WHERE recipient_id = $1 AND channel = 'in_app' AND read_at IS NULL
            RETURNING id`,
          [actor.userId],
        ),
      );
      await this.audit.record(em, actor, {
        contestId: null,
        action: 'notification.read_all',
        entityType: 'notification',
        entityId: actor.userId,
        after: { marked: rows.length },
      });
      return { marked: rows.length };
    });
  }

  // ---- settings ---------------------------------------------------------------------------

  async mySettings(actor: Actor) {
    return this.settingsOf(this.dataSource.manager, actor.userId);
  }

  async updateMySettings(actor: Actor, input: { email?: string | null; reminders?: boolean }) {
    return this.dataSource.transaction(async (em) => {
      const before = await this.settingsOf(em, actor.userId);
      await em.query(
        `INSERT INTO notification_settings (user_id, email, reminders) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email,
                reminders = EXCLUDED.reminders, updated_at = now()`,
        [
          actor.userId,
          input.email === undefined ? before.email : input.email,
          input.reminders ?? before.reminders,
        ],
      );
      const after = await this.settingsOf(em, actor.userId);
      await this.audit.record(em, actor, {
        contestId: null,
        action: 'notification.settings',
        entityType: 'notification_settings',
        entityId: actor.userId,
        before: { email: before.email, reminders: before.reminders },
        after: { email: after.email, reminders: after.reminders },
      });
      return after;
    });
  }

  private async settingsOf(em: EntityManager, userId: string) {
    const [row]: { email: string | null; reminders: boolean }[] = await em.query(
      `SELECT email, reminders FROM notification_settings WHERE user_id = $1`,
      [userId],
    );
    return {
      email: row?.email ?? null,
      reminders: row?.reminders ?? true,
      emailEnabled: isEmailEnabled(),
    };
  }

  // ---- organisers -------------------------------------------------------------------------

  /**
   * What the contest sent to whom, newest first, filtered by status, channel, event and a
   * part of the recipient's name or address; `counts` are per status under the same filters
   * but the status (so the filter can say how many failed).
   */
  async ofContest(contestId: string, query: Page & ContestListFilters) {
    const params: unknown[] = [contestId];
    const where = ['n.contest_id = $1'];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.channel) add((p) => `n.channel = ${p}`, query.channel);
    if (query.eventType) add((p) => `n.event_type = ${p}`, query.eventType);
    if (query.q?.trim())
      add(
        (p) =>
          `(${foldedSql('u.display_name')} LIKE ${p} OR ${foldedSql('n.to_address')} LIKE ${p})`,
        containsPattern(query.q),
      );
    const from = `FROM notifications n JOIN users u ON u.id = n.recipient_id`;
    const counts: { status: NotificationStatus; n: number }[] = await this.dataSource.query(
      `SELECT n.status, count(*)::int AS n ${from} WHERE ${where.join(' AND ')} GROUP BY n.status`,
      params,
    );
    if (query.status) add((p) => `n.status = ${p}`, query.status);
    const rows: SentRow[] = await this.dataSource.query(
      `SELECT ${SENT_COLUMNS} ${from} WHERE ${where.join(' AND ')}
        ORDER BY n.created_at DESC, n.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    const byStatus = { pending: 0, sent: 0, failed: 0 };
    for (const c of counts) byStatus[c.status] = c.n;
    const total = query.status
      ? byStatus[query.status]
      : byStatus.pending + byStatus.sent + byStatus.failed;
    return {
      items: rows.map(sentView),
      total,
      limit: query.limit,
      offset: query.offset,
      counts: byStatus,
    };
  }

  /** Sends an e-mail again (a new Message-ID: it is a deliberate new copy). */
  async resend(actor: Actor, contestId: string, id: string) {
    return this.dataSource.transaction(async (em) => {
      const [row]: { channel: Channel; status: NotificationStatus }[] = await em.query(
        `SELECT channel, status FROM notifications WHERE id = $1 AND contest_id = $2 FOR UPDATE`,
        [id, contestId],
      );
      if (!row) throw DomainError.notFound('NOTIFICATION', 'Không tìm thấy thông báo.');
      if (row.channel !== 'email')
        throw DomainError.conflict(
          'NOT_AN_EMAIL',
          'Chỉ gửi lại được thông báo qua e-mail.',
          'channel',
        );
      if (row.status === 'pending')
        throw DomainError.conflict(
          'ALREADY_PENDING',
          'Thư đang chờ gửi, không cần gửi lại.',
          'status',
        );
      if (!isEmailEnabled())
        throw DomainError.conflict('EMAIL_DISABLED', 'Máy chủ chưa cấu hình gửi e-mail.');
      await em.query(
        `UPDATE notifications SET status = 'pending', attempts = 0, resends = resends + 1,
                bounced_at = NULL, bounce_reason = NULL,
                next_attempt_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'notification.resend',
        entityType: 'notification',
        entityId: id,
        before: { status: row.status },
        after: { status: 'pending' },
      });
      return sentById(em, id);
    });
  }

  /**
   * An organiser records that a message the mail server accepted came back later (a bounce
   * the app does not read): the row becomes `failed` with the reason, and can be resent.
   */
  async markBounced(actor: Actor, contestId: string, id: string, reason: string) {
    return this.dataSource.transaction(async (em) => {
      const [row]: { channel: Channel; status: NotificationStatus; last_response: string }[] =
        await em.query(
          `SELECT channel, status, last_response FROM notifications
            WHERE id = $1 AND contest_id = $2 FOR UPDATE`,
          [id, contestId],
        );
      if (!row) throw DomainError.notFound('NOTIFICATION', 'Không tìm thấy thông báo.');
      if (row.channel !== 'email' || row.status !== 'sent')
        throw DomainError.conflict(
          'NOT_SENT_EMAIL',
          'Chỉ ghi nhận "bị trả lại" cho thư điện tử đã gửi đi.',
          'status',
        );
      await em.query(
        `UPDATE notifications SET status = 'failed', bounced_at = now(), bounce_reason = $2,
                updated_at = now() WHERE id = $1`,
        [id, reason],
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'notification.bounce',
        entityType: 'notification',
        entityId: id,
        before: { status: row.status, lastResponse: row.last_response },
        after: { status: 'failed', bounceReason: reason },
      });
      return sentById(em, id);
    });
  }

  /** An organiser records the e-mail address of a member of their contest. */
  async setAddress(actor: Actor, contestId: string, userId: string, email: string | null) {
    return this.dataSource.transaction(async (em) => {
      const member: unknown[] = await em.query(
        `SELECT 1 FROM contest_members WHERE contest_id = $1 AND user_id = $2`,
        [contestId, userId],
      );
      if (!member.length) throw DomainError.notFound('MEMBER', 'Người này không thuộc hội thi.');
      const before = await this.settingsOf(em, userId);
      await saveAddress(em, userId, email);
      await this.audit.record(em, actor, {
        contestId,
        action: 'notification.address',
        entityType: 'notification_settings',
        entityId: userId,
        before: { email: before.email },
        after: { email },
      });
      return { userId, email };
    });
  }
}

const SENT_COLUMNS = `n.id, n.recipient_id, u.display_name AS recipient_name, n.channel,
  n.event_type, n.payload, n.status, n.attempts, n.to_address, n.message_id, n.last_response,
  n.resends, n.next_attempt_at, n.sent_at, n.read_at, n.created_at, n.bounced_at,
  n.bounce_reason`;

interface SentRow {
  id: string;
  recipient_id: string;
  recipient_name: string;
  channel: Channel;
  event_type: string;
  payload: Record<string, unknown>;
  status: NotificationStatus;
  attempts: number;
  to_address: string | null;
  message_id: string | null;
  last_response: string | null;
  resends: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
  created_at: Date;
  bounced_at: Date | null;
  bounce_reason: string | null;
}

async function sentById(em: EntityManager, id: string) {
  const [row]: SentRow[] = await em.query(
    `SELECT ${SENT_COLUMNS} FROM notifications n JOIN users u ON u.id = n.recipient_id
      WHERE n.id = $1`,
    [id],
  );
  return sentView(row!);
}

function inboxView(row: InboxRow) {
  const m = renderMessage(row.event_type, row.payload);
  return {
    id: row.id,
    contestId: row.contest_id,
    eventType: row.event_type,
    title: m.subject,
    lines: m.lines,
    path: m.path,
    linkLabel: m.linkLabel,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

function sentView(row: SentRow) {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    channel: row.channel,
    eventType: row.event_type,
    title: renderMessage(row.event_type, row.payload).subject,
    status: row.status,
    attempts: row.attempts,
    toAddress: row.to_address,
    messageId: row.message_id,
    lastResponse: row.last_response,
    resends: row.resends,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    readAt: row.read_at,
    createdAt: row.created_at,
    bouncedAt: row.bounced_at,
    bounceReason: row.bounce_reason,
  };
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affected count]. */
function updated<T = unknown>(result: unknown): T[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
