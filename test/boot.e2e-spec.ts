import type { ChildProcess } from 'node:child_process';
import { BuiltServer, stopProcess } from './support/built-server';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase } from './support/database';

/**
 * The built app (`node dist/src/main.js`, what `npm start` runs) on its own embedded
 * PostgreSQL under a fresh DATA_DIR: first start, clean stop, restart with the same data,
 * and recovery after a kill -9 that leaves the old postmaster running.
 */
describe('the built server with its embedded database', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;
  let server: BuiltServer;

  beforeAll(async () => {
    server = await BuiltServer.inFreshDataDir('boot', {
      ADMIN_PASSWORD: 'boot-test-password',
      LOG_LEVEL: 'warn',
    });
    ({ dataDir, port } = server);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) await stop(child, 'SIGINT');
    server?.removeDataDir();
  });

  const start = () => server.start();
  const stop = stopProcess;

  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & unknown[] };
  };
  const login = async () =>
    (
      await api('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username: 'admin', password: 'boot-test-password' }),
      })
    ).body.accessToken as unknown as string;

  it('starts on an empty machine state, seeds once, and prints the demo accounts', async () => {
    child = await start();
    expect(server.output).toMatch(/TÀI KHOẢN BAN ĐẦU/);
    expect(server.output).toMatch(/gk\.nguyen/);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    const token = await login();
    const contests = await api('/api/contests', { token });
    expect(contests.body).toHaveLength(1);
    const contestId = (contests.body[0] as { id: string }).id;
    const unit = await api(`/api/contests/${contestId}/units`, {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'Đơn vị tạo trước khi khởi động lại', kind: 'khac' }),
    });
    expect(unit.status).toBe(201);
  });

  it('serves as the limited app role; migrations ran as the schema owner', async () => {
    for (const secret of ['.pg-owner-password', '.pg-app-password', 'audit-signing.key'])
      expect({ secret, mode: statSync(join(dataDir, secret)).mode & 0o777 }).toEqual({
        secret,
        mode: 0o600,
      });
    await asSuperuser(dataDir, server.env.EMBEDDED_PG_PORT!, async (c) => {
      const sessions = await c.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'cchc-contest'`,
      );
      expect(sessions.rows).toEqual([{ usename: 'cchc_app' }]);
      expect(await publicOwners(c)).toEqual(['cchc_owner']);
    });
    expect(server.output).not.toMatch(/SECURITY WARNING/);
  });

  it('stops cleanly on Ctrl-C (app and database)', async () => {
    expect(await stop(child!, 'SIGINT')).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('starts again with the same data and does not seed twice', async () => {
    child = await start();
    expect(server.output).not.toMatch(/TÀI KHOẢN BAN ĐẦU/);
    const token = await login();
    const contests = await api('/api/contests', { token });
    expect(contests.body).toHaveLength(1);
    const units = await api(`/api/contests/${(contests.body[0] as { id: string }).id}/units`, {
      token,
    });
    expect((units.body as { name: string }[]).map((u) => u.name)).toContain(
      'Đơn vị tạo trước khi khởi động lại',
    );
  });

  it('recovers after a kill -9 that leaves the old postmaster holding the data directory', async () => {
    await stop(child!, 'SIGKILL');
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    child = await start();
    const token = await login();
    expect((await api('/api/contests', { token })).body).toHaveLength(1);
    expect(await stop(child, 'SIGINT')).toBe(0);
  });
});

/** As the embedded cluster's superuser (its password is kept in DATA_DIR). */
async function asSuperuser<T>(
  dataDir: string,
  port: string | number,
  work: (c: Client) => Promise<T>,
): Promise<T> {
  const password = readFileSync(join(dataDir, '.pg-password'), 'utf8').trim();
  const client = new Client({
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Who owns the tables, sequences and functions of the public schema (extensions aside). */
async function publicOwners(c: Client): Promise<string[]> {
  const { rows } = await c.query(
    `SELECT DISTINCT pg_get_userbyid(owner) AS owner FROM (
       SELECT c.relowner AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')) o
      ORDER BY 1`,
  );
  return rows.map((r: { owner: string }) => r.owner);
}

/**
 * A data directory from before the two roles: the app ran as the superuser `postgres`, which
 * owns every table, and this version's latest migration has not run yet. It is made from a
 * fresh one (the built server killed, its postmaster left running, everything handed back to
 * `postgres` and the two roles dropped). Started again in embedded mode, the server hands
 * everything to the owner role, migrates as it, serves as the app role, with the data intact.
 */
describe('an existing data directory where postgres owns everything', () => {
  let server: BuiltServer;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    server = await BuiltServer.inFreshDataDir('old-data', {
      ADMIN_PASSWORD: 'old-data-password',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) await stopProcess(child, 'SIGINT');
    server?.removeDataDir();
  });

  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const port = () => server.env.EMBEDDED_PG_PORT!;

  it('is converted at the first start: owner role, app role, data intact', async () => {
    child = await server.start();
    await stopProcess(child, 'SIGKILL'); // its postmaster keeps running
    await asSuperuser(server.dataDir, port(), async (c) => {
      await c.query(`REASSIGN OWNED BY cchc_owner TO postgres`);
      await c.query(`DROP OWNED BY cchc_app`); // its privileges
      await c.query(`DROP OWNED BY cchc_owner`);
      await c.query(`DROP ROLE cchc_app`);
      await c.query(`DROP ROLE cchc_owner`);
      // as if this version's last migration had not run yet
      await c.query(`DROP TABLE login_attempts`);
      await c.query(`DELETE FROM schema_migrations WHERE name = 'LoginAttempts1764330000000'`);
      expect(await publicOwners(c)).toEqual(['postgres']);
    });
    for (const file of ['.pg-owner-password', '.pg-app-password'])
      rmSync(join(server.dataDir, file));

    child = await server.start();
    await asSuperuser(server.dataDir, port(), async (c) => {
      expect(await publicOwners(c)).toEqual(['cchc_owner']);
      const sessions = await c.query(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'cchc-contest'`,
      );
      expect(sessions.rows).toEqual([{ usename: 'cchc_app' }]);
      const migrated = await c.query(
        `SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'login_attempts'`,
      );
      expect(migrated.rows).toEqual([{ owner: 'cchc_owner' }]);
    });
    expect(server.output).toMatch(/\d+ objects handed to the schema owner role/);
    expect(server.output).not.toMatch(/SECURITY WARNING/);

    // the data written before is there and the app writes again
    const login = await api('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: 'old-data-password' }),
    });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const contests = (await api('/api/contests', { token })).body as unknown as { id: string }[];
    expect(contests).toHaveLength(1);
    const unit = await api(`/api/contests/${contests[0]!.id}/units`, {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'Đơn vị sau khi chuyển quyền', kind: 'khac' }),
    });
    expect(unit.status).toBe(201);
    const verify = await api(`/api/contests/${contests[0]!.id}/audit/verify`, { token });
    expect(verify.body).toMatchObject({ ok: true, problems: [] });
    expect(await stopProcess(child, 'SIGINT')).toBe(0);
    child = null;
  });
});

describe('one DATABASE_URL of a superuser', () => {
  it('starts, with a loud SECURITY WARNING naming the risk', async () => {
    const database = await createScratchDatabase('superuser');
    const server = await BuiltServer.inFreshDataDir('superuser-url', {
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: 'superuser-url-password',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    });
    try {
      const child = await server.start();
      expect(server.output).toMatch(
        /SECURITY WARNING[\s\S]*SUPERUSER[\s\S]*session_replication_role[\s\S]*MIGRATION_DATABASE_URL/,
      );
      expect(await stopProcess(child, 'SIGINT')).toBe(0);
    } finally {
      server.removeDataDir();
      await database.drop();
    }
  });
});
