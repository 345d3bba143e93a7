import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leases of the periodic jobs that wait on something outside the database (the fanpage
 * readings wait on Facebook): one row per job, claimed and renewed by single statements, so
 * no pooled connection is held while the job runs (src/jobs/job-scheduler.ts). A row whose
 * `expires_at` has passed is free: the instance that held it died or stopped renewing.
 */
export class JobLeases1765480000000 implements MigrationInterface {
  name = 'JobLeases1765480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "job_leases" (
        "name" text PRIMARY KEY,
        "holder" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "job_leases"`);
  }
}
