import { join } from 'node:path';
import { Client } from 'pg';
import { readOrCreateSecret } from '../config/secrets';
import { DatabaseUrls, ensureLoginRole, handSchemaToOwner } from './least-privilege';

/** The two roles of the embedded PostgreSQL (see least-privilege.ts). */
export const EMBEDDED_OWNER_ROLE = 'cchc_owner';
export const EMBEDDED_APP_ROLE = 'cchc_app';

/**
 * At every start of the embedded PostgreSQL, as its superuser: the owner and app roles exist
 * with the passwords kept in DATA_DIR (mode 0600), and the schema belongs to the owner. A data
 * directory from before the two roles (everything owned by `postgres`) is converted here on
 * its first start with this version; afterwards there is nothing left to hand over.
 */
export async function provisionEmbeddedRoles(
  superuserUrl: string,
  dataDir: string,
): Promise<DatabaseUrls & { reassigned: number }> {
  const owner = {
    name: EMBEDDED_OWNER_ROLE,
    password: readOrCreateSecret(join(dataDir, '.pg-owner-password'), 24),
  };
  const app = {
    name: EMBEDDED_APP_ROLE,
    password: readOrCreateSecret(join(dataDir, '.pg-app-password'), 24),
  };
  const client = new Client({ connectionString: superuserUrl, application_name: 'cchc-setup' });
  await client.connect();
  let reassigned: number;
  try {
    await ensureLoginRole(client, owner);
    await ensureLoginRole(client, app);
    reassigned = await handSchemaToOwner(client, owner.name, app.name);
  } finally {
    await client.end();
  }
  return { app: withRole(superuserUrl, app), migration: withRole(superuserUrl, owner), reassigned };
}

export function withRole(url: string, role: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role.name);
  parsed.password = encodeURIComponent(role.password);
  return parsed.toString();
}
