import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, resolveSettings } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { provisionEmbeddedRoles } from '../src/database/embedded-roles';
import { SeedService } from '../src/seed/seed.service';
import { FirstSignIn } from '../test/support/first-sign-in';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A real server (embedded PostgreSQL unless DATABASE_URL is set) on a loopback port. */
export async function startBenchServer(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  chmodSync(dir, 0o755);
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: join(dir, 'pg'),
        port: await freePort(),
        password: 'bench',
      });
  // like `npm start`: the app as its limited role, migrations as the schema owner
  const roles = embedded ? await provisionEmbeddedRoles(embedded.url, dir) : null;
  const config = loadConfig({
    DATA_DIR: dir,
    ADMIN_PASSWORD: 'bench-password-1',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT: '10000',
    DATABASE_URL: process.env.DATABASE_URL ?? roles!.app,
    ...(roles ? { MIGRATION_DATABASE_URL: roles.migration } : {}),
    ...env,
  });
  const app = await createApp(
    resolveSettings(config, config.DATABASE_URL!, config.MIGRATION_DATABASE_URL),
  );
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  // The benchmark's client keeps connections alive between requests that may be seconds apart
  // (fixtures written by SQL in between, on a busy machine): with Node's default 5 s, the
  // server closed an idle connection just as the client reused it (ECONNRESET).
  (app.getHttpServer() as import('node:http').Server).keepAliveTimeout = 120_000;
  const seed = await app.get(SeedService).run();
  const base = `http://127.0.0.1:${port}`;
  const api = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const res = await fetch(base + path, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const firstSignIn = new FirstSignIn((path, token, body) =>
    api(path, { method: 'POST', token: token ?? undefined, body: JSON.stringify(body) }),
  );
  /** Signs in as a person would: on a temporary password, first chooses one's own. */
  const signIn = (username: string, password: string) => firstSignIn.login(username, password);
  const login = async (username: string) =>
    signIn(
      username,
      username === 'admin'
        ? 'bench-password-1'
        : seed.credentials.find((c) => c.username === username)!.password,
    );
  return {
    dir,
    port,
    /** superuser (embedded) or DATABASE_URL: for the benchmarks' own SQL */
    databaseUrl: process.env.DATABASE_URL ?? embedded!.url,
    app,
    api,
    signIn,
    login,
    close: async () => {
      await app.close();
      await embedded?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Figures are printed the Vietnamese way (1.234,5 · 0,96): see figures.ts. */
export { fmt } from './figures';
