import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's counts move into the snapshot row itself, as four parallel arrays (entry ids,
 * reactions, shares, comments), instead of one `interaction_counts` row per entry.
 *
 * Why: a snapshot is written once, whole, and always read whole (the official one for the
 * score, the one before for the "count went down" check, all of them for the anomaly flags and
 * the chart). As rows, a 10.000-entry file cost 10.000 primary-key and index insertions and
 * 20.000 foreign-key trigger calls: PostgreSQL itself could load only ~65.000 rows/s into that
 * table. As one row it is one insert, atomic by construction (no snapshot without its counts).
 *
 * What the foreign keys and checks guaranteed is kept, checked once per snapshot:
 * - the arrays have `row_count` elements each, no NULL, no negative count (CHECK);
 * - every entry id belongs to the snapshot's contest and appears once (trigger on INSERT);
 * - a snapshot is never changed or deleted (trigger), and an entry that a snapshot counts
 *   cannot be deleted (trigger on entries), as ON DELETE RESTRICT did.
 * `interaction_counts` remains as a read-only view with the same columns, for SQL readers.
 *
 * A file may now hold several readings (a "Thời điểm" column), one snapshot each: the same
 * file is recognised by its SHA-256 and the reading's time, not by its SHA-256 alone.
 */
/**
 * Four arrays of `row_count` elements each, without NULL or negative counts. `IS TRUE` makes
 * a NULL element fail (`0 <= ALL (…)` alone is "unknown" then, which a CHECK lets through).
 */
const SNAPSHOT_COUNTS_CHECK = `cardinality("entry_ids") = "row_count" AND cardinality("reactions") = "row_count" AND cardinality("shares") = "row_count" AND cardinality("comments") = "row_count" AND array_position("entry_ids", NULL) IS NULL AND (0 <= ALL ("reactions")) IS TRUE AND (0 <= ALL ("shares")) IS TRUE AND (0 <= ALL ("comments")) IS TRUE`;

/**
 * Every entry id of a new snapshot belongs to its contest and appears once, checked row by row
 * (1763980000000 replaced it with a check per statement; its down migration restores this).
 */
export const PER_ROW_ENTRIES_CHECK = [
  `
      CREATE FUNCTION interaction_snapshot_entries_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One index probe per element: the count of the contest's entries among the ids equals
        -- the number of ids only if every id is one of them and none is listed twice.
        IF (SELECT count(*) FROM entries
             WHERE id = ANY (NEW.entry_ids) AND contest_id = NEW.contest_id)
           = cardinality(NEW.entry_ids) THEN
          RETURN NEW;
        END IF;
        IF (SELECT count(DISTINCT id) FROM unnest(NEW.entry_ids) AS x(id)) <> cardinality(NEW.entry_ids) THEN
          RAISE EXCEPTION 'interaction snapshot counts an entry twice'
            USING ERRCODE = 'unique_violation';
        END IF;
        RAISE EXCEPTION 'interaction snapshot counts an entry outside contest %', NEW.contest_id
          USING ERRCODE = 'foreign_key_violation';
      END $$`,
  `
      CREATE TRIGGER interaction_snapshots_entries BEFORE INSERT ON "interaction_snapshots"
      FOR EACH ROW EXECUTE FUNCTION interaction_snapshot_entries_check()`,
];

export class CountsInSnapshots1763970000000 implements MigrationInterface {
  name = 'CountsInSnapshots1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "interaction_snapshots" ADD "entry_ids" uuid array, ADD "reactions" integer array, ADD "shares" integer array, ADD "comments" integer array`,
    );
    await q.query(`
      UPDATE "interaction_snapshots" s
         SET entry_ids = c.entry_ids, reactions = c.reactions, shares = c.shares, comments = c.comments
        FROM (SELECT snapshot_id,
                     array_agg(entry_id ORDER BY entry_id) AS entry_ids,
                     array_agg(reactions ORDER BY entry_id) AS reactions,
                     array_agg(shares ORDER BY entry_id) AS shares,
                     array_agg(comments ORDER BY entry_id) AS comments
                FROM "interaction_counts" GROUP BY snapshot_id) c
       WHERE c.snapshot_id = s.id`);
    await q.query(`
      UPDATE "interaction_snapshots"
         SET entry_ids = '{}', reactions = '{}', shares = '{}', comments = '{}'
       WHERE entry_ids IS NULL`);
    await q.query(
      `ALTER TABLE "interaction_snapshots" ALTER COLUMN "entry_ids" SET NOT NULL, ALTER COLUMN "reactions" SET NOT NULL, ALTER COLUMN "shares" SET NOT NULL, ALTER COLUMN "comments" SET NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "interaction_snapshots" ADD CONSTRAINT "ck_interaction_snapshots_counts" CHECK (${SNAPSHOT_COUNTS_CHECK})`,
    );
    await q.query(`DROP TABLE "interaction_counts"`);
    await q.query(`DROP INDEX "uq_snapshots_file"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_snapshots_file" ON "interaction_snapshots" ("contest_id", "file_sha256", "taken_at") `,
    );
    await q.query(`
      CREATE VIEW "interaction_counts" AS
      SELECT s.id AS snapshot_id, c.entry_id, c.reactions, c.shares, c.comments
        FROM "interaction_snapshots" s
        CROSS JOIN LATERAL unnest(s.entry_ids, s.reactions, s.shares, s.comments)
                        AS c(entry_id, reactions, shares, comments)`);

    for (const statement of PER_ROW_ENTRIES_CHECK) await q.query(statement);
    await q.query(`
      CREATE FUNCTION interaction_snapshot_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'interaction snapshots are never overwritten; import a new one'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER interaction_snapshots_immutable BEFORE UPDATE OR DELETE ON "interaction_snapshots"
      FOR EACH ROW EXECUTE FUNCTION interaction_snapshot_is_immutable()`);
    await q.query(`
      CREATE FUNCTION entry_counted_in_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM interaction_snapshots s
                    WHERE s.contest_id = OLD.contest_id AND OLD.id = ANY (s.entry_ids)) THEN
          RAISE EXCEPTION 'entry % is counted in an interaction snapshot', OLD.id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`
      CREATE TRIGGER entries_counted_in_snapshot BEFORE DELETE ON "entries"
      FOR EACH ROW EXECUTE FUNCTION entry_counted_in_snapshot()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS entries_counted_in_snapshot ON "entries"`);
    await q.query(`DROP FUNCTION IF EXISTS entry_counted_in_snapshot()`);
    await q.query(
      `DROP TRIGGER IF EXISTS interaction_snapshots_immutable ON "interaction_snapshots"`,
    );
    await q.query(`DROP FUNCTION IF EXISTS interaction_snapshot_is_immutable()`);
    await q.query(
      `DROP TRIGGER IF EXISTS interaction_snapshots_entries ON "interaction_snapshots"`,
    );
    await q.query(`DROP FUNCTION IF EXISTS interaction_snapshot_entries_check()`);
    await q.query(`DROP VIEW IF EXISTS "interaction_counts"`);
    // Refuses (unique violation) if a file of several readings was imported: going back would
    // lose the distinction between its snapshots.
    await q.query(`DROP INDEX "uq_snapshots_file"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_snapshots_file" ON "interaction_snapshots" ("contest_id", "file_sha256") `,
    );
    await q.query(
      `CREATE TABLE "interaction_counts" ("snapshot_id" uuid NOT NULL, "entry_id" uuid NOT NULL, "reactions" integer NOT NULL, "shares" integer NOT NULL, "comments" integer NOT NULL, CONSTRAINT "ck_interaction_counts_nonneg" CHECK ("reactions" >= 0 AND "shares" >= 0 AND "comments" >= 0), CONSTRAINT "PK_9446a1c0f118927186f7fbc3775" PRIMARY KEY ("snapshot_id", "entry_id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_interaction_counts_entry" ON "interaction_counts" ("entry_id") `,
    );
    await q.query(`
      INSERT INTO "interaction_counts" (snapshot_id, entry_id, reactions, shares, comments)
      SELECT s.id, c.* FROM "interaction_snapshots" s
       CROSS JOIN LATERAL unnest(s.entry_ids, s.reactions, s.shares, s.comments) AS c`);
    await q.query(
      `ALTER TABLE "interaction_counts" ADD CONSTRAINT "FK_0e3b1fd5eafa24e0cad03d0f61e" FOREIGN KEY ("snapshot_id") REFERENCES "interaction_snapshots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "interaction_counts" ADD CONSTRAINT "FK_6a47f46bd0154293de9978013e6" FOREIGN KEY ("entry_id") REFERENCES "entries"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "interaction_snapshots" DROP CONSTRAINT "ck_interaction_snapshots_counts"`,
    );
    await q.query(
      `ALTER TABLE "interaction_snapshots" DROP COLUMN "comments", DROP COLUMN "shares", DROP COLUMN "reactions", DROP COLUMN "entry_ids"`,
    );
  }
}
