import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results: organisers' tie decisions, confirmed side and sponsor awards, frozen results
 * versions (whose figures a trigger keeps immutable), and what the live board reveals.
 */
export class Results1763950000000 implements MigrationInterface {
  name = 'Results1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "confirmed_awards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "kind" text NOT NULL, "prize_code" text NOT NULL, "entry_id" uuid NOT NULL, "member_id" uuid, "position" integer NOT NULL, CONSTRAINT "ck_confirmed_awards_kind" CHECK ("kind" IN ('side','sponsor')), CONSTRAINT "PK_602912d8ab1cc812ac5f58e1d65" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_confirmed_awards_contest" ON "confirmed_awards"  ("contest_id")`,
    );
    await q.query(
      `CREATE TABLE "results_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL, "document" jsonb NOT NULL, "fingerprint" text NOT NULL, "frozen_by" uuid NOT NULL, "frozen_by_name" text NOT NULL, "frozen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "correction_reason" text, "approved_by" uuid, "approved_by_name" text, "published_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, CONSTRAINT "ck_results_versions_fingerprint" CHECK ("fingerprint" ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_results_versions_status" CHECK ("status" IN ('frozen','published','superseded','rejected')), CONSTRAINT "PK_1d665b51ad682be5e2c3a08b0b8" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_results_versions" ON "results_versions"  ("contest_id", "version")`,
    );
    await q.query(
      `CREATE TABLE "tie_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "entry_ids" jsonb NOT NULL, "reason" text NOT NULL, "decided_by" uuid NOT NULL, "decided_by_name" text NOT NULL, CONSTRAINT "PK_a63c76dce6b18a4571a9448dc11" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_tie_decisions_contest" ON "tie_decisions"  ("contest_id", "created_at")`,
    );
    await q.query(`ALTER TABLE "final_states" ADD "revealed_parts" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(
      `ALTER TABLE "final_states" ADD "ranking_revealed" boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE "confirmed_awards" ADD CONSTRAINT "FK_e30a2d499b54d993f80b8aef354" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "results_versions" ADD CONSTRAINT "FK_68f08899cfe8784e32d61249117" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "tie_decisions" ADD CONSTRAINT "FK_bc0d9843d0a221bc066dd0ffdb7" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A frozen version's figures never change and no version is ever deleted: only its
    // status and publication fields move. Tie decisions are never edited either.
    await q.query(`
      CREATE FUNCTION results_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'results_versions rows are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.document IS DISTINCT FROM OLD.document OR NEW.fingerprint IS DISTINCT FROM OLD.fingerprint
           OR NEW.version IS DISTINCT FROM OLD.version OR NEW.contest_id IS DISTINCT FROM OLD.contest_id
           OR NEW.frozen_at IS DISTINCT FROM OLD.frozen_at OR NEW.frozen_by IS DISTINCT FROM OLD.frozen_by THEN
          RAISE EXCEPTION 'a frozen results version is immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER results_versions_immutable BEFORE UPDATE OR DELETE ON "results_versions"
      FOR EACH ROW EXECUTE FUNCTION results_version_is_immutable()`);
    await q.query(`
      CREATE FUNCTION tie_decision_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'tie_decisions is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tie_decisions_append_only BEFORE UPDATE OR DELETE ON "tie_decisions"
      FOR EACH ROW EXECUTE FUNCTION tie_decision_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tie_decisions_append_only ON "tie_decisions"`);
    await q.query(`DROP FUNCTION IF EXISTS tie_decision_is_append_only()`);
    await q.query(`DROP TRIGGER IF EXISTS results_versions_immutable ON "results_versions"`);
    await q.query(`DROP FUNCTION IF EXISTS results_version_is_immutable()`);
    await q.query(`ALTER TABLE "final_states" DROP COLUMN IF EXISTS "ranking_revealed"`);
    await q.query(`ALTER TABLE "final_states" DROP COLUMN IF EXISTS "revealed_parts"`);
    await q.query(`DROP TABLE IF EXISTS "results_versions"`);
    await q.query(`DROP TABLE IF EXISTS "confirmed_awards"`);
    await q.query(`DROP TABLE IF EXISTS "tie_decisions"`);
  }
}
