import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { GraphFailure } from './graph-client';
import { graphProblem, type GraphProblem, type GraphProblemCode } from './graph-problems';
import { FanpageClock, FanpageGraph } from './fanpage-settings';
import { nextReadingAt } from './schedule';
import { tokenWarning } from './token-warning';
import { instantOf } from '../formats';

export interface ConnectInput {
  token: string;
  apiVersion: string;
  pageId?: string;
  intervalMinutes?: number | null;
  cutoffRetryMinutes?: number;
}

export interface ScheduleInputDto {
  intervalMinutes: number | null;
  cutoffRetryMinutes?: number;
}

/** A connection as stored, the token still sealed. */
export interface ConnectionRow {
  contest_id: string;
  page_id: string;
  page_name: string;
  api_version: string;
  token_ciphertext: string;
  token_expires_at: Date | null;
  token_expiry_known: boolean;
  interval_minutes: number | null;
  cutoff_retry_minutes: number;
  generation: number;
  connected_by: string | null;
  connected_at: Date;
  problem_code: GraphProblemCode | null;
  problem_at: Date | null;
}

/** The permission the Graph API documentation requires to read a Page's own posts' counts. */
const REQUIRED_SCOPE = 'pages_read_engagement';

/**
 * The contest's fanpage: an organiser pastes a Page access token and the Graph API version;
 * the token is checked against Facebook (`/me`, `/debug_token`) before anything is stored,
 * then kept only encrypted. The token never leaves: no answer, log line or audit row holds it.
 */
@Injectable()
export class FanpageConnectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
    private readonly graph: FanpageGraph,
    private readonly clock: FanpageClock,
  ) {}

  async view(contestId: string) {
    const contest = await this.contests.get(contestId);
    const row = await this.find(this.dataSource.manager, contestId);
    const cutoff = contest.rules.dates.interactionCutoff;
    if (!row) return { connected: false as const, interactionCutoff: cutoff };
    const now = this.clock.now().getTime();
    const next = nextReadingAt({
      now,
      intervalMinutes: row.interval_minutes,
      cutoff: cutoff ? instantOf(cutoff) : null,
      cutoffRetryMinutes: row.cutoff_retry_minutes,
      connectedAt: row.connected_at.getTime(),
    });
    const [by] = (await this.dataSource.query(`SELECT display_name FROM users WHERE id = $1`, [
      row.connected_by,
    ])) as { display_name: string }[];
    const problem = row.problem_code ? graphProblem(row.problem_code) : null;
    return {
      connected: true as const,
      interactionCutoff: cutoff,
      pageId: row.page_id,
      pageName: row.page_name,
      apiVersion: row.api_version,
      tokenExpiresAt: row.token_expires_at,
      tokenExpiryKnown: row.token_expiry_known,
      tokenWarning: tokenWarning(row, this.clock.now()),
      intervalMinutes: row.interval_minutes,
      cutoffRetryMinutes: row.cutoff_retry_minutes,
      connectedAt: row.connected_at,
      connectedByName: by?.display_name ?? null,
      nextReadingAt: next === null ? null : new Date(next),
      problem: problem
        ? {
            code: problem.code,
            message: problem.message,
            action: problem.action,
            at: row.problem_at,
          }
        : null,
    };
  }

  /** Checks the token with Facebook, then stores it encrypted (a new connection or a new token). */
  async connect(actor: Actor, contestId: string, input: ConnectInput) {
    await this.contests.get(contestId);
    const client = this.graph.client(input.apiVersion, input.token);
    let page: { id: string; name: string };
    try {
      page = await client.me();
    } catch (error) {
      if (error instanceof GraphFailure) throw refusal(error.problem);
      throw error;
    }
    const token = await client.expiry();
    if (token.type && token.type !== 'PAGE') throw refusal(graphProblem('GRAPH_WRONG_PAGE'));
    if (input.pageId && input.pageId !== page.id)
      throw refusal(graphProblem('GRAPH_WRONG_PAGE'), {
        message: `Mã truy cập thuộc trang "${page.name}" (${page.id}), không phải trang ${input.pageId}.`,
      });
    if (token.scopes && !token.scopes.includes(REQUIRED_SCOPE))
      throw refusal(graphProblem('GRAPH_PERMISSION_MISSING'));
    if (client.servedVersion)
      throw refusal(graphProblem('GRAPH_VERSION_RETIRED'), {}, 'apiVersion');
    const sealed = this.graph.vault.seal(input.token);
    await this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const before = await this.find(em, contestId);
      await em.query(
        `INSERT INTO fanpage_connections
           (contest_id, page_id, page_name, api_version, token_ciphertext, token_expires_at,
            token_expiry_known, interval_minutes, cutoff_retry_minutes, connected_by, connected_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (contest_id) DO UPDATE SET
           page_id = EXCLUDED.page_id, page_name = EXCLUDED.page_name,
           api_version = EXCLUDED.api_version, token_ciphertext = EXCLUDED.token_ciphertext,
           token_expires_at = EXCLUDED.token_expires_at,
           token_expiry_known = EXCLUDED.token_expiry_known,
           interval_minutes = EXCLUDED.interval_minutes,
           cutoff_retry_minutes = EXCLUDED.cutoff_retry_minutes,
           connected_by = EXCLUDED.connected_by, connected_at = EXCLUDED.connected_at,
           generation = fanpage_connections.generation + 1,
           problem_code = NULL, problem_at = NULL`,
        [
          contestId,
          page.id,
          page.name,
          input.apiVersion,
          sealed,
          token.expiresAt,
          token.known,
          input.intervalMinutes === undefined
            ? (before?.interval_minutes ?? 60)
            : input.intervalMinutes,
          input.cutoffRetryMinutes ?? before?.cutoff_retry_minutes ?? 120,
          actor.userId,
          this.clock.now(),
        ],
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'fanpage.connect',
        entityType: 'fanpage_connection',
        entityId: contestId,
        before: before ? described(before) : null,
        after: described((await this.find(em, contestId))!),
      });
    });
    return this.view(contestId);
  }

  async setSchedule(actor: Actor, contestId: string, input: ScheduleInputDto) {
    await this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const before = await this.require(em, contestId);
      await em.query(
        `UPDATE fanpage_connections SET interval_minutes = $2, cutoff_retry_minutes = $3
          WHERE contest_id = $1`,
        [contestId, input.intervalMinutes, input.cutoffRetryMinutes ?? before.cutoff_retry_minutes],
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'fanpage.schedule',
        entityType: 'fanpage_connection',
        entityId: contestId,
        before: described(before),
        after: described((await this.find(em, contestId))!),
      });
    });
    return this.view(contestId);
  }

  /** Forgets the token (readings already taken stay, with their evidence). */
  async disconnect(actor: Actor, contestId: string) {
    await this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const before = await this.find(em, contestId);
      if (!before) return;
      await em.query(`DELETE FROM fanpage_connections WHERE contest_id = $1`, [contestId]);
      await this.audit.record(em, actor, {
        contestId,
        action: 'fanpage.disconnect',
        entityType: 'fanpage_connection',
        entityId: contestId,
        before: described(before),
      });
    });
    return this.view(contestId);
  }

  find(em: EntityManager, contestId: string): Promise<ConnectionRow | undefined> {
    return em
      .query(`SELECT * FROM fanpage_connections WHERE contest_id = $1`, [contestId])
      .then((rows: ConnectionRow[]) => rows[0]);
  }

  async require(em: EntityManager, contestId: string): Promise<ConnectionRow> {
    const row = await this.find(em, contestId);
    if (!row)
      throw DomainError.conflict(
        'FANPAGE_NOT_CONNECTED',
        'Hội thi chưa kết nối fanpage: dán mã truy cập trang trước.',
        'token',
      );
    return row;
  }
}

/** What the audit keeps of a connection: everything but the token. */
function described(row: ConnectionRow) {
  return {
    pageId: row.page_id,
    pageName: row.page_name,
    apiVersion: row.api_version,
    tokenExpiresAt: row.token_expires_at,
    intervalMinutes: row.interval_minutes,
    cutoffRetryMinutes: row.cutoff_retry_minutes,
    generation: row.generation,
  };
}

/** Facebook's refusal as the organiser reads it: what happened and what to do. */
function refusal(
  problem: GraphProblem,
  override: { message?: string } = {},
  field = 'token',
): DomainError {
  const message = `${override.message ?? problem.message} ${problem.action}`;
  return problem.transient
    ? new DomainError('unavailable', problem.code, message, [
        { field, code: problem.code, message },
      ])
    : DomainError.invalid(problem.code, message, field);
}
