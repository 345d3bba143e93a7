import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Side prizes the organisers record as not awarded, with a reason (issue 20). New table only. */
export class UnawardedPrizes1764100000000 implements MigrationInterface {
  name = 'UnawardedPrizes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "unawarded_prizes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "prize_code" text NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_unawarded_prizes" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_unawarded_prizes" ON "unawarded_prizes" ("contest_id", "prize_code")`,
    );
    await q.query(
      `ALTER TABLE "unawarded_prizes" ADD CONSTRAINT "FK_8b26dfcf1799c6534dcc09253aa" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "unawarded_prizes"`);
  }
}
