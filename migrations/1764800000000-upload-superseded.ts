import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads gain the status `superseded`: a file that was ready until its entry took a newer
 * one. The row (and its audit rows) stay; the bytes are removed. Existing rows are unchanged:
 * a ready upload no entry points at any more stays `ready` (and keeps its file) until an
 * organiser decides; only files replaced from now on are removed.
 */
export class UploadSuperseded1764800000000 implements MigrationInterface {
  name = 'UploadSuperseded1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "uploads" DROP CONSTRAINT "ck_uploads_status"`);
    await q.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "ck_uploads_status" CHECK ("status" IN ('pending','ready','failed','expired','cancelled','superseded'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "uploads" SET "status" = 'cancelled' WHERE "status" = 'superseded'`);
    await q.query(`ALTER TABLE "uploads" DROP CONSTRAINT "ck_uploads_status"`);
    await q.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "ck_uploads_status" CHECK ("status" IN ('pending','ready','failed','expired','cancelled'))`,
    );
  }
}
