import { Client, escapeIdentifier as ident, escapeLiteral as literal } from 'pg';
import { runMigrations } from './data-source';

/**
 * Least privilege (docs/security.md). Two PostgreSQL roles:
 * - the **owner** owns the schema: migrations run as it, and it grants the app what it needs;
 * - the **app** role serves requests: it owns nothing, is no superuser, and may only
 *   SELECT/INSERT/UPDATE/DELETE rows (tables in APPEND_ONLY_TABLES: SELECT and INSERT only).
 * So the app's credentials cannot switch off the append-only triggers (ALTER TABLE,
 * `session_replication_role`), TRUNCATE, or run programs (`COPY … TO PROGRAM`).
 *
 * Grants are applied after the migrations at every start (idempotent), and the owner's
 * default privileges give the app the same rights on every table a later migration creates:
 * a migration needs nothing special, unless its table is append-only (add it below).
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_chain', 'audit_checkpoints'];

/** The app never reads or writes these. */
const OWNER_ONLY_TABLES = ['schema_migrations'];

/** Same key as the migration runner's: grants never race with migrations of another instance. */
const SCHEMA_LOCK = 724201;

export interface LoginRole {
  name: string;
  password: string;
}

export interface DatabaseUrls {
  /** what the app serves requests with */
  app: string;
  /** what migrations run as (the schema owner); the same URL when only one is configured */
  migration: string;
}

/**
 * Superuser step: a login role with no special attribute (no superuser, no CREATEDB,
 * CREATEROLE, REPLICATION or BYPASSRLS), created or brought back to that state.
 */
export async function ensureLoginRole(superuser: Client, role: LoginRole): Promise<void> {
  const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
  const exists = await superuser.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role.name]);
  if (!exists.rowCount) {
    try {
      await superuser.query(`CREATE ROLE ${ident(role.name)} ${attributes}`);
    } catch (error) {
      // another process created it meanwhile (duplicate_object / unique_violation)
      if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  }
  await superuser.query(
    `ALTER ROLE ${ident(role.name)} ${attributes} PASSWORD ${literal(role.password)}`,
  );
}

/**
 * Superuser step on the app's database: the owner may create in the public schema, the app
 * may use it, and every object of the schema that belongs to someone else (a data directory
 * from before the two roles, where `postgres` owns everything) is handed to the owner.
 * Extension members are left alone.
 */
export async function handSchemaToOwner(
  superuser: Client,
  owner: string,
  app: string,
): Promise<number> {
  await superuser.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${ident(owner)}`);
  await superuser.query(`GRANT USAGE ON SCHEMA public TO ${ident(app)}`);
  const objects: { kind: string; name: string }[] = (
    await superuser.query(
      `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                             WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
              c.oid::regclass::text AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND c.relowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
       UNION ALL
       SELECT 'FUNCTION', p.oid::regprocedure::text
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                          AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY 1 DESC, 2`,
      [owner],
    )
  ).rows;
  for (const object of objects)
    await superuser.query(`ALTER ${object.kind} ${object.name} OWNER TO ${ident(owner)}`);
  return objects.length;
}

interface RoleFacts {
  name: string;
  superuser: boolean;
}

async function roleOf(url: string): Promise<RoleFacts> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT current_user AS name, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
    );
    return rows[0] as RoleFacts;
  });
}

/**
 * Owner step: the app role gets exactly what it needs on every table (now and, through
 * default privileges, on tables created later by the owner), nothing on the migrations table,
 * and no UPDATE, DELETE or TRUNCATE on the append-only tables.
 */
export async function grantAppAccess(owner: Client, app: string): Promise<void> {
  const role = ident(app);
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
    const usage = await owner.query(`SELECT has_schema_privilege($1, 'public', 'USAGE') AS ok`, [
      app,
    ]);
    if (!usage.rows[0].ok) await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await owner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    );
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const existing = async (names: string[]) =>
      (
        await owner.query(
          `SELECT c.oid::regclass::text AS name FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
          [names],
        )
      ).rows.map((r: { name: string }) => r.name);
    const appendOnly = await existing(APPEND_ONLY_TABLES);
    if (appendOnly.length)
      await owner.query(
        `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${appendOnly.join(', ')} FROM ${role}`,
      );
    const ownerOnly = await existing(OWNER_ONLY_TABLES);
    if (ownerOnly.length) await owner.query(`REVOKE ALL ON ${ownerOnly.join(', ')} FROM ${role}`);
    await owner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    );
    await owner.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
    );
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Before the app starts: migrations as the owner, then the app role's grants. Returns the
 * warnings to print when the configuration is weaker than two separate roles.
 */
export async function prepareDatabase(urls: DatabaseUrls): Promise<string[]> {
  await runMigrations(urls.migration);
  const app = await roleOf(urls.app);
  const owner = urls.migration === urls.app ? app : await roleOf(urls.migration);
  const warnings: string[] = [];
  if (app.name === owner.name) {
    warnings.push(
      app.superuser
        ? `The app connects to PostgreSQL as "${app.name}", a SUPERUSER: whoever obtains these ` +
            `credentials can switch off the audit log's append-only triggers ` +
            `(SET session_replication_role) and run programs on the database server ` +
            `(COPY … TO PROGRAM). Set MIGRATION_DATABASE_URL (the schema owner) and DATABASE_URL ` +
            `(a role without privileges of its own; see docs/security.md).`
        : `The app connects to PostgreSQL as "${app.name}", the owner of the tables: it could ` +
            `switch off the audit log's append-only triggers (ALTER TABLE … DISABLE TRIGGER). ` +
            `Set MIGRATION_DATABASE_URL (the owner) and give DATABASE_URL a role of its own ` +
            `(see docs/security.md).`,
    );
    return warnings;
  }
  await withClient(urls.migration, (client) => grantAppAccess(client, app.name));
  if (app.superuser)
    warnings.push(
      `DATABASE_URL connects as "${app.name}", a SUPERUSER: the grants limit nothing. ` +
        `Give the app a role without privileges of its own (see docs/security.md).`,
    );
  const owned = await withClient(urls.app, async (client) =>
    Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relowner = current_user::regrole`,
        )
      ).rows[0].n,
    ),
  );
  if (owned > 0)
    warnings.push(
      `DATABASE_URL's role "${app.name}" owns ${owned} objects of the public schema: it could ` +
        `switch off the append-only triggers. Hand them to the owner role (docs/security.md).`,
    );
  return warnings;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'cchc-contest-setup' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
