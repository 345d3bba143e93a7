import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { GENESIS, linkHash } from './checkpoint';

export { GENESIS };

/**
 * A row's canonical content, produced by PostgreSQL itself (jsonb text output is canonical;
 * timestamps to the microsecond, in UTC), so sealing and verifying read exactly the same bytes.
 * The client's correlation id is appended only when present, so rows sealed before that
 * column existed keep their content, hence their hashes.
 */
export const CONTENT = `(jsonb_build_array(a.id::text, a.contest_id, a.actor_id, a.actor_name, a.action,
  a.entity_type, a.entity_id, a.before, a.after, a.reason, a.request_id,
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
  || CASE WHEN a.correlation_id IS NULL THEN '[]'::jsonb
          ELSE jsonb_build_array(a.correlation_id) END)::text`;

/** How far back (in ids) sealing looks for rows committed late by long transactions. */
const LATE_WINDOW = 100_000;

export interface ChainProblem {
  auditId: string | null;
  seq: number;
  problem:
    | 'ROW_CHANGED'
    | 'ROW_MISSING'
    | 'LINK_BROKEN'
    | 'SEQUENCE_GAP'
    // against the signed checkpoints (AuditCheckpointService)
    | 'TRUNCATED'
    | 'REWRITTEN'
    | 'CHECKPOINT_INVALID'
    | 'CHECKPOINT_MISSING';
}

const sha256 = linkHash;

export interface ChainInspection {
  rows: number;
  headHash: string;
  unsealed: number;
  problems: ChainProblem[];
  /** hash of link n at index n - 1, as stored */
  hashes: string[];
}

/**
 * Seals audit rows into a per-contest hash chain, shortly after they commit (every few
 * seconds, and before each verification). Sealing after commit rather than inside every
 * transaction keeps the chain from serialising all writes of a contest: rows are linked in
 * the order they become visible, which is all the chain needs to prove nothing was altered.
 */
@Injectable()
export class AuditChainService implements OnModuleInit, OnModuleDestroy {
  private sealing: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit() {
    this.jobs.every({
      name: 'audit-seal',
      everyMs: this.settings.config.AUDIT_SEAL_INTERVAL_SECONDS * 1000,
      run: () => this.seal(),
    });
  }

  async onModuleDestroy() {
    await this.sealing?.catch(() => undefined);
  }

  /** Links every committed, unsealed row; returns how many were sealed. */
  seal(): Promise<number> {
    // One sealing at a time per instance; the advisory lock covers several instances.
    this.sealing ??= this.sealOnce().finally(() => (this.sealing = null));
    return this.sealing;
  }

  private async sealOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.dataSource.transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock(724203)');
        const rows: { id: string; chain: string; content: string }[] = await em.query(
          `SELECT a.id, coalesce(a.contest_id::text, 'global') AS chain, ${CONTENT} AS content
             FROM audit_log a LEFT JOIN audit_chain c ON c.audit_id = a.id
            WHERE c.audit_id IS NULL
              AND a.id > (SELECT coalesce(max(audit_id), 0) - ${LATE_WINDOW} FROM audit_chain)
            ORDER BY a.id LIMIT 5000`,
        );
        if (!rows.length) return 0;
        const heads: { chain: string; seq: string; hash: string }[] = await em.query(
          `SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_chain
            WHERE chain = ANY($1) ORDER BY chain, seq DESC`,
          [[...new Set(rows.map((r) => r.chain))]],
        );
        const head = new Map(heads.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));
        const links = rows.map((row) => {
          const prev = head.get(row.chain) ?? { seq: 0, hash: GENESIS };
          const link = { seq: prev.seq + 1, prev: prev.hash, hash: sha256(prev.hash, row.content) };
          head.set(row.chain, { seq: link.seq, hash: link.hash });
          return { id: row.id, chain: row.chain, ...link };
        });
        await em.query(
          `INSERT INTO audit_chain (audit_id, chain, seq, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[])`,
          [
            links.map((l) => l.id),
            links.map((l) => l.chain),
            links.map((l) => l.seq),
            links.map((l) => l.prev),
            links.map((l) => l.hash),
          ],
        );
        return links.length;
      });
      total += sealed;
      if (sealed < 5000) return total;
    }
  }

  /**
   * Seals what is pending, then recomputes a contest's whole chain from the stored rows.
   * Any row changed, removed or reordered since it was sealed is reported. (The signed
   * checkpoints are compared by AuditCheckpointService.verify, which calls this.)
   */
  async inspect(contestId: string): Promise<ChainInspection> {
    await this.seal();
    const links: {
      audit_id: string;
      seq: string;
      prev_hash: string;
      hash: string;
      content: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.audit_id, c.seq, c.prev_hash, c.hash,
              CASE WHEN a.id IS NULL THEN NULL ELSE ${CONTENT} END AS content
         FROM audit_chain c LEFT JOIN audit_log a ON a.id = c.audit_id
        WHERE c.chain = $1 ORDER BY c.seq`,
      [contestId],
    );
    const problems: ChainProblem[] = [];
    let prev = GENESIS;
    links.forEach((link, i) => {
      const seq = Number(link.seq);
      if (seq !== i + 1) problems.push({ auditId: link.audit_id, seq, problem: 'SEQUENCE_GAP' });
      if (link.prev_hash !== prev)
        problems.push({ auditId: link.audit_id, seq, problem: 'LINK_BROKEN' });
      if (link.content === null)
        problems.push({ auditId: link.audit_id, seq, problem: 'ROW_MISSING' });
      else if (sha256(link.prev_hash, link.content) !== link.hash)
        problems.push({ auditId: link.audit_id, seq, problem: 'ROW_CHANGED' });
      prev = link.hash;
    });
    const [unsealed] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log a LEFT JOIN audit_chain c ON c.audit_id = a.id
        WHERE a.contest_id = $1 AND c.audit_id IS NULL`,
      [contestId],
    )) as { n: number }[];
    return {
      rows: links.length,
      headHash: links.length ? links[links.length - 1]!.hash : GENESIS,
      unsealed: unsealed!.n,
      problems,
      hashes: links.map((l) => l.hash),
    };
  }
}
