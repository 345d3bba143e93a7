import { MigrationInterface, QueryRunner } from 'typeorm';

/** The live final round: stage state, per-part scorecards, side-prize nominations. */
export class FinalRound1763940000000 implements MigrationInterface {
  name = 'FinalRound1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "final_states" ("contest_id" uuid NOT NULL, "entry_order" jsonb NOT NULL, "draw_seed" text, "pairing" jsonb NOT NULL, "current_entry_id" uuid, "current_part" text, "timer_started_at" TIMESTAMP WITH TIME ZONE, "timer_elapsed_ms" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_final_states_timer" CHECK ("timer_elapsed_ms" >= 0), CONSTRAINT "PK_05745126c2cfce010e09f6b2958" PRIMARY KEY ("contest_id"))`,
    );
    await q.query(
      `CREATE TABLE "nominations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "kind" text NOT NULL, "part_code" text NOT NULL, "entry_id" uuid NOT NULL, "member_id" uuid, CONSTRAINT "ck_nominations_kind" CHECK ("kind" IN ('individual','collective')), CONSTRAINT "PK_94d2a23f18ea8e3b22d1ec6e972" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_nominations" ON "nominations" ("contest_id", "judge_id", "kind", "part_code") `,
    );
    await q.query(
      `CREATE TABLE "part_scorecards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "part_code" text NOT NULL, "points" numeric(6,2) NOT NULL, "status" text NOT NULL DEFAULT 'draft', "submitted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_part_scorecards_status" CHECK ("status" IN ('draft','submitted')), CONSTRAINT "PK_f6d89287689713e6894c2dd1f44" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_part_scorecards_contest" ON "part_scorecards" ("contest_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_part_scorecards" ON "part_scorecards" ("entry_id", "judge_id", "part_code") `,
    );
    await q.query(
      `ALTER TABLE "final_states" ADD CONSTRAINT "FK_05745126c2cfce010e09f6b2958" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "nominations" ADD CONSTRAINT "FK_1b7298f3a1f572aa9cb3de54ed2" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "part_scorecards" ADD CONSTRAINT "FK_7c56be498f7645b19a642f06179" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "part_scorecards" ADD CONSTRAINT "FK_085532e8ea94df924978af44886" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "part_scorecards" ADD CONSTRAINT "FK_f8955ec8f66c62ccc7d944eda51" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "nominations"`);
    await q.query(`DROP TABLE IF EXISTS "part_scorecards"`);
    await q.query(`DROP TABLE IF EXISTS "final_states"`);
  }
}
