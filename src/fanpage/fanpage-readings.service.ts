import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { assertImportPhase } from '../interactions/interaction-queries';
import { FanpageConnectionService } from './fanpage-connection.service';
import { FanpageClock } from './fanpage-settings';
import { FanpageSlotReader, type SlotOutcome } from './fanpage-slot-reader';
import { dueSlots, type DueSlot } from './schedule';
import { instantOf } from '../formats';

/**
 * Readings of the fanpage's counts through the Graph API: the schedule's due slots, an
 * organiser's "read now", and the readings with their evidence. Each slot is read once by
 * FanpageSlotReader; a successful reading is an interaction snapshot of source `graph` with
 * the raw answers kept (and hashed) as evidence; a failure is a reading row with the problem
 * and a Vietnamese message to the organisers saying what to do, never a zero.
 */
@Injectable()
export class FanpageReadingsService {
  private readonly log = new Logger('Fanpage');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly connections: FanpageConnectionService,
    private readonly slots: FanpageSlotReader,
    private readonly clock: FanpageClock,
  ) {}

  /** One pass over every connected contest: the slots due now (see schedule.ts). */
  async runDue(): Promise<{ contestId: string; slot: DueSlot; outcome: SlotOutcome }[]> {
    const now = this.clock.now();
    const rows = (await this.dataSource.query(
      `SELECT f.contest_id, f.interval_minutes, f.cutoff_retry_minutes, f.connected_at,
              c.rules->'dates'->>'interactionCutoff' AS cutoff
         FROM fanpage_connections f JOIN contests c ON c.id = f.contest_id
        WHERE c.status IN ('published', 'judging')`,
    )) as {
      contest_id: string;
      interval_minutes: number | null;
      cutoff_retry_minutes: number;
      connected_at: Date;
      cutoff: string | null;
    }[];
    const done: { contestId: string; slot: DueSlot; outcome: SlotOutcome }[] = [];
    for (const row of rows) {
      // as the rules write it: Vietnam time, a date alone to its end (instantOf)
      const cutoff = row.cutoff ? instantOf(row.cutoff) : null;
      const slots = dueSlots({
        now: now.getTime(),
        intervalMinutes: row.interval_minutes,
        cutoff: cutoff !== null && !Number.isNaN(cutoff) ? cutoff : null,
        cutoffRetryMinutes: row.cutoff_retry_minutes,
        connectedAt: row.connected_at.getTime(),
      });
      for (const slot of slots) {
        try {
          const outcome = await this.slots.read(row.contest_id, slot, null);
          done.push({ contestId: row.contest_id, slot, outcome });
        } catch (error) {
          this.log.error(`đọc fanpage lỗi (hội thi ${row.contest_id}): ${String(error)}`);
        }
      }
    }
    return done;
  }

  /** An organiser's "read now": a reading at this minute, outside the schedule. */
  async readNow(actor: Actor, contestId: string) {
    const contest = await this.contests.get(contestId);
    assertImportPhase(contest);
    await this.connections.require(this.dataSource.manager, contestId);
    const now = this.clock.now().getTime();
    const slot: DueSlot = { kind: 'scheduled', scheduledAt: now };
    const outcome = await this.slots.read(contestId, slot, actor);
    if (outcome === 'busy' || outcome === 'skipped')
      throw DomainError.conflict(
        'FANPAGE_READING_BUSY',
        'Một lần đọc số liệu fanpage khác đang chạy; thử lại sau ít phút.',
        'contestId',
      );
    const [reading] = await this.list(contestId, { scheduledAt: new Date(now) });
    return reading!;
  }

  /** The readings of a contest, newest first (the raw answers only through `evidence`). */
  async list(contestId: string, filter: { scheduledAt?: Date } = {}) {
    await this.contests.get(contestId);
    const rows = (await this.dataSource.query(
      `SELECT id, scheduled_at AS "scheduledAt", kind, status, attempts, read_at AS "readAt",
              next_attempt_at AS "nextAttemptAt", snapshot_id AS "snapshotId",
              responses_sha256 AS "responsesSha256", unread, problem_code AS "problemCode",
              problem_message AS "problemMessage", created_at AS "createdAt",
              updated_at AS "updatedAt"
         FROM fanpage_readings
        WHERE contest_id = $1 AND ($2::timestamptz IS NULL OR scheduled_at = $2)
        ORDER BY scheduled_at DESC LIMIT 500`,
      [contestId, filter.scheduledAt ?? null],
    )) as Record<string, unknown>[];
    return rows;
  }

  /** The raw answers of one reading, exactly as stored (their SHA-256 is on the reading). */
  async evidence(contestId: string, readingId: string): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT responses FROM fanpage_readings WHERE contest_id = $1 AND id = $2`,
      [contestId, readingId],
    )) as { responses: string | null }[];
    if (!row) throw DomainError.notFound('FANPAGE_READING', 'Không tìm thấy lần đọc số liệu này.');
    return row.responses ?? '[]';
  }
}
