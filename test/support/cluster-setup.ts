import { Client } from 'pg';
import { Cluster } from './cluster';
import { createScratchDatabase, type ScratchDatabase } from './database';
import { startS3Server, type S3Server } from './s3-server';

/** A cluster test's parts: a scratch database, a bucket, the instances, a client on the database. */
export interface ClusterTest {
  db: ScratchDatabase;
  s3: S3Server;
  cluster: Cluster;
  /** as the database's owner (reads and prepares what the test needs) */
  sql: Client;
  /** stops whatever was started, the instances before the database */
  stop: () => Promise<void>;
}

/**
 * The settings every instance of a test cluster shares: one database (the app role, the owner
 * for migrations), one bucket, and what instances sharing no disk must be given alike (the
 * audit signing key, the fanpage token key, the JWT secret). `name` keeps each test's secrets apart; `overrides` adds
 * the test's own settings or replaces these.
 */
export function clusterSettings(
  db: Pick<ScratchDatabase, 'appUrl' | 'ownerUrl'>,
  s3: Pick<S3Server, 'env'>,
  name: string,
  overrides: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: db.appUrl,
    MIGRATION_DATABASE_URL: db.ownerUrl,
    ...s3.env,
    AUDIT_SIGNING_KEY: Buffer.alloc(32, name).toString('base64'),
    FANPAGE_TOKEN_KEY: Buffer.alloc(32, `fanpage-${name}`).toString('base64'),
    JWT_SECRET: `${name}-test-secret-`.padEnd(42, '0'),
    ADMIN_PASSWORD: `${name}-admin-password-1`,
    LOG_LEVEL: 'warn',
    LIVE_BOARD_MIN_INTERVAL_MS: '100',
    ...overrides,
  };
}

/**
 * Starts a scratch database, a bucket and `size` built instances on them (with HAProxy in
 * front unless `balancer` is false: a test may put its own balancer there), then connects
 * `sql`. What started is stopped by `stop()`, also when the start fails half-way.
 */
export async function startClusterTest(
  name: string,
  overrides: NodeJS.ProcessEnv = {},
  options: { balancer?: boolean; size?: number } = {},
): Promise<ClusterTest> {
  const started: Partial<ClusterTest> = {};
  const stop = async () => {
    await started.sql?.end();
    await started.cluster?.stop();
    await started.s3?.stop();
    await started.db?.drop();
  };
  try {
    const db = (started.db = await createScratchDatabase(name));
    const s3 = (started.s3 = await startS3Server());
    const cluster = (started.cluster = new Cluster(
      clusterSettings(db, s3, name, overrides),
      options.size,
    ));
    if (options.balancer === false) await cluster.startInstances();
    else await cluster.start();
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    started.sql = sql;
    return { db, s3, cluster, sql, stop };
  } catch (error) {
    // the instances may have started: what they said is the other half of the failure
    started.cluster?.printRecentOutput(`starting “${name}” failed (${String(error)})`);
    await stop();
    throw error;
  }
}
