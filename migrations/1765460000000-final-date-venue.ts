import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When and where the final round takes place, as announced to the public (issue 26): the
 * results page says it before the results are published. Both optional; contests already
 * stored keep working with neither set.
 */
export class FinalDateVenue1765460000000 implements MigrationInterface {
  name = 'FinalDateVenue1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "contests"
        ADD COLUMN "final_at" TIMESTAMP WITH TIME ZONE,
        ADD COLUMN "final_venue" text,
        ADD CONSTRAINT "ck_contests_final_venue" CHECK (char_length("final_venue") BETWEEN 1 AND 300)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "contests"
        DROP CONSTRAINT "ck_contests_final_venue",
        DROP COLUMN "final_venue",
        DROP COLUMN "final_at"`);
  }
}
