import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entries (one per team per contest), their moderation history, and uploads: rows that stay
 * `pending` until the file is complete and verified.
 */
export class EntriesUploads1763910000000 implements MigrationInterface {
  name = 'EntriesUploads1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "uploads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "team_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "original_name" text NOT NULL, "size" bigint NOT NULL, "received" bigint NOT NULL DEFAULT '0', "sha256" text, "detected_type" text, "mime" text, "duration_seconds" numeric(10,2), "failure_code" text, "created_by" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_uploads_received" CHECK ("received" >= 0 AND "received" <= "size"), CONSTRAINT "ck_uploads_status" CHECK ("status" IN ('pending','ready','failed','expired','cancelled')), CONSTRAINT "ck_uploads_kind" CHECK ("kind" IN ('video','outline')), CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_uploads_team_id" ON "uploads" ("team_id") `);
    await q.query(`CREATE INDEX "ix_uploads_sha256" ON "uploads" ("sha256") `);
    await q.query(`CREATE INDEX "ix_uploads_pending" ON "uploads" ("status", "updated_at") `);
    await q.query(
      `CREATE TABLE "entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "team_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'draft', "name" text NOT NULL DEFAULT '', "context" text NOT NULL DEFAULT '', "implementation" text NOT NULL DEFAULT '', "benefits" text NOT NULL DEFAULT '', "category" text NOT NULL DEFAULT '', "originality_declared_at" TIMESTAMP WITH TIME ZONE, "video_upload_id" uuid, "outline_upload_id" uuid, "return_reasons" jsonb NOT NULL DEFAULT '[]', "duplicate_flag" text, "post_url" text, "submitted_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_entries_status" CHECK ("status" IN ('draft','submitted','returned','resubmitted','approved','published')), CONSTRAINT "PK_23d4e7e9b58d9939f113832915b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_entries_team" ON "entries" ("contest_id", "team_id") `);
    await q.query(
      `CREATE TABLE "entry_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entry_id" uuid NOT NULL, "decision" text NOT NULL, "reasons" jsonb NOT NULL DEFAULT '[]', "checklist" jsonb, "reviewer_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2bc0f83d1ef4242d1829556c457" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_entry_reviews_entry_id" ON "entry_reviews" ("entry_id") `);
    await q.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "FK_69079b4f2299193538d63dd81c1" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "FK_b58e0c745e62b83124b54afca1d" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_2c3b9b089406d894e073244793d" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_dcb86a512221dbeaab2162df0b2" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_86aa9856984b1812b49dd9410a4" FOREIGN KEY ("video_upload_id") REFERENCES "uploads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_7b3ad31746dd494e4186640fee8" FOREIGN KEY ("outline_upload_id") REFERENCES "uploads"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "entry_reviews" ADD CONSTRAINT "FK_e34995fab8544507615290694c3" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "entry_reviews"`);
    await q.query(`DROP TABLE IF EXISTS "entries"`);
    await q.query(`DROP TABLE IF EXISTS "uploads"`);
  }
}
