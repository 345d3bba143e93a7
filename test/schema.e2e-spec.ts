import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import { createScratchDatabase } from './support/database';
import { countOverlappingQueries, oneQueryAtATime } from './support/one-query-at-a-time';

describe('schema from migrations', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createScratchDatabase('schema');
    // as the schema owner, like the app's start-up (the app role itself may not migrate)
    await runMigrations(database.ownerUrl);
    dataSource = oneQueryAtATime(
      new DataSource({ ...dataSourceOptions(database.ownerUrl, 2), logging: false }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('builds every table from an empty database', async () => {
    const rows: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'audit_log',
        'contest_members',
        'contest_rules_versions',
        'contests',
        'entries',
        'entry_reviews',
        'schema_migrations',
        'team_members',
        'teams',
        'units',
        'uploads',
        'users',
      ]),
    );
  });

  it('leaves no difference between the entities and the migrated schema', async () => {
    const queries = countOverlappingQueries();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      queries.stop();
    }
    // no query sent while another ran on the same connection (pg's DeprecationWarning)
    expect(queries.overlaps()).toBe(0);
  });

  it('is idempotent: running migrations again applies nothing', async () => {
    expect(await runMigrations(database.ownerUrl)).toEqual([]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the audit log, even from the tables' owner", async () => {
    await dataSource.query(
      `INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test.insert', 'test', 'x')`,
    );
    await expect(dataSource.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM audit_log`);
    expect(count).toBe(1);
  });

  it('can be rolled back to nothing and rebuilt', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const rows: unknown[] = await dataSource.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'contests'`,
    );
    expect(rows).toHaveLength(0);
    expect(await runMigrations(database.ownerUrl)).toHaveLength(MIGRATIONS.length);
  });
});
