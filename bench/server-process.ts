import { ChildProcess, fork } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { FirstSignIn } from '../test/support/first-sign-in';
import { freePort } from './support';

/**
 * The built server in its own process (so its RSS is measured alone) on a fresh embedded
 * PostgreSQL, plus a JSON API client and a SQL client for fixtures.
 */
export async function startServerProcess(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-proc-'));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    password: 'bench',
  });
  const port = await freePort();
  const server = fork(join(__dirname, '../src/main.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: pg.url,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'bench-password-1',
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT: '10000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  const sql = new Client({ connectionString: pg.url });
  await sql.connect();
  const api = apiClient(base);
  return {
    port,
    base,
    dir,
    sql,
    api,
    server,
    rssMiB: () => procStatus(server, 'VmRSS'),
    peakMiB: () => procStatus(server, 'VmHWM'),
    close: async () => {
      await sql.end().catch(() => undefined);
      await stop(server);
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export function apiClient(base: string) {
  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: object | FormData,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as Record<string, unknown>, headers: res.headers };
  };
  /** Signs in; an account on a temporary password first chooses its own (see FirstSignIn). */
  const firstSignIn = new FirstSignIn((path, token, body) =>
    call('POST', path, token ?? undefined, body),
  );
  const login = (username: string, password: string) => firstSignIn.login(username, password);
  return { base, call, login };
}

async function waitForHealth(base: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

function procStatus(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number {
  const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  return kb / 1024;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
