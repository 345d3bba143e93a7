import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Judging panels (issue 24): `judging_panel_plans` (previews as shown, the committed plan with
 * its k, pool and seed, superseded ones) and, on `judge_assignments`, the plan a row came from.
 * Nothing stored changes meaning: a contest without a committed plan keeps "every judge scores
 * every entry", and existing assignment rows get no plan (null: the matrix or a custom row).
 */
export class JudgingPanels1765000000000 implements MigrationInterface {
  name = 'JudgingPanels1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "judging_panel_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'preview', "panel_size" integer NOT NULL, "judge_ids" uuid array NOT NULL, "entry_ids" uuid array NOT NULL, "seed" text NOT NULL, "panels" jsonb NOT NULL, "summary" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_judging_panel_plans_status" CHECK ("status" IN ('preview','committed','superseded')), CONSTRAINT "PK_judging_panel_plans" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_judging_panel_plans_contest" ON "judging_panel_plans" ("contest_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_judging_panel_plans_committed" ON "judging_panel_plans" ("contest_id") WHERE "status" = 'committed'`,
    );
    await q.query(`ALTER TABLE "judge_assignments" ADD "panel_plan_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "judge_assignments" DROP COLUMN "panel_plan_id"`);
    await q.query(`DROP TABLE IF EXISTS "judging_panel_plans"`);
  }
}
