import { mkdtempSync } from 'node:fs';
import { chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { freePort } from './built-server';
import { createTestRoles } from './database';

/**
 * One real PostgreSQL for the whole run: `DATABASE_URL` when set (a role that may create
 * databases and roles), otherwise an embedded cluster in a temporary directory. Each test
 * file then creates its own database in it; the apps run as the limited test app role.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    await createTestRoles();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cchc-test-pg-'));
  chmodSync(dir, 0o755); // the postgres system user must traverse it when we run as root
  const port = await freePort();
  const db = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    port,
    password: 'test-password',
  });
  process.env.TEST_PG_ADMIN_URL = db.url;
  process.env.TEST_PG_DIR = dir;
  (globalThis as { __EMBEDDED_PG__?: typeof db }).__EMBEDDED_PG__ = db;
  await createTestRoles();
}
