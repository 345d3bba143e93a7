import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Direct uploads to an S3-compatible bucket (issue 23, STORAGE=s3). An upload gains the id of
 * its S3 multipart upload, its part size, when its parts were assembled (then it is being
 * verified) and who claimed that verification; its parts are recorded one row each. All new
 * columns are nullable: uploads already stored (tus on local disk) keep their meaning.
 */
export class DirectUploads1765400000000 implements MigrationInterface {
  name = 'DirectUploads1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "uploads" ADD "multipart_id" text, ADD "part_size" integer, ADD "parts_completed_at" TIMESTAMP WITH TIME ZONE, ADD "verify_claimed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await q.query(
      `CREATE TABLE "upload_parts" ("upload_id" uuid NOT NULL, "part_number" integer NOT NULL, "etag" text NOT NULL, "size" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_upload_parts_size" CHECK ("size" > 0), CONSTRAINT "ck_upload_parts_number" CHECK ("part_number" BETWEEN 1 AND 10000), CONSTRAINT "pk_upload_parts" PRIMARY KEY ("upload_id", "part_number"))`,
    );
    await q.query(
      `ALTER TABLE "upload_parts" ADD CONSTRAINT "fk_upload_parts_upload" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "upload_parts"`);
    await q.query(
      `ALTER TABLE "uploads" DROP COLUMN "verify_claimed_at", DROP COLUMN "parts_completed_at", DROP COLUMN "part_size", DROP COLUMN "multipart_id"`,
    );
  }
}
