import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { User } from '../auth/user.entity';
import { Contest } from '../contests/contest.entity';
import { BaseEntity } from '../common/base.entity';

export const CHANNELS = ['email', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The transactional outbox: one row per message per channel, written in the transaction of
 * the event it tells about (so it exists exactly when the event committed). In-app rows are
 * delivered by being there (`sent` at once); e-mail rows wait `pending` for the sender worker.
 * `dedupe_key` names the event occurrence within its contest, so the same event never makes
 * two rows.
 */
@Entity('notifications')
@Check('ck_notifications_channel', `"channel" IN ('email','in_app')`)
@Check('ck_notifications_status', `"status" IN ('pending','sent','failed')`)
@Index('uq_notifications_dedupe', ['recipientId', 'channel', 'contestId', 'dedupeKey'], {
  unique: true,
})
@Index('ix_notifications_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_notifications_inbox', ['recipientId', 'createdAt'], { where: `"channel" = 'in_app'` })
@Index('ix_notifications_contest', ['contestId', 'createdAt'])
export class Notification extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  contestId: string | null;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column({ type: 'text' })
  channel: Channel;

  /** e.g. entry.returned, results.published (see events.ts) */
  @Column({ type: 'text' })
  eventType: string;

  /** The facts of the event as they were when it committed; templates render from them. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  /** SMTP attempts made (a crash mid-send rolls its attempt back with the row lock). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** The address the last attempt went to. */
  @Column({ type: 'text', nullable: true })
  toAddress: string | null;

  /** The Message-ID header of the last attempt: one per notification (and per resend). */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  /** The mail server's last answer (e.g. "250 2.0.0 Ok: queued", "550 5.1.1 ..."). */
  @Column({ type: 'text', nullable: true })
  lastResponse: string | null;

  /**
   * An organiser recorded that the accepted message came back later (a bounce the app does
   * not read itself); the row is then `failed`. Cleared by a resend.
   */
  @Column({ type: 'timestamptz', nullable: true })
  bouncedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  bounceReason: string | null;

  /** Times an organiser asked for it again. */
  @Column({ type: 'integer', default: 0 })
  resends: number;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** In-app only: when the recipient marked it read. */
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
