import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { BuiltServer, freePort, stopProcess } from './support/built-server';
import { bearer, SHARED_KEYS, startTestApp, TestApp } from './support/test-app';

/** Remembered for a minute: far longer than the test waits. */
const CACHE_MS = 60_000;

/**
 * What instances hold in memory agrees across instances: a password reset on one instance
 * revokes the old tokens on another at once (PostgreSQL NOTIFY), not when its caller cache
 * expires.
 */
describe('instances agree', () => {
  let t: TestApp;
  let other: ChildProcess;
  let otherUrl: string;
  let otherDir: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_CALLER_CACHE_MS: String(CACHE_MS) });
    otherDir = mkdtempSync(join(tmpdir(), 'cchc-agree-'));
    const port = await freePort();
    other = await new BuiltServer(
      {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: t.settings.databaseUrl,
        MIGRATION_DATABASE_URL: t.settings.migrationDatabaseUrl,
        DATA_DIR: otherDir,
        JWT_SECRET: t.settings.jwtSecret,
        INSTANCE_COUNT: '2',
        FANPAGE_TOKEN_KEY: SHARED_KEYS.FANPAGE_TOKEN_KEY,
        AUDIT_SIGNING_KEY: SHARED_KEYS.AUDIT_SIGNING_KEY,
        AUTH_CALLER_CACHE_MS: String(CACHE_MS),
        LOG_LEVEL: 'silent',
      },
      port,
      otherDir,
    ).start();
    otherUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (other) await stopProcess(other, 'SIGTERM');
    if (otherDir) rmSync(otherDir, { recursive: true, force: true });
    await t?.close();
  });

  it('a password reset on one instance revokes the old token on the other at once', async () => {
    const admin = await t.login('admin');
    const judge = await t.login('gk.tran');
    const meOnOther = () =>
      fetch(`${otherUrl}/api/auth/me`, { headers: bearer(judge) }).then((r) => r.status);
    expect(await meOnOther()).toBe(200); // the other instance now remembers the caller
    const { rows } = await t.sql.query(
      `SELECT u.id, m.contest_id FROM users u JOIN contest_members m ON m.user_id = u.id
        WHERE u.username = 'gk.tran'`,
    );
    const { id, contest_id: contestId } = rows[0] as { id: string; contest_id: string };
    await t.http
      .post(`/api/contests/${contestId}/accounts/${id}/reset-password`)
      .set(bearer(admin))
      .expect(200);
    const deadline = Date.now() + 5_000;
    let status = await meOnOther();
    while (status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = await meOnOther();
    }
    expect(status).toBe(401);
  });
});
