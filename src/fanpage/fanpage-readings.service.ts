import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { toColumns } from '../interactions/count-columns-text';
import { assertImportPhase } from '../interactions/interaction-queries';
import { storeSnapshots } from '../interactions/snapshot-counts';
import { enqueue } from '../notifications/events';
import { FanpageConnectionService, type ConnectionRow } from './fanpage-connection.service';
import { FanpageClock, FanpageGraph } from './fanpage-settings';
import { GraphFailure, type RawAnswer } from './graph-client';
import { graphProblem, type GraphProblem } from './graph-problems';
import { graphObjectId } from './post-ids';
import { CUTOFF_RETRY_DELAY_MS, dueSlots, type DueSlot } from './schedule';

/** Any constant: with the contest, the key of the lock that lets one instance read at a time. */
const FANPAGE_LOCK_KEY = 28_0001;

export type ReadingKind = 'scheduled' | 'cutoff' | 'manual';
export type ReadingStatus = 'done' | 'failed' | 'retrying' | 'missed';

interface ReadingRow {
  id: string;
  status: ReadingStatus;
  attempts: number;
  next_attempt_at: Date | null;
}

interface EntryRow {
  entryId: string;
  teamNumber: number;
  teamName: string;
  postUrl: string | null;
}

export interface UnreadEntry {
  entryId: string;
  teamNumber: number;
  teamName: string;
  problemCode: string;
  reason: string;
}

/** What one slot came to (for the scheduler's log and the tests). */
export type SlotOutcome = ReadingStatus | 'busy' | 'skipped';

/**
 * Readings of the fanpage's counts through the Graph API. Each reading is one slot (contest +
 * scheduled time, unique): it runs inside one transaction holding a per-contest advisory
 * lock, so two instances or a restart never read the same slot twice, and a crash mid-way
 * leaves nothing (the slot is read again). A successful reading is an interaction snapshot
 * of source `graph`, written by the import's own write path (storeSnapshots: the same audit
 * row, the same anomaly flags and exclusions downstream); the raw answers are kept with
 * their SHA-256 as evidence. A failure is a reading row with the problem, and a Vietnamese
 * message to the organisers saying what to do; never a zero.
 */
@Injectable()
export class FanpageReadingsService {
  private readonly log = new Logger('Fanpage');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly connections: FanpageConnectionService,
    private readonly graph: FanpageGraph,
    private readonly clock: FanpageClock,
    private readonly audit: AuditService,
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
      const cutoff = row.cutoff ? new Date(row.cutoff).getTime() : null;
      const slots = dueSlots({
        now: now.getTime(),
        intervalMinutes: row.interval_minutes,
        cutoff: cutoff !== null && !Number.isNaN(cutoff) ? cutoff : null,
        cutoffRetryMinutes: row.cutoff_retry_minutes,
        connectedAt: row.connected_at.getTime(),
      });
      for (const slot of slots) {
        try {
          const outcome = await this.readSlot(row.contest_id, slot, null);
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
    const outcome = await this.readSlot(contestId, slot, actor);
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

  /**
   * One slot, once: under the contest's advisory lock, in one transaction with the snapshot,
   * the reading row, its audit row and the organisers' messages.
   */
  private readSlot(contestId: string, slot: DueSlot, actor: Actor | null): Promise<SlotOutcome> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(
        `SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked`,
        [FANPAGE_LOCK_KEY, contestId],
      )) as { locked: boolean }[];
      if (!locked) return 'busy';
      const scheduledAt = new Date(slot.scheduledAt);
      const [existing] = (await em.query(
        `SELECT id, status, attempts, next_attempt_at FROM fanpage_readings
          WHERE contest_id = $1 AND scheduled_at = $2`,
        [contestId, scheduledAt],
      )) as ReadingRow[];
      const now = this.clock.now();
      if (existing && existing.status !== 'retrying') return 'skipped';
      if (existing?.next_attempt_at && existing.next_attempt_at > now) return 'skipped';
      const contest = await this.contests.get(contestId, em);
      const connection = await this.connections.find(em, contestId);
      if (!connection) return 'skipped';
      if (slot.kind === 'cutoff-missed')
        return this.markMissed(em, contest, connection, scheduledAt, existing);
      return this.read(em, contest, connection, slot, existing, actor, now);
    });
  }

  private async read(
    em: EntityManager,
    contest: Contest,
    connection: ConnectionRow,
    slot: DueSlot,
    existing: ReadingRow | undefined,
    actor: Actor | null,
    now: Date,
  ): Promise<SlotOutcome> {
    const kind: ReadingKind = actor ? 'manual' : (slot.kind as ReadingKind);
    const scheduledAt = new Date(slot.scheduledAt);
    const entries = (await em.query(
      `SELECT e.id AS "entryId", t.number AS "teamNumber", t.name AS "teamName",
              e.post_url AS "postUrl"
         FROM entries e JOIN teams t ON t.id = e.team_id
        WHERE e.contest_id = $1 AND e.status = 'published' ORDER BY t.number`,
      [contest.id],
    )) as EntryRow[];
    const unread: UnreadEntry[] = [];
    const objectOf = new Map<string, EntryRow>();
    for (const entry of entries) {
      const id = graphObjectId(connection.page_id, entry.postUrl);
      if (id) objectOf.set(id, entry);
      else unread.push(unreadOf(entry, graphProblem('POST_ADDRESS_UNREADABLE')));
    }
    const token = this.graph.vault.open(connection.token_ciphertext);
    if (!token)
      return this.fail(em, contest, connection, kind, scheduledAt, existing, now, actor, {
        problem: graphProblem('TOKEN_KEY_MISMATCH'),
        answers: [],
      });
    const client = this.graph.client(connection.api_version, token);
    let result: Awaited<ReturnType<typeof client.readPosts>>;
    try {
      result = await client.readPosts([...objectOf.keys()]);
    } catch (error) {
      if (!(error instanceof GraphFailure)) throw error;
      return this.fail(em, contest, connection, kind, scheduledAt, existing, now, actor, {
        problem: error.problem,
        answers: error.answers,
      });
    }
    for (const [id, problem] of result.unread) unread.push(unreadOf(objectOf.get(id)!, problem));
    // nothing read at all is a failed reading, never a snapshot of zeros
    if (result.counts.size === 0)
      return this.fail(em, contest, connection, kind, scheduledAt, existing, now, actor, {
        problem: graphProblem(
          unread[0]?.problemCode === 'POST_ADDRESS_UNREADABLE'
            ? 'POST_ADDRESS_UNREADABLE'
            : 'GRAPH_POST_UNAVAILABLE',
        ),
        answers: result.answers,
      });
    const counts = [...result.counts].map(([id, c]) => ({
      entryId: objectOf.get(id)!.entryId,
      ...c,
    }));
    const evidence = JSON.stringify(result.answers);
    const sha256 = createHash('sha256').update(evidence).digest('hex');
    // the official reading is dated at the cut-off itself, the others when they were read
    const takenAt = kind === 'cutoff' ? scheduledAt : now;
    const [snapshotId] = await storeSnapshots(em, actor, contest, [
      {
        takenAt,
        source: 'graph',
        fileSha256: sha256,
        fileName: `graph-${takenAt.toISOString()}.json`,
        counts: toColumns(counts),
      },
    ]);
    const readingId = await this.saveReading(em, contest.id, existing, {
      scheduledAt,
      kind,
      status: 'done',
      attempts: (existing?.attempts ?? 0) + 1,
      readAt: now,
      nextAttemptAt: null,
      snapshotId: snapshotId!,
      responses: evidence,
      responsesSha256: sha256,
      unread,
      problem: null,
    });
    await this.auditReading(em, actor, contest.id, readingId, {
      scheduledAt,
      kind,
      status: 'done',
      snapshotId,
      responsesSha256: sha256,
      posts: counts.length,
      unread: unread.length,
    });
    await em.query(
      `UPDATE fanpage_connections SET problem_code = NULL, problem_at = NULL WHERE contest_id = $1`,
      [contest.id],
    );
    if (unread.length) {
      const fingerprint = createHash('sha256')
        .update(unread.map((u) => `${u.entryId}:${u.problemCode}`).join(','))
        .digest('hex')
        .slice(0, 16);
      await enqueue(em, {
        type: 'fanpage.problem',
        contestId: contest.id,
        occurrence: `unread:${connection.generation}:${fingerprint}`,
        problem: graphProblem(unread[0]!.problemCode as GraphProblem['code']),
        scheduledAt: scheduledAt.toISOString(),
        unread: unread.map((u) => ({
          teamNumber: u.teamNumber,
          teamName: u.teamName,
          reason: u.reason,
        })),
      });
    }
    if (client.servedVersion)
      await enqueue(em, {
        type: 'fanpage.problem',
        contestId: contest.id,
        occurrence: `version:${connection.api_version}:${connection.generation}`,
        problem: graphProblem('GRAPH_VERSION_RETIRED'),
        scheduledAt: scheduledAt.toISOString(),
      });
    return 'done';
  }

  /**
   * A reading Facebook refused: the official one is retried within the organisers' window,
   * any other is recorded as failed; either way the organisers are told (once per problem and
   * connection, not at every hourly failure).
   */
  private async fail(
    em: EntityManager,
    contest: Contest,
    connection: ConnectionRow,
    kind: ReadingKind,
    scheduledAt: Date,
    existing: ReadingRow | undefined,
    now: Date,
    actor: Actor | null,
    failure: { problem: GraphProblem; answers: RawAnswer[] },
  ): Promise<SlotOutcome> {
    const { problem } = failure;
    const status: ReadingStatus = kind === 'cutoff' ? 'retrying' : 'failed';
    const evidence = JSON.stringify(failure.answers);
    const sha256 = createHash('sha256').update(evidence).digest('hex');
    const readingId = await this.saveReading(em, contest.id, existing, {
      scheduledAt,
      kind,
      status,
      attempts: (existing?.attempts ?? 0) + 1,
      readAt: now,
      nextAttemptAt: status === 'retrying' ? new Date(now.getTime() + CUTOFF_RETRY_DELAY_MS) : null,
      snapshotId: null,
      responses: evidence,
      responsesSha256: sha256,
      unread: [],
      problem,
    });
    await this.auditReading(em, actor, contest.id, readingId, {
      scheduledAt,
      kind,
      status,
      problemCode: problem.code,
      graphCode: problem.graphCode ?? null,
      responsesSha256: sha256,
    });
    await em.query(
      `UPDATE fanpage_connections SET problem_code = $2, problem_at = $3 WHERE contest_id = $1`,
      [contest.id, problem.code, now],
    );
    await enqueue(em, {
      type: 'fanpage.problem',
      contestId: contest.id,
      occurrence: `${problem.code}:${connection.generation}`,
      problem,
      scheduledAt: scheduledAt.toISOString(),
    });
    return status;
  }

  /** The window after the cut-off is over without an official reading: import by file. */
  private async markMissed(
    em: EntityManager,
    contest: Contest,
    connection: ConnectionRow,
    scheduledAt: Date,
    existing: ReadingRow | undefined,
  ): Promise<SlotOutcome> {
    const [last] = (await em.query(
      `SELECT problem_code FROM fanpage_readings WHERE contest_id = $1 AND scheduled_at = $2`,
      [contest.id, scheduledAt],
    )) as { problem_code: GraphProblem['code'] | null }[];
    const problem = graphProblem(
      last?.problem_code ?? connection.problem_code ?? 'GRAPH_UNAVAILABLE',
    );
    const readingId = await this.saveReading(em, contest.id, existing, {
      scheduledAt,
      kind: 'cutoff',
      status: 'missed',
      attempts: existing?.attempts ?? 0,
      readAt: null,
      nextAttemptAt: null,
      snapshotId: null,
      responses: null,
      responsesSha256: null,
      unread: [],
      problem,
    });
    await this.auditReading(em, null, contest.id, readingId, {
      scheduledAt,
      kind: 'cutoff',
      status: 'missed',
      problemCode: problem.code,
    });
    await enqueue(em, {
      type: 'fanpage.problem',
      contestId: contest.id,
      occurrence: `cutoff:${scheduledAt.toISOString()}`,
      problem,
      scheduledAt: scheduledAt.toISOString(),
      cutoffMissed: true,
    });
    return 'missed';
  }

  private async saveReading(
    em: EntityManager,
    contestId: string,
    existing: ReadingRow | undefined,
    r: {
      scheduledAt: Date;
      kind: ReadingKind;
      status: ReadingStatus;
      attempts: number;
      readAt: Date | null;
      nextAttemptAt: Date | null;
      snapshotId: string | null;
      responses: string | null;
      responsesSha256: string | null;
      unread: UnreadEntry[];
      problem: GraphProblem | null;
    },
  ): Promise<string> {
    const values = [
      r.status,
      r.attempts,
      r.readAt,
      r.nextAttemptAt,
      r.snapshotId,
      r.responses,
      r.responsesSha256,
      JSON.stringify(r.unread),
      r.problem?.code ?? null,
      r.problem ? `${r.problem.message} ${r.problem.action}` : null,
    ];
    if (existing) {
      // a missed reading (no answers of its own) keeps those of its last failed attempt
      await em.query(
        `UPDATE fanpage_readings SET status = $2, attempts = $3, read_at = coalesce($4, read_at),
                next_attempt_at = $5, snapshot_id = $6, responses = coalesce($7, responses),
                responses_sha256 = coalesce($8, responses_sha256), unread = $9::jsonb,
                problem_code = $10, problem_message = $11, updated_at = now()
          WHERE id = $1`,
        [existing.id, ...values],
      );
      return existing.id;
    }
    const [row] = (await em.query(
      `INSERT INTO fanpage_readings
         (contest_id, scheduled_at, kind, status, attempts, read_at, next_attempt_at, snapshot_id,
          responses, responses_sha256, unread, problem_code, problem_message)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)
       RETURNING id`,
      [contestId, r.scheduledAt, r.kind, ...values],
    )) as { id: string }[];
    return row!.id;
  }

  private async auditReading(
    em: EntityManager,
    actor: Actor | null,
    contestId: string,
    readingId: string,
    after: Record<string, unknown>,
  ) {
    await this.audit.record(em, actor, {
      contestId,
      action: 'fanpage.reading',
      entityType: 'fanpage_reading',
      entityId: readingId,
      after,
    });
  }
}

function unreadOf(entry: EntryRow, problem: GraphProblem): UnreadEntry {
  return {
    entryId: entry.entryId,
    teamNumber: entry.teamNumber,
    teamName: entry.teamName,
    problemCode: problem.code,
    reason: problem.message,
  };
}
