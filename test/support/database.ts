import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withRole } from '../../src/database/embedded-roles';
import { ensureLoginRole } from '../../src/database/least-privilege';

/** Admin connection string to the test cluster (set by global-setup). */
export function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url)
    throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (global-setup).');
  return url;
}

/**
 * The two roles every test app runs with, as in production: the schema owner (migrations)
 * and the limited app role (requests). Created once per run by global-setup.
 */
export const TEST_ROLES = {
  owner: { name: 'cchc_test_owner', password: 'test-owner-password' },
  app: { name: 'cchc_test_app', password: 'test-app-password' },
};

export async function createTestRoles(): Promise<void> {
  await withAdmin(async (c) => {
    await ensureLoginRole(c, TEST_ROLES.owner);
    await ensureLoginRole(c, TEST_ROLES.app);
  });
}

export function urlFor(database: string, role?: { name: string; password: string }): string {
  const url = new URL(role ? withRole(adminUrl(), role) : adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export interface ScratchDatabase {
  name: string;
  /** the cluster's superuser on this database: for assertions and tampering in tests */
  url: string;
  /** the schema owner (migrations) */
  ownerUrl: string;
  /** the limited app role */
  appUrl: string;
  drop(): Promise<void>;
}

/** A brand-new, empty database for one test file, owned by the test owner role. */
export async function createScratchDatabase(prefix = 't'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" OWNER ${TEST_ROLES.owner.name}`));
  return {
    name,
    url: urlFor(name),
    ownerUrl: urlFor(name, TEST_ROLES.owner),
    appUrl: urlFor(name, TEST_ROLES.app),
    drop: () =>
      withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
