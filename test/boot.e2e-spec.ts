import type { ChildProcess } from 'node:child_process';
import { BuiltServer, stopProcess } from './support/built-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
