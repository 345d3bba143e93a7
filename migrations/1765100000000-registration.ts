import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk registration (issue 24). New tables only: no stored data changes.
 * - `registration_previews`: a previewed workbook that can be committed by its token (the row's
 *   id) for 30 minutes, by the organiser who previewed it; the file waits under
 *   DATA_DIR/tmp/registration-previews/<id>. `used_at` is set in the commit's transaction.
 * - `registration_imports`: one row per committed workbook (who, which file, what was created).
 * - `registration_slips`: the contents of one commit's account slips (names, login names,
 *   temporary passwords), encrypted with a key the server does not keep (it went to the
 *   organiser's browser in the commit's answer); the PDF is rendered from it at download;
 *   deleted once expired (15 minutes), so temporary passwords are never stored readable.
 */
export class Registration1765100000000 implements MigrationInterface {
  name = 'Registration1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "registration_previews" (
        "id" uuid NOT NULL,
        "contest_id" uuid NOT NULL REFERENCES "contests"("id") ON DELETE CASCADE,
        "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "file_sha256" text NOT NULL,
        "file_name" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "used_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_registration_previews" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_registration_previews_expires" ON "registration_previews" ("expires_at")`,
    );
    await q.query(`
      CREATE TABLE "registration_imports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL REFERENCES "contests"("id") ON DELETE RESTRICT,
        "committed_by" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "file_sha256" text NOT NULL,
        "file_name" text NOT NULL,
        "created" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_registration_imports" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_registration_imports_contest" ON "registration_imports" ("contest_id", "created_at")`,
    );
    await q.query(`
      CREATE TABLE "registration_slips" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "contest_id" uuid NOT NULL REFERENCES "contests"("id") ON DELETE CASCADE,
        "import_id" uuid NOT NULL REFERENCES "registration_imports"("id") ON DELETE CASCADE,
        "created_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "people" integer NOT NULL,
        "sealed" bytea NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_registration_slips" PRIMARY KEY ("id"))`);
    await q.query(
      `CREATE INDEX "ix_registration_slips_expires" ON "registration_slips" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "registration_slips"`);
    await q.query(`DROP TABLE "registration_imports"`);
    await q.query(`DROP TABLE "registration_previews"`);
  }
}
