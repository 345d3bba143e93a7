import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { Contest } from '../contests/contest.entity';
import { toColumns } from '../interactions/counts';
import { storeSnapshots } from '../interactions/snapshot-counts';
import { enqueue } from '../notifications/events';
import type { ConnectionRow } from './fanpage-connection.service';
import type { RawAnswer } from './graph-client';
import { graphProblem, type GraphProblem } from './graph-problems';
import type { GraphReading, UnreadEntry } from './graph-reading';
import { CUTOFF_RETRY_DELAY_MS } from './schedule';

export type ReadingKind = 'scheduled' | 'cutoff' | 'manual';
export type ReadingStatus = 'done' | 'failed' | 'retrying' | 'missed';

/** A slot's reading row as stored, when the slot was tried before. */
export interface ReadingRow {
  id: string;
  status: ReadingStatus;
  attempts: number;
  next_attempt_at: Date | null;
}

/** The slot being written: who asked, which slot, what was there before, when. */
export interface SlotWrite {
  contest: Contest;
  connection: ConnectionRow;
  kind: ReadingKind;
  scheduledAt: Date;
  existing: ReadingRow | undefined;
  actor: Actor | null;
  now: Date;
}

/**
 * What a reading leaves in the database, each inside the caller's (short) transaction: the
 * reading row with its evidence, its audit row, the connection's current problem and the
 * organisers' messages; for a successful reading also the interaction snapshot of source
 * `graph`, written by the import's own write path (the same audit row, anomaly flags and
 * exclusions downstream).
 */
@Injectable()
export class FanpageReadingRecords {
  constructor(private readonly audit: AuditService) {}

  /** Counts Facebook gave: a snapshot, the reading, and messages about posts left unread. */
  async done(
    em: EntityManager,
    w: SlotWrite,
    reading: Extract<GraphReading, { ok: true }>,
  ): Promise<'done'> {
    const { contest, connection, kind, scheduledAt, existing, actor, now } = w;
    const { counts, unread } = reading;
    const { evidence, sha256 } = evidenceOf(reading.answers);
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
    const readingId = await this.save(em, contest.id, existing, {
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
    if (reading.servedVersion)
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
  async failed(
    em: EntityManager,
    w: SlotWrite,
    failure: { problem: GraphProblem; answers: RawAnswer[] },
  ): Promise<'failed' | 'retrying'> {
    const { contest, connection, kind, scheduledAt, existing, actor, now } = w;
    const { problem } = failure;
    const status = kind === 'cutoff' ? 'retrying' : 'failed';
    const { evidence, sha256 } = evidenceOf(failure.answers);
    const readingId = await this.save(em, contest.id, existing, {
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
  async missed(em: EntityManager, w: SlotWrite): Promise<'missed'> {
    const { contest, connection, scheduledAt, existing } = w;
    const [last] = (await em.query(
      `SELECT problem_code FROM fanpage_readings WHERE contest_id = $1 AND scheduled_at = $2`,
      [contest.id, scheduledAt],
    )) as { problem_code: GraphProblem['code'] | null }[];
    const problem = graphProblem(
      last?.problem_code ?? connection.problem_code ?? 'GRAPH_UNAVAILABLE',
    );
    const readingId = await this.save(em, contest.id, existing, {
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

  private async save(
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

/** The raw answers as stored and hashed: the bytes the SHA-256 on the reading is of. */
function evidenceOf(answers: RawAnswer[]) {
  const evidence = JSON.stringify(answers);
  return { evidence, sha256: createHash('sha256').update(evidence).digest('hex') };
}
