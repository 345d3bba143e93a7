import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { CountsInSnapshots1763970000000 } from '../migrations/1763970000000-counts-in-snapshots';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/** Position of the migration under test in the ordered list (later ones are undone too). */
const COUNTS_IN_SNAPSHOTS = MIGRATIONS.indexOf(CountsInSnapshots1763970000000);

/**
 * A snapshot keeps its counts in its own row (parallel arrays). What the old per-row table's
 * keys and foreign keys guaranteed is now checked by the database once per snapshot; this
 * suite proves each guarantee with SQL the app would never send, and that the migration
 * carries existing counts over (and back).
 */
describe('interaction snapshot storage', () => {
  let t: TestApp;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  let otherContestEntry: string;

  const insert = (ids: string[], counts: (number | null)[][], rowCount = ids.length) =>
    t.sql.query(
      `INSERT INTO interaction_snapshots
         (contest_id, taken_at, source, file_sha256, row_count, entry_ids, reactions, shares, comments)
       VALUES ($1, now(), 'form', md5(random()::text), $2, $3::uuid[], $4::int[], $5::int[], $6::int[])
       RETURNING id`,
      [contestId, rowCount, ids, counts[0], counts[1], counts[2]],
    );

  beforeAll(async () => {
    t = await startTestApp();
    ({ contestId, entries } = await publishDemoEntries(t));
    const other = await t.sql.query(
      `INSERT INTO contests (slug, name, status, rules)
       SELECT slug || '-khac', name || ' (khác)', 'draft', rules FROM contests WHERE id = $1
       RETURNING id`,
      [contestId],
    );
    const team = await t.sql.query(
      `INSERT INTO teams (contest_id, number, name, unit_id)
       SELECT $1, 1, 'Đội khác', unit_id FROM teams WHERE contest_id = $2 LIMIT 1 RETURNING id`,
      [other.rows[0].id, contestId],
    );
    otherContestEntry = (
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name) VALUES ($1, $2, 'draft', 'x') RETURNING id`,
        [other.rows[0].id, team.rows[0].id],
      )
    ).rows[0].id;
    const admin = await t.login('admin');
    await t.http
      .post(`/api/contests/${contestId}/interactions/form`)
      .set(bearer(admin))
      .send({
        takenAt: '2022-08-30T10:00:00+07:00',
        counts: entries.map((e) => ({
          entryId: e.id,
          reactions: 100 * e.teamNumber,
          shares: e.teamNumber,
          comments: 7,
        })),
      })
      .expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('stores one row per snapshot and shows its counts through the interaction_counts view', async () => {
    const { rows } = await t.sql.query(
      `SELECT c.entry_id, c.reactions, c.shares, c.comments
         FROM interaction_counts c JOIN interaction_snapshots s ON s.id = c.snapshot_id
        WHERE s.contest_id = $1 ORDER BY c.reactions`,
      [contestId],
    );
    expect(rows).toEqual(
      [...entries]
        .sort((a, b) => a.teamNumber - b.teamNumber)
        .map((e) => ({
          entry_id: e.id,
          reactions: 100 * e.teamNumber,
          shares: e.teamNumber,
          comments: 7,
        })),
    );
  });

  it('refuses arrays of the wrong length, a NULL element and a negative count', async () => {
    const [a, b] = [entries[0]!.id, entries[1]!.id];
    const refused: [(number | null)[][], number?][] = [
      [[[1, 2], [1], [0, 0]]], // shares one short
      [
        [
          [1, 2],
          [1, 2],
          [0, 0],
        ],
        3,
      ], // row_count says three
      [
        [
          [1, null],
          [1, 2],
          [0, 0],
        ],
      ], // a NULL count
      [
        [
          [1, 2],
          [1, -2],
          [0, 0],
        ],
      ], // a negative count
    ];
    for (const [counts, rowCount] of refused)
      await expect(insert([a, b], counts, rowCount)).rejects.toThrow(
        /ck_interaction_snapshots_counts/,
      );
  });

  it('refuses an entry of another contest, an unknown entry and an entry counted twice', async () => {
    const a = entries[0]!.id;
    const counts = [
      [1, 2],
      [1, 2],
      [0, 0],
    ];
    await expect(insert([a, otherContestEntry], counts)).rejects.toMatchObject({
      code: '23503',
    });
    await expect(insert([a, '00000000-0000-4000-8000-000000000000'], counts)).rejects.toMatchObject(
      { code: '23503' },
    );
    await expect(insert([a, a], counts)).rejects.toMatchObject({ code: '23505' });
    // checked per statement, once per distinct list of entries: one bad snapshot among good
    // ones with the same list, or with another list, refuses the whole statement
    const many = (lists: string[][]) =>
      t.sql.query(
        `INSERT INTO interaction_snapshots
           (contest_id, taken_at, source, file_sha256, row_count, entry_ids, reactions, shares, comments)
         SELECT $1, now() + n * interval '1 minute', 'form', md5(random()::text), 2, list, $3, $3, $3
           FROM unnest($2::text[]) WITH ORDINALITY AS l(text_list, n),
                LATERAL (SELECT text_list::uuid[] AS list) x`,
        [contestId, lists.map((ids) => `{${ids.join(',')}}`), [1, 2]],
      );
    const good = [a, entries[1]!.id];
    await expect(many([good, good, [a, otherContestEntry]])).rejects.toMatchObject({
      code: '23503',
    });
    await expect(many([good, [a, a], good])).rejects.toMatchObject({ code: '23505' });
    const stored = await t.sql.query(
      `SELECT count(*)::int AS n FROM interaction_snapshots WHERE contest_id = $1`,
      [contestId],
    );
    await t.sql.query('BEGIN');
    try {
      await expect(many([good, good, [entries[1]!.id, a]])).resolves.toMatchObject({
        rowCount: 3,
      });
    } finally {
      await t.sql.query('ROLLBACK');
    }
    expect(
      (
        await t.sql.query(
          `SELECT count(*)::int AS n FROM interaction_snapshots WHERE contest_id = $1`,
          [contestId],
        )
      ).rows,
    ).toEqual(stored.rows);
    // the same call with two different entries of the contest goes through (rolled back, so
    // the form's snapshot stays the only one)
    await t.sql.query('BEGIN');
    try {
      await expect(insert([a, entries[1]!.id], counts)).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await t.sql.query('ROLLBACK');
    }
  });

  it('never changes or deletes a snapshot, and keeps the entries it counts', async () => {
    await expect(
      t.sql.query(`UPDATE interaction_snapshots SET reactions = reactions WHERE contest_id = $1`, [
        contestId,
      ]),
    ).rejects.toThrow(/never overwritten/);
    await expect(
      t.sql.query(`DELETE FROM interaction_snapshots WHERE contest_id = $1`, [contestId]),
    ).rejects.toThrow(/never overwritten/);
    await expect(
      t.sql.query(`DELETE FROM entries WHERE id = $1`, [entries[2]!.id]),
    ).rejects.toMatchObject({ code: '23503' });
    // an entry no snapshot counts can still be deleted
    await expect(
      t.sql.query(`DELETE FROM entries WHERE id = $1`, [otherContestEntry]),
    ).resolves.toMatchObject({ rowCount: 1 });
  });

  it('carries existing counts into the arrays and back when migrated down and up', async () => {
    const before = (
      await t.sql.query(
        `SELECT snapshot_id, entry_id, reactions, shares, comments FROM interaction_counts ORDER BY 1, 2`,
      )
    ).rows;
    expect(before).toHaveLength(entries.length);
    const dataSource = new DataSource({
      ...dataSourceOptions(t.settings.databaseUrl, 1),
      logging: false,
    });
    await dataSource.initialize();
    try {
      // back to before "counts in the snapshot row" (and every migration added after it)
      for (let i = 0; i < MIGRATIONS.length - COUNTS_IN_SNAPSHOTS; i++)
        await dataSource.undoLastMigration();
      const table = await t.sql.query(
        `SELECT table_type FROM information_schema.tables WHERE table_name = 'interaction_counts'`,
      );
      expect(table.rows).toEqual([{ table_type: 'BASE TABLE' }]);
      const asRows = await t.sql.query(
        `SELECT snapshot_id, entry_id, reactions, shares, comments FROM interaction_counts ORDER BY 1, 2`,
      );
      expect(asRows.rows).toEqual(before);
    } finally {
      await dataSource.destroy();
    }
    expect(await runMigrations(t.settings.databaseUrl)).toEqual(
      MIGRATIONS.slice(COUNTS_IN_SNAPSHOTS).map((m) => m.name),
    );
    expect(
      MIGRATIONS.slice(COUNTS_IN_SNAPSHOTS, COUNTS_IN_SNAPSHOTS + 2).map((m) => m.name),
    ).toEqual(['CountsInSnapshots1763970000000', 'SnapshotChecksPerStatement1763980000000']);
    const after = await t.sql.query(
      `SELECT snapshot_id, entry_id, reactions, shares, comments FROM interaction_counts ORDER BY 1, 2`,
    );
    expect(after.rows).toEqual(before);
    // and the API reads them: the official snapshot still gives team 9 the 30 points
    const admin = await t.login('admin');
    const standings = await t.http
      .get(`/api/contests/${contestId}/interactions`)
      .set(bearer(admin))
      .expect(200);
    const top = (standings.body.entries as { teamNumber: number; points: string }[]).find(
      (e) => e.points === '30.00',
    );
    expect(top?.teamNumber).toBe(Math.max(...entries.map((e) => e.teamNumber)));
  });
});
