import { MigrationInterface, QueryRunner } from 'typeorm';

/** Fanpage interaction snapshots (never overwritten), their counts, and exclusions. */
export class Interactions1763920000000 implements MigrationInterface {
  name = 'Interactions1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "interaction_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" text NOT NULL, "file_sha256" text NOT NULL, "file_name" text, "row_count" integer NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47e5c020356c22ef01708546542" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_snapshots_taken" ON "interaction_snapshots" ("contest_id", "taken_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_snapshots_file" ON "interaction_snapshots" ("contest_id", "file_sha256") `,
    );
    await q.query(
      `CREATE TABLE "interaction_counts" ("snapshot_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reactions" integer NOT NULL, "shares" integer NOT NULL, "comments" integer NOT NULL, CONSTRAINT "ck_interaction_counts_nonneg" CHECK ("reactions" >= 0 AND "shares" >= 0 AND "comments" >= 0), CONSTRAINT "PK_9446a1c0f118927186f7fbc3775" PRIMARY KEY ("snapshot_id", "entry_id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_interaction_counts_entry" ON "interaction_counts" ("entry_id") `,
    );
    await q.query(
      `CREATE TABLE "interaction_exclusions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reactions" integer NOT NULL DEFAULT '0', "shares" integer NOT NULL DEFAULT '0', "comments" integer NOT NULL DEFAULT '0', "reason" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_interaction_exclusions_nonneg" CHECK ("reactions" >= 0 AND "shares" >= 0 AND "comments" >= 0), CONSTRAINT "PK_a7761904a630ee0cc5963b288ec" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_exclusions_entry" ON "interaction_exclusions" ("entry_id") `);
    await q.query(
      `ALTER TABLE "interaction_snapshots" ADD CONSTRAINT "FK_71579b4aa25b242acc0d10adc69" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "interaction_counts" ADD CONSTRAINT "FK_0e3b1fd5eafa24e0cad03d0f61e" FOREIGN KEY ("snapshot_id") REFERENCES "interaction_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "interaction_counts" ADD CONSTRAINT "FK_6a47f46bd0154293de9978013e6" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "interaction_exclusions" ADD CONSTRAINT "FK_8898fabfcf06a106ddf5059d431" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "interaction_exclusions"`);
    await q.query(`DROP TABLE IF EXISTS "interaction_counts"`);
    await q.query(`DROP TABLE IF EXISTS "interaction_snapshots"`);
  }
}
