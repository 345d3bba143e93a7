import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The award ceremony on the live board (issue 26): how many prizes the organiser has revealed
 * so far; null while no ceremony runs. One nullable column: stored final rounds keep showing
 * the stage as before.
 */
export class AwardCeremony1765420000000 implements MigrationInterface {
  name = 'AwardCeremony1765420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "final_states" ADD "ceremony_revealed" integer,
         ADD CONSTRAINT "ck_final_states_ceremony" CHECK ("ceremony_revealed" >= 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "final_states" DROP CONSTRAINT "ck_final_states_ceremony", DROP COLUMN "ceremony_revealed"`,
    );
  }
}
