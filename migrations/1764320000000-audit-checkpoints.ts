import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed audit checkpoints (AuditCheckpointService), append-only like the log itself, and
 * the checkpoint each results version carries. A version's checkpoint is as immutable as its
 * figures: the guard function now covers it too.
 */
export class AuditCheckpoints1764320000000 implements MigrationInterface {
  name = 'AuditCheckpoints1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_checkpoints" ("id" BIGSERIAL NOT NULL, "chain" text NOT NULL, "row_count" bigint NOT NULL, "head_hash" text NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "key_id" text NOT NULL, "signature" text NOT NULL, CONSTRAINT "PK_ec62ec0b7b181580b1fa64e1167" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_audit_checkpoints_chain" ON "audit_checkpoints" ("chain", "row_count") `,
    );
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON "audit_checkpoints"
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON "audit_checkpoints"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`ALTER TABLE "results_versions" ADD "audit_checkpoint" jsonb`);
    await q.query(resultsGuard(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(resultsGuard(false));
    await q.query(`ALTER TABLE "results_versions" DROP COLUMN "audit_checkpoint"`);
    await q.query(`DROP TABLE "audit_checkpoints"`);
  }
}

/** results_version_is_immutable(), with or without the checkpoint column. */
function resultsGuard(withCheckpoint: boolean): string {
  return `
    CREATE OR REPLACE FUNCTION results_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'results_versions rows are never deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.document IS DISTINCT FROM OLD.document OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
         OR NEW.version IS DISTINCT FROM OLD.version OR NEW.contest_id IS DISTINCT FROM OLD.contest_id
         OR NEW.frozen_at IS DISTINCT FROM OLD.frozen_at OR NEW.frozen_by IS DISTINCT FROM OLD.frozen_by
         ${withCheckpoint ? 'OR NEW.audit_checkpoint IS DISTINCT FROM OLD.audit_checkpoint' : ''} THEN
        RAISE EXCEPTION 'a frozen results version is immutable' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`;
}
