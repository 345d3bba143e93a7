import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { AuditChainService, ChainProblem } from './audit-chain.service';
import {
  asCheckpoint,
  checkChainAgainstCheckpoints,
  isSignedBy,
  signCheckpoint,
  SignedCheckpoint,
} from './checkpoint';
import { loadSigningKey, SigningKey } from './signing-key';

/** Taken by one instance at a time: the checkpoint job runs once across instances. */
const CHECKPOINT_LOCK = 724204;

/** A copy of every checkpoint this instance signs, outside the database. */
export const CHECKPOINT_JOURNAL = 'audit-checkpoints.jsonl';

interface HeadRow {
  chain: string;
  seq: string;
  hash: string;
}

/**
 * Anchors the audit hash chains outside the database. Every AUDIT_CHECKPOINT_INTERVAL_SECONDS
 * the instance that gets the advisory lock seals pending rows, then signs a checkpoint
 * (chain, row count, head hash, time) for every chain that grew, with an Ed25519 key the
 * database never holds. Checkpoints are stored in `audit_checkpoints` and appended to
 * DATA_DIR/audit-checkpoints.jsonl; results versions and the minutes carry the latest one.
 * Verification compares the stored chain with every checkpoint: see checkpoint.ts.
 */
@Injectable()
export class AuditCheckpointService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('AuditCheckpoints');
  readonly key: SigningKey;
  private readonly journal: string;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly chain: AuditChainService,
    private readonly jobs: JobScheduler,
  ) {
    this.key = loadSigningKey(settings.config.AUDIT_SIGNING_KEY, settings.dataDir);
    this.journal = join(settings.dataDir, CHECKPOINT_JOURNAL);
  }

  async onModuleInit() {
    this.log.log(
      `audit checkpoints signed with Ed25519 key ${this.key.keyId} (${this.key.source}); ` +
        `public key ${this.key.publicKeyBase64}`,
    );
    const [other] = (await this.dataSource.query(
      `SELECT key_id FROM audit_checkpoints ORDER BY id DESC LIMIT 1`,
    )) as { key_id: string }[];
    if (other && other.key_id !== this.key.keyId)
      this.log.warn(
        `the latest audit checkpoint was signed by key ${other.key_id}, not ${this.key.keyId}: ` +
          `every instance must share AUDIT_SIGNING_KEY (older checkpoints cannot be checked)`,
      );
    this.jobs.every({
      name: 'audit-checkpoint',
      everyMs: this.settings.config.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
      run: () => this.run(),
    });
  }

  async onModuleDestroy() {
    await this.running?.catch(() => undefined);
  }

  publicKey() {
    return {
      algorithm: 'Ed25519' as const,
      keyId: this.key.keyId,
      publicKey: this.key.publicKeyBase64,
      pem: this.key.publicKeyPem,
    };
  }

  /**
   * The periodic job: seals, then signs every chain whose head has no checkpoint yet. Another
   * instance holding the lock is doing the same work: this one skips. Returns how many it signed.
   */
  run(): Promise<number> {
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(): Promise<number> {
    await this.chain.seal();
    const signed = await this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        CHECKPOINT_LOCK,
      ])) as { locked: boolean }[];
      if (!locked) return [];
      const heads: HeadRow[] = await em.query(
        `SELECT h.chain, h.seq, h.hash
           FROM (SELECT id::text AS chain FROM contests UNION ALL SELECT 'global') c
           CROSS JOIN LATERAL (SELECT chain, seq, hash FROM audit_chain
                                WHERE chain = c.chain ORDER BY seq DESC LIMIT 1) h`,
      );
      return this.signHeads(em, heads);
    });
    await this.appendToJournal(signed);
    return signed.length;
  }

  /**
   * A checkpoint of one contest's chain as of now (sealing first), signed if its head has none
   * yet: what a results version and its minutes carry. Null while the chain is empty.
   */
  async stamp(contestId: string): Promise<SignedCheckpoint | null> {
    await this.chain.seal();
    const signed = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock($1)`, [CHECKPOINT_LOCK]);
      const heads: HeadRow[] = await em.query(
        `SELECT chain, seq, hash FROM audit_chain WHERE chain = $1 ORDER BY seq DESC LIMIT 1`,
        [contestId],
      );
      return this.signHeads(em, heads);
    });
    await this.appendToJournal(signed);
    return signed[0] ?? (await this.latest(contestId));
  }

  /** The latest checkpoint of a chain signed by this key (null when none yet). */
  async latest(chain: string): Promise<SignedCheckpoint | null> {
    const rows = await this.stored(chain, { limit: 1, keyId: this.key.keyId });
    return rows[0] ?? null;
  }

  /**
   * The chain's own checks (AuditChainService.inspect), then the comparison with every
   * checkpoint of it: those in the database and those in this instance's journal. A journal
   * checkpoint missing from the database means someone deleted it there.
   */
  async verify(contestId: string) {
    const inspection = await this.chain.inspect(contestId);
    const { all, missing } = await this.known(contestId);
    const problems: ChainProblem[] = [...inspection.problems];
    for (const c of missing)
      if (isSignedBy(c, this.key.publicKey))
        problems.push({ auditId: null, seq: c.rowCount, problem: 'CHECKPOINT_MISSING' });
    const against = checkChainAgainstCheckpoints(
      contestId,
      inspection.rows,
      (seq) => inspection.hashes[seq - 1] ?? null,
      all,
      this.key.publicKey,
    );
    for (const finding of against.findings)
      problems.push({ auditId: null, seq: finding.seq, problem: finding.problem });
    return {
      ok: problems.length === 0,
      rows: inspection.rows,
      headHash: inspection.headHash,
      unsealed: inspection.unsealed,
      problems,
      checkpoints: { checked: against.checked, latest: against.latest },
    };
  }

  /**
   * Every checkpoint known for a chain: the database's and this instance's journal's (those
   * missing from the database listed apart: someone deleted them there).
   */
  async known(chain: string): Promise<{ all: SignedCheckpoint[]; missing: SignedCheckpoint[] }> {
    const stored = await this.stored(chain);
    const inDatabase = new Set(stored.map((c) => c.signature));
    const missing = (await this.fromJournal(chain)).filter((c) => !inDatabase.has(c.signature));
    return { all: [...stored, ...missing], missing };
  }

  /** Checkpoints of a chain stored in the database, newest first (all keys unless one is given). */
  async stored(
    chain: string,
    options: { limit?: number; keyId?: string } = {},
  ): Promise<SignedCheckpoint[]> {
    const rows: {
      chain: string;
      row_count: string;
      head_hash: string;
      signed_at: Date;
      key_id: string;
      signature: string;
    }[] = await this.dataSource.query(
      `SELECT chain, row_count, head_hash, signed_at, key_id, signature FROM audit_checkpoints
        WHERE chain = $1 AND ($2::text IS NULL OR key_id = $2)
        ORDER BY row_count DESC, id DESC LIMIT $3`,
      [chain, options.keyId ?? null, options.limit ?? null],
    );
    return rows.map((r) => ({
      chain: r.chain,
      rowCount: Number(r.row_count),
      headHash: r.head_hash,
      signedAt: r.signed_at.toISOString(),
      keyId: r.key_id,
      signature: r.signature,
    }));
  }

  private async signHeads(em: EntityManager, heads: HeadRow[]): Promise<SignedCheckpoint[]> {
    if (!heads.length) return [];
    const existing: { chain: string; row_count: string }[] = await em.query(
      `SELECT chain, row_count FROM audit_checkpoints
        WHERE key_id = $1 AND (chain, row_count) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))`,
      [this.key.keyId, heads.map((h) => h.chain), heads.map((h) => h.seq)],
    );
    const done = new Set(existing.map((e) => `${e.chain}|${e.row_count}`));
    const signedAt = new Date().toISOString();
    const fresh = heads
      .filter((h) => !done.has(`${h.chain}|${h.seq}`))
      .map((h) =>
        signCheckpoint(
          { chain: h.chain, rowCount: Number(h.seq), headHash: h.hash, signedAt },
          this.key.privateKey,
        ),
      );
    if (fresh.length)
      await em.query(
        `INSERT INTO audit_checkpoints (chain, row_count, head_hash, signed_at, key_id, signature)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])`,
        [
          fresh.map((c) => c.chain),
          fresh.map((c) => c.rowCount),
          fresh.map((c) => c.headHash),
          fresh.map((c) => c.signedAt),
          fresh.map((c) => c.keyId),
          fresh.map((c) => c.signature),
        ],
      );
    return fresh;
  }

  private async appendToJournal(checkpoints: SignedCheckpoint[]): Promise<void> {
    if (!checkpoints.length) return;
    await appendFile(this.journal, checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''), {
      mode: 0o600,
    }).catch((error: Error) => this.log.warn(`checkpoint journal not written: ${error.message}`));
  }

  private async fromJournal(chain: string): Promise<SignedCheckpoint[]> {
    const text = await readFile(this.journal, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line.includes(chain))
      .map((line) => {
        try {
          return asCheckpoint(JSON.parse(line));
        } catch {
          return null;
        }
      })
      .filter((c): c is SignedCheckpoint => c !== null && c.chain === chain);
  }
}
