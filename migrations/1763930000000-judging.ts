import { MigrationInterface, QueryRunner } from 'typeorm';

/** Preliminary judging: assignments, conflicts and recusals, scorecards, idempotency keys. */
export class Judging1763930000000 implements MigrationInterface {
  name = 'Judging1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await q.query(
      `CREATE TABLE "judge_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b2f2a5dac77c026cc260a7d7df5" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_judge_assignments_contest" ON "judge_assignments" ("contest_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_judge_assignments" ON "judge_assignments" ("entry_id", "judge_id") `,
    );
    await q.query(
      `CREATE TABLE "judge_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "kind" text NOT NULL, "reason" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_judge_conflicts_kind" CHECK ("kind" IN ('declared','recusal')), CONSTRAINT "PK_ca605f801ba87cccc4579c46577" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_judge_conflicts_contest" ON "judge_conflicts" ("contest_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_judge_conflicts" ON "judge_conflicts" ("entry_id", "judge_id") `,
    );
    await q.query(
      `CREATE TABLE "scorecards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "judge_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "scores" jsonb NOT NULL DEFAULT '{}', "total" numeric(7,2), "comment" text NOT NULL DEFAULT '', "submitted_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_scorecards_status" CHECK ("status" IN ('draft','submitted')), CONSTRAINT "PK_5ab8d3887ff2fb66e229c1fdd89" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_scorecards_contest" ON "scorecards" ("contest_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_scorecards_judge_entry" ON "scorecards" ("entry_id", "judge_id") `,
    );
    await q.query(
      `ALTER TABLE "judge_assignments" ADD CONSTRAINT "FK_bc23a640427f14fbec8e40f0379" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "judge_assignments" ADD CONSTRAINT "FK_960f6e37b18343355c63e4f6876" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scorecards" ADD CONSTRAINT "FK_f9f3acd6cc24e8b2bb5d4e03a5f" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scorecards" ADD CONSTRAINT "FK_46e9acba3f7d790f724e7f3bd6d" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "scorecards" ADD CONSTRAINT "FK_2640da6b74cd559797a18c8f1b9" FOREIGN KEY ("judge_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "idempotency_keys"`);
    await q.query(`DROP TABLE IF EXISTS "scorecards"`);
    await q.query(`DROP TABLE IF EXISTS "judge_conflicts"`);
    await q.query(`DROP TABLE IF EXISTS "judge_assignments"`);
  }
}
