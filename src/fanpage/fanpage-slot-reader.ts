import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { ContestsService } from '../contests/contests.service';
import { FanpageConnectionService } from './fanpage-connection.service';
import {
  FanpageReadingRecords,
  type ReadingKind,
  type ReadingRow,
  type ReadingStatus,
} from './fanpage-reading-records';
import { FanpageClock, FanpageGraph } from './fanpage-settings';
import { readFromGraph, type EntryRow } from './graph-reading';
import type { DueSlot } from './schedule';

/** Any constant: with the contest, the key of the lock that lets one instance read at a time. */
export const FANPAGE_LOCK_KEY = 28_0001;

/** What one slot came to (for the scheduler's log and the tests). */
export type SlotOutcome = ReadingStatus | 'busy' | 'skipped';

/**
 * One reading slot (contest + scheduled time, unique), read once: under the contest's
 * advisory lock, in one transaction with the snapshot, the reading row, its audit row and the
 * organisers' messages, so two instances or a restart never read the same slot twice, and a
 * crash mid-way leaves nothing (the slot is read again).
 */
@Injectable()
export class FanpageSlotReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly connections: FanpageConnectionService,
    private readonly records: FanpageReadingRecords,
    private readonly graph: FanpageGraph,
    private readonly clock: FanpageClock,
  ) {}

  read(contestId: string, slot: DueSlot, actor: Actor | null): Promise<SlotOutcome> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(
        `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked`,
        [FANPAGE_LOCK_KEY, contestId],
      )) as { locked: boolean }[];
      if (!locked) return 'busy';
      const scheduledAt = new Date(slot.scheduledAt);
      const existing = await slotRow(em, contestId, scheduledAt);
      const now = this.clock.now();
      if (existing && existing.status !== 'retrying') return 'skipped';
      if (existing?.next_attempt_at && existing.next_attempt_at > now) return 'skipped';
      const contest = await this.contests.get(contestId, em);
      const connection = await this.connections.find(em, contestId);
      if (!connection) return 'skipped';
      const kind: ReadingKind = actor ? 'manual' : slot.kind === 'cutoff' ? 'cutoff' : 'scheduled';
      const write = { contest, connection, kind, scheduledAt, existing, actor, now };
      if (slot.kind === 'cutoff-missed') return this.records.missed(em, write);
      const reading = await readFromGraph(
        this.graph,
        connection,
        await publishedEntries(em, contestId),
      );
      return reading.ok
        ? this.records.done(em, write, reading)
        : this.records.failed(em, write, reading);
    });
  }
}

function slotRow(
  em: EntityManager,
  contestId: string,
  scheduledAt: Date,
): Promise<ReadingRow | undefined> {
  return em
    .query(
      `SELECT id, status, attempts, next_attempt_at FROM fanpage_readings
        WHERE contest_id = $1 AND scheduled_at = $2`,
      [contestId, scheduledAt],
    )
    .then((rows: ReadingRow[]) => rows[0]);
}

function publishedEntries(em: EntityManager, contestId: string): Promise<EntryRow[]> {
  return em.query(
    `SELECT e.id AS "entryId", t.number AS "teamNumber", t.name AS "teamName",
            e.post_url AS "postUrl"
       FROM entries e JOIN teams t ON t.id = e.team_id
      WHERE e.contest_id = $1 AND e.status = 'published' ORDER BY t.number`,
    [contestId],
  );
}
