import { statSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT } from '../src/audit/audit-chain.service';
import { AuditCheckpointService, CHECKPOINT_JOURNAL } from '../src/audit/audit-checkpoint.service';
import { verifyExport } from '../src/audit/audit-export';
import { isSignedBy, linkHash, parsePublicKey } from '../src/audit/checkpoint';
import { SIGNING_KEY_FILE } from '../src/audit/signing-key';
import { runVerifyCli } from '../src/audit/verify-export.cli';
import { binary } from './support/binary';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The audit chain anchored outside the database: signed checkpoints (contest, row count, head
 * hash, time) with an Ed25519 key the database never holds. Whoever holds the database (here
 * the cluster's superuser, switching triggers off) can rewrite the chain consistently, but
 * not the checkpoints: a chain cut short is TRUNCATED, a chain changed and re-hashed is
 * REWRITTEN, on the server and in the offline verifier.
 */
describe('audit checkpoints', () => {
  let t: TestApp;
  let admin: string;
  let publicKey: string;
  const work = mkdtempSync(join(tmpdir(), 'cchc-audit-export-'));

  beforeAll(async () => {
    // checkpoints only when the test asks (the job's own timer is tested below)
    t = await startTestApp({
      AUDIT_SEAL_INTERVAL_SECONDS: '3600',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600',
    });
    admin = await t.login('admin');
    publicKey = (await t.http.get('/api/public/audit-key').expect(200)).body.publicKey;
  });
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await t?.close();
  });

  const checkpoints = () => t.app.get(AuditCheckpointService);
  const verify = async (contestId: string) =>
    (await t.http.get(`/api/contests/${contestId}/audit/verify`).set(bearer(admin)).expect(200))
      .body;
  /** A contest of its own with a few audit rows (creation, units). */
  const newContest = async (slug: string) => {
    const contest = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug, name: `Hội thi ${slug}` })
      .expect(201);
    for (const name of ['Phường 1', 'Phường 2', 'Phường 3', 'Phường 4', 'Phường 5'])
      await t.http
        .post(`/api/contests/${contest.body.id}/units`)
        .set(bearer(admin))
        .send({ name, kind: 'phuong' })
        .expect(201);
    return contest.body.id as string;
  };
  const links = async (contestId: string) =>
    (
      await t.sql.query(
        `SELECT c.seq::int, c.audit_id::text, c.hash, ${CONTENT} AS content
           FROM audit_chain c JOIN audit_log a ON a.id = c.audit_id
          WHERE c.chain = $1 ORDER BY c.seq`,
        [contestId],
      )
    ).rows as { seq: number; audit_id: string; hash: string; content: string }[];
  /** As the database's owner would: triggers and constraints off for this session. */
  const behindTheAppsBack = async (work: () => Promise<unknown>) => {
    await t.sql.query(`SET session_replication_role = replica`);
    try {
      await work();
    } finally {
      await t.sql.query(`SET session_replication_role = origin`);
    }
  };
  const exportOf = async (contestId: string, name: string) => {
    const res = await t.http
      .get(`/api/contests/${contestId}/audit/export`)
      .set(bearer(admin))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename=".*\.json"; filename\*=UTF-8''/,
    );
    const file = join(work, name);
    writeFileSync(file, res.body as Buffer);
    return file;
  };

  it('publishes the public key; the private key is a 0600 file in DATA_DIR, not in the database', async () => {
    const key = (await t.http.get('/api/public/audit-key').expect(200)).body;
    expect(key).toMatchObject({
      algorithm: 'Ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(Buffer.from(key.publicKey, 'base64')).toHaveLength(32);
    const file = join(t.settings.dataDir, SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    const pem = readFileSync(file, 'utf8').split('\n')[1]!;
    const dump = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_checkpoints WHERE signature LIKE '%' || $1 || '%'`,
      [pem.slice(0, 20)],
    );
    expect(dump.rows[0].n).toBe(0);
  });

  it('signs one checkpoint per chain that grew, once, verifiable with the published key', async () => {
    const contestId = await newContest('neo-kiem-toan');
    expect(await checkpoints().run()).toBeGreaterThan(0);
    expect(await checkpoints().run()).toBe(0); // nothing grew: nothing new to sign
    const chain = await links(contestId);
    const latest = await checkpoints().latest(contestId);
    expect(latest).toMatchObject({
      chain: contestId,
      rowCount: chain.length,
      headHash: chain.at(-1)!.hash,
    });
    expect(isSignedBy(latest!, parsePublicKey(publicKey))).toBe(true);
    const result = await verify(contestId);
    expect(result).toMatchObject({ ok: true, problems: [], checkpoints: { checked: 1, latest } });
    // the copy outside the database
    expect(readFileSync(join(t.settings.dataDir, CHECKPOINT_JOURNAL), 'utf8')).toContain(
      latest!.signature,
    );
  });

  it('TRUNCATED: the last rows deleted together with their chain links', async () => {
    const contestId = await newContest('cat-bot');
    await checkpoints().run();
    const before = await links(contestId);
    // the internal chain stays consistent: it simply ends earlier
    await behindTheAppsBack(async () => {
      const gone = before.slice(-3).map((l) => l.audit_id);
      await t.sql.query(`DELETE FROM audit_chain WHERE audit_id = ANY($1::bigint[])`, [gone]);
      await t.sql.query(`DELETE FROM audit_log WHERE id = ANY($1::bigint[])`, [gone]);
    });
    const result = await verify(contestId);
    expect(result.ok).toBe(false);
    expect(result.rows).toBe(before.length - 3);
    expect(result.problems).toEqual([{ auditId: null, seq: before.length, problem: 'TRUNCATED' }]);

    const file = await exportOf(contestId, 'truncated.json');
    const cli = runVerifyCli([file, publicKey]);
    expect(cli.code).toBe(1);
    expect(cli.output).toMatch(new RegExp(`TRUNCATED at row ${before.length}`));
  });

  it('REWRITTEN: a row changed and every later hash recomputed', async () => {
    const contestId = await newContest('viet-lai');
    await checkpoints().run();
    const before = await links(contestId);
    const victim = before[2]!;
    await behindTheAppsBack(async () => {
      await t.sql.query(`UPDATE audit_log SET reason = 'sửa lén' WHERE id = $1`, [victim.audit_id]);
      const now = await links(contestId);
      let prev = before[1]!.hash;
      for (const link of now.slice(2)) {
        const hash = linkHash(prev, link.content);
        await t.sql.query(`UPDATE audit_chain SET prev_hash = $1, hash = $2 WHERE audit_id = $3`, [
          prev,
          hash,
          link.audit_id,
        ]);
        prev = hash;
      }
    });
    const result = await verify(contestId);
    expect(result.ok).toBe(false);
    // every link is consistent with its row again: only the checkpoint tells
    expect(result.problems).toEqual([{ auditId: null, seq: before.length, problem: 'REWRITTEN' }]);

    const file = await exportOf(contestId, 'rewritten.json');
    const cli = runVerifyCli([file, publicKey]);
    expect(cli.code).toBe(1);
    expect(cli.output).toMatch(/REWRITTEN/);
  });

  it('checkpoints deleted from the database are still found in DATA_DIR; a forged one is named', async () => {
    const contestId = await newContest('xoa-neo');
    await checkpoints().run();
    const before = await links(contestId);
    await behindTheAppsBack(async () => {
      const last = before.at(-1)!.audit_id;
      await t.sql.query(`DELETE FROM audit_chain WHERE audit_id = $1`, [last]);
      await t.sql.query(`DELETE FROM audit_log WHERE id = $1`, [last]);
      await t.sql.query(`DELETE FROM audit_checkpoints WHERE chain = $1`, [contestId]);
    });
    const result = await verify(contestId);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { auditId: null, seq: before.length, problem: 'CHECKPOINT_MISSING' },
        { auditId: null, seq: before.length, problem: 'TRUNCATED' },
      ]),
    );
    // a checkpoint written into the table by someone without the key
    const key = (await t.http.get('/api/public/audit-key')).body.keyId;
    await t.sql.query(
      `INSERT INTO audit_checkpoints (chain, row_count, head_hash, signed_at, key_id, signature)
       VALUES ($1, 1, repeat('a', 64), now(), $2, 'AAAA')`,
      [contestId, key],
    );
    expect((await verify(contestId)).problems).toEqual(
      expect.arrayContaining([{ auditId: null, seq: 1, problem: 'CHECKPOINT_INVALID' }]),
    );
  });

  it('offline verifier: accepts a good export, rejects one edited and re-hashed, and a wrong key', async () => {
    const contestId = await newContest('xuat-file');
    await checkpoints().run();
    const file = await exportOf(contestId, 'good.json');
    const good = runVerifyCli([file, publicKey]);
    expect(good).toMatchObject({ code: 0 });
    expect(good.output).toMatch(/^HỢP LỆ \/ OK/);

    // the file itself edited: a row changed and every later hash recomputed in the file
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const row = data.rows[1];
    const fields = JSON.parse(row.content);
    fields[9] = 'sửa trong tệp';
    row.content = JSON.stringify(fields);
    let prev = row.prevHash;
    for (const r of data.rows.slice(1)) {
      r.prevHash = prev;
      r.hash = linkHash(prev, r.content);
      prev = r.hash;
    }
    const edited = join(work, 'edited.json');
    writeFileSync(edited, JSON.stringify(data));
    const rejected = runVerifyCli([edited, publicKey]);
    expect(rejected.code).toBe(1);
    expect(rejected.output).toMatch(/REWRITTEN/);

    // a key that is not the published one vouches for nothing
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    expect(
      verifyExport(JSON.parse(readFileSync(file, 'utf8')), parsePublicKey(otherKey)).problems,
    ).toEqual([{ problem: 'NO_CHECKPOINT', seq: null, auditId: null }]);
    expect(runVerifyCli([file]).code).toBe(2); // usage
  });

  it('the job runs once across instances (advisory lock) and sealing keeps working', async () => {
    const second = await startTestApp(
      { AUDIT_SEAL_INTERVAL_SECONDS: '3600', AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600' },
      { shareDatabaseWith: t },
    );
    try {
      const contestId = await newContest('hai-may');
      const [a, b] = await Promise.all([
        checkpoints().run(),
        second.app.get(AuditCheckpointService).run(),
      ]);
      const chain = await links(contestId);
      const rows = await t.sql.query(
        `SELECT row_count::int FROM audit_checkpoints WHERE chain = $1`,
        [contestId],
      );
      expect(rows.rows).toEqual([{ row_count: chain.length }]);
      expect(a + b).toBeGreaterThan(0);
      expect((await verify(contestId)).ok).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('the periodic job checkpoints on its own timer', async () => {
    const timed = await startTestApp({
      AUDIT_SEAL_INTERVAL_SECONDS: '1',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '1',
    });
    try {
      const contestId = (await timed.sql.query(`SELECT id FROM contests`)).rows[0].id as string;
      const deadline = Date.now() + 15_000;
      let found = 0;
      while (Date.now() < deadline && !found) {
        await new Promise((r) => setTimeout(r, 250));
        found = (
          await timed.sql.query(
            `SELECT count(*)::int AS n FROM audit_checkpoints WHERE chain = $1`,
            [contestId],
          )
        ).rows[0].n;
      }
      expect(found).toBeGreaterThanOrEqual(1);
    } finally {
      await timed.close();
    }
  });
});
