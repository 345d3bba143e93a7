import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { SIGNING_KEY_FILE } from '../../src/audit/signing-key';
import { configureHttpServer, createApp, openApiDocumentOf } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import type { Settings } from '../../src/config/settings';
import { SeedResult, SeedService } from '../../src/seed/seed.service';
import { createScratchDatabase } from './database';
import { FirstSignIn } from './first-sign-in';
import { ResponseSchemaCheck } from './response-check';

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  http: TestAgent;
  /**
   * A plain pg client on the same database as the cluster's superuser, for assertions the API
   * does not expose and for tampering behind the app's back. The app itself runs as the
   * limited app role (`settings.databaseUrl`), migrations as the owner.
   */
  sql: Client;
  /** the superuser's connection string to this database (what `sql` uses) */
  sqlUrl: string;
  settings: Settings;
  seed: SeedResult;
  /** Password of a seeded account by username. */
  password(username: string): string;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin-password-123';

/** The keys every instance of a test deployment shares (what an operator's env file gives). */
export const SHARED_KEYS = {
  AUDIT_SIGNING_KEY: Buffer.alloc(32, 11).toString('base64'),
  FANPAGE_TOKEN_KEY: Buffer.alloc(32, 12).toString('base64'),
};

/**
 * A real app on a real, fresh PostgreSQL database with real files on disk, served through a
 * real HTTP server (supertest binds an ephemeral port).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    shareDatabaseWith?: TestApp;
    shareDataDir?: boolean;
    /**
     * Keep the seeded accounts on their temporary passwords (must change them first). By
     * default the harness records them as changed, as on a contest whose people have all
     * signed in once; accounts created by a test go through the real change (see `login`).
     */
    temporaryPasswords?: boolean;
  } = {},
): Promise<TestApp> {
  // A second instance on the same database (multi-instance tests) leaves dropping it to the first.
  const shared = options.shareDatabaseWith;
  const database = shared
    ? {
        url: shared.sqlUrl,
        appUrl: shared.settings.databaseUrl,
        ownerUrl: shared.settings.migrationDatabaseUrl,
        drop: async () => undefined,
      }
    : await createScratchDatabase();
  // Sharing DATA_DIR too (files written by one instance read by another) leaves removing it to
  // the first as well.
  const sharedDir = options.shareDataDir ? options.shareDatabaseWith?.settings.dataDir : undefined;
  const dataDir = sharedDir ?? mkdtempSync(join(tmpdir(), 'cchc-test-data-'));
  // instances of one deployment share the audit signing key (as AUDIT_SIGNING_KEY would)
  const sharedKeyFile = join(shared?.settings.dataDir ?? '', SIGNING_KEY_FILE);
  if (shared && !sharedDir && existsSync(sharedKeyFile))
    copyFileSync(sharedKeyFile, join(dataDir, SIGNING_KEY_FILE));
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ADDRESS_RATE_LIMIT: '1000',
    ...(process.env.WEB_DIST_DIR ? { WEB_DIST_DIR: process.env.WEB_DIST_DIR } : {}),
    // a deployment on a bucket or of several instances is given its shared keys (boot refuses
    // without them)
    ...(env.STORAGE === 's3' || Number(env.INSTANCE_COUNT ?? 1) > 1 ? SHARED_KEYS : {}),
    ...env,
  });
  const settings: Settings = {
    config,
    databaseUrl: database.appUrl,
    migrationDatabaseUrl: database.ownerUrl,
    jwtSecret: config.JWT_SECRET!,
    dataDir,
    uploadDir: join(dataDir, 'uploads'),
  };
  const app = await createApp(settings);
  configureHttpServer(app.getHttpServer(), config);
  const responseCheck = new ResponseSchemaCheck(openApiDocumentOf(app));
  app.use(responseCheck.middleware);
  await app.listen(0, '127.0.0.1');
  const seed = await app.get(SeedService).run();
  if (seed.adminCreated && !options.temporaryPasswords) {
    const seeded = seed.credentials.map((c) => c.username);
    await app
      .get(DataSource)
      .query(`UPDATE users SET must_change_password = false WHERE username = ANY($1)`, [seeded]);
  }
  const server = app.getHttpServer();
  const http = request(server);
  const sql = new Client({ connectionString: database.url });
  await sql.connect();

  const firstSignIn = new FirstSignIn((path, token, body) =>
    http
      .post(path)
      .set(token ? bearer(token) : {})
      .send(body),
  );
  const password = (username: string) => {
    const chosen = firstSignIn.chosen(username);
    if (chosen !== undefined) return chosen;
    if (username === 'admin') return ADMIN_PASSWORD;
    const found = seed.credentials.find((c) => c.username === username);
    if (!found) throw new Error(`no seeded account ${username}`);
    return found.password;
  };
  /** Signs in (an account on its temporary password first changes it, see FirstSignIn). */
  const login = (username: string, pw?: string) =>
    firstSignIn.login(username, pw ?? password(username));
  return {
    app,
    server,
    http,
    sql,
    sqlUrl: database.url,
    settings,
    seed,
    password,
    login,
    close: async () => {
      await sql.end();
      await app.close();
      await database.drop();
      if (!sharedDir) rmSync(dataDir, { recursive: true, force: true });
      const mismatches = responseCheck.report();
      if (mismatches) throw new Error(mismatches);
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
