import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fanpage readings (issue 28): the contest's connected Page (its access token only encrypted,
 * AES-256-GCM, see src/fanpage/token-vault.ts) and one row per reading the schedule asked for.
 * A reading's slot (contest, scheduled time) is unique, so no reading is done twice across
 * instances or restarts. Snapshots themselves stay in interaction_snapshots (source `graph`).
 * New tables only: stored data is untouched.
 */
export class Fanpage1765440000000 implements MigrationInterface {
  name = 'Fanpage1765440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "fanpage_connections" (
        "contest_id" uuid PRIMARY KEY REFERENCES "contests"("id") ON DELETE RESTRICT,
        "page_id" text NOT NULL,
        "page_name" text NOT NULL,
        "api_version" text NOT NULL,
        "token_ciphertext" text NOT NULL,
        "token_expires_at" TIMESTAMP WITH TIME ZONE,
        "token_expiry_known" boolean NOT NULL,
        "interval_minutes" integer,
        "cutoff_retry_minutes" integer NOT NULL DEFAULT 120,
        "generation" integer NOT NULL DEFAULT 1,
        "connected_by" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "connected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "problem_code" text,
        "problem_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "ck_fanpage_interval" CHECK ("interval_minutes" IS NULL OR "interval_minutes" BETWEEN 15 AND 1440),
        CONSTRAINT "ck_fanpage_retry" CHECK ("cutoff_retry_minutes" BETWEEN 5 AND 2880)
      )`);
    await q.query(`
      CREATE TABLE "fanpage_readings" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL REFERENCES "contests"("id") ON DELETE RESTRICT,
        "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "attempts" integer NOT NULL DEFAULT 0,
        "read_at" TIMESTAMP WITH TIME ZONE,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE,
        "snapshot_id" uuid REFERENCES "interaction_snapshots"("id") ON DELETE RESTRICT,
        "responses" text,
        "responses_sha256" text,
        "unread" jsonb NOT NULL DEFAULT '[]',
        "problem_code" text,
        "problem_message" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_fanpage_reading_slot" UNIQUE ("contest_id", "scheduled_at"),
        CONSTRAINT "ck_fanpage_reading_kind" CHECK ("kind" IN ('scheduled', 'cutoff', 'manual')),
        CONSTRAINT "ck_fanpage_reading_status" CHECK ("status" IN ('done', 'failed', 'retrying', 'missed'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "fanpage_readings"`);
    await q.query(`DROP TABLE "fanpage_connections"`);
  }
}
