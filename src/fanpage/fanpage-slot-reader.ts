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
  type SlotWrite,
} from './fanpage-reading-records';
import { FanpageClock, FanpageGraph } from './fanpage-settings';
import { readFromGraph, type EntryRow } from './graph-reading';
import type { DueSlot } from './schedule';

/** Any constant: with the contest, the key of the lock that lets one instance read at a time. */
export const FANPAGE_LOCK_KEY = 28_0001;

/** What one slot came to (for the scheduler's log and the tests). */
export type SlotOutcome = ReadingStatus | 'busy' | 'skipped';

/**
 * One reading slot (contest + scheduled time, unique), read once. Facebook is asked first,
 * outside any transaction and holding no pooled connection (an answer may take up to 20 s per
 * request); then one short transaction under the contest's advisory lock writes the snapshot,
 * the reading row, its audit row and the organisers' messages, after checking that nobody
 * wrote the slot meanwhile. Two instances or a restart never write the same slot twice, and a
 * crash mid-way leaves nothing (the slot is read again).
 */
@Injectable()
export class FanpageSlotReader {
  /** Contests this instance is reading now: a second reading of one of them is `busy`. */
  private readonly reading = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly connections: FanpageConnectionService,
    private readonly records: FanpageReadingRecords,
    private readonly graph: FanpageGraph,
    private readonly clock: FanpageClock,
  ) {}

  async read(contestId: string, slot: DueSlot, actor: Actor | null): Promise<SlotOutcome> {
    if (this.reading.has(contestId)) return 'busy';
    this.reading.add(contestId);
    try {
      return await this.readOnce(contestId, slot, actor);
    } finally {
      this.reading.delete(contestId);
    }
  }

  private async readOnce(contestId: string, slot: DueSlot, actor: Actor | null) {
    const db = this.dataSource.manager;
    const scheduledAt = new Date(slot.scheduledAt);
    const now = this.clock.now();
    const seen = await slotRow(db, contestId, scheduledAt);
    if (seen && seen.status !== 'retrying') return 'skipped';
    if (seen?.next_attempt_at && seen.next_attempt_at > now) return 'skipped';
    const connection = await this.connections.find(db, contestId);
    if (!connection) return 'skipped';
    const kind: ReadingKind = actor ? 'manual' : slot.kind === 'cutoff' ? 'cutoff' : 'scheduled';
    const target = { connection, kind, scheduledAt, actor, now };
    if (slot.kind === 'cutoff-missed')
      return this.write(contestId, seen, target, (em, w) => this.records.missed(em, w));
    // Facebook first, with no transaction open and no connection taken from the pool
    const reading = await readFromGraph(
      this.graph,
      connection,
      await publishedEntries(db, contestId),
    );
    // dated when Facebook answered: a slow answer holds counts of that moment (maybe past the
    // cut-off), never of when it was asked
    const answered = { ...target, now: this.clock.now() };
    return this.write(contestId, seen, answered, (em, w) =>
      reading.ok ? this.records.done(em, w, reading) : this.records.failed(em, w, reading),
    );
  }

  /** The short transaction: lock, check the slot is as it was before Facebook, write. */
  private write(
    contestId: string,
    seen: ReadingRow | undefined,
    target: Omit<SlotWrite, 'contest' | 'existing'>,
    record: (em: EntityManager, w: SlotWrite) => Promise<SlotOutcome>,
  ): Promise<SlotOutcome> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
        FANPAGE_LOCK_KEY,
        contestId,
      ]);
      const existing = await slotRow(em, contestId, target.scheduledAt);
      // another instance wrote this slot while Facebook answered: its reading stands
      if (!sameAttempt(existing, seen)) return 'skipped';
      const contest = await this.contests.get(contestId, em);
      return record(em, { ...target, contest, existing });
    });
  }
}

function sameAttempt(a: ReadingRow | undefined, b: ReadingRow | undefined): boolean {
  if (!a || !b) return a === b;
  return a.id === b.id && a.status === b.status && a.attempts === b.attempts;
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
