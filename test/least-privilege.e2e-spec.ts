import { Client } from 'pg';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The app serves requests as a role that owns nothing and holds only row privileges
 * (src/database/least-privilege.ts). Every e2e suite runs the app this way; this one checks
 * what that role must NOT be able to do with the credentials it holds.
 */
describe('least privilege: the app role', () => {
  let t: TestApp;
  let app: Client;
  let owner: Client;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    app = new Client({ connectionString: t.settings.databaseUrl });
    owner = new Client({ connectionString: t.settings.migrationDatabaseUrl });
    await app.connect();
    await owner.connect();
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await t?.close();
  });

  const refused = (sql: string) => expect(app.query(sql)).rejects.toThrow();

  it('is neither a superuser nor the owner of anything, and is not the migrations role', async () => {
    const { rows } = await app.query(
      `SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      name: 'cchc_test_app',
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
    });
    const owned = await app.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relowner = current_user::regrole`,
    );
    expect(owned.rows).toEqual([]);
    const tables = await owner.query(
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
    );
    expect(tables.rows).toEqual([{ owner: 'cchc_test_owner' }]);
  });

  it('cannot switch off triggers: SET session_replication_role, ALTER TABLE … DISABLE TRIGGER', async () => {
    await expect(app.query(`SET session_replication_role = replica`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      app.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`),
    ).rejects.toThrow(/must be owner/);
    await expect(app.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(
      /must be owner/,
    );
  });

  it('cannot run programs or touch server files: COPY … TO PROGRAM, COPY … TO a file', async () => {
    await expect(app.query(`COPY (SELECT 1) TO PROGRAM 'touch /tmp/cchc-owned'`)).rejects.toThrow(
      /permission denied|must be superuser|pg_execute_server_program/,
    );
    await expect(app.query(`COPY users TO '/tmp/cchc-users.csv'`)).rejects.toThrow(
      /permission denied|must be superuser|pg_write_server_files/,
    );
    await expect(app.query(`SELECT pg_read_file('postgresql.conf')`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it.each([
    ['audit_log', 'reason'],
    ['audit_chain', 'hash'],
    ['audit_checkpoints', 'signature'],
  ])('may read and append to %s, never UPDATE, DELETE or TRUNCATE it', async (table, column) => {
    await expect(app.query(`SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
    await expect(app.query(`UPDATE ${table} SET ${column} = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
  });

  it('cannot ALTER, DROP, TRUNCATE or create tables, nor read the migrations table', async () => {
    await refused(`ALTER TABLE users ADD COLUMN is_root boolean`);
    await refused(`DROP TABLE contests`);
    await expect(app.query(`TRUNCATE users CASCADE`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`CREATE TABLE public.backdoor (id int)`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(app.query(`SELECT * FROM schema_migrations`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`CREATE ROLE intruder SUPERUSER`)).rejects.toThrow(/permission denied/);
  });

  it('still does its job: reads and writes rows, audited (the whole e2e suite runs this way)', async () => {
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id as string;
    await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'Phường Lái Hiếu', kind: 'phuong' })
      .expect(201);
    const verify = await t.http
      .get(`/api/contests/${contestId}/audit/verify`)
      .set(bearer(admin))
      .expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it("gets rights on a table a later migration creates, through the owner's default privileges", async () => {
    // what another feature's migration does: create a table as the owner, grant nothing
    await owner.query(`CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text)`);
    await app.query(`INSERT INTO later_feature (note) VALUES ('được ghi')`);
    await app.query(`UPDATE later_feature SET note = 'đã sửa'`);
    expect((await app.query(`SELECT note FROM later_feature`)).rows).toEqual([{ note: 'đã sửa' }]);
    await app.query(`DELETE FROM later_feature`);
    await expect(app.query(`TRUNCATE later_feature`)).rejects.toThrow(/permission denied/);
    await expect(app.query(`ALTER TABLE later_feature ADD COLUMN x int`)).rejects.toThrow(
      /must be owner/,
    );
    await owner.query(`DROP TABLE later_feature`);
  });
});
