import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A previewed interaction import that can be committed without sending the file again: the
 * preview answers a token (this row's id), valid 30 minutes, for the organiser who previewed
 * it and that contest. The file itself waits under DATA_DIR/tmp/import-previews/<id>; its
 * SHA-256 is kept so the commit stores exactly what was previewed. `used_at` is set in the
 * commit's own transaction, so a token commits once. Rows are removed once expired (the
 * cleanup job), with their files. A new table: no stored data changes.
 */
export class ImportPreviews1764400000000 implements MigrationInterface {
  name = 'ImportPreviews1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "interaction_import_previews" (
        "id" uuid NOT NULL,
        "contest_id" uuid NOT NULL REFERENCES "contests"("id") ON DELETE CASCADE,
        "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "file_sha256" text NOT NULL,
        "file_name" text NOT NULL,
        "taken_at" text,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_interaction_import_previews" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_import_previews_expires" ON "interaction_import_previews" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "interaction_import_previews"`);
  }
}
