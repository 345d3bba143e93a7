import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fmt, startBenchServer } from './support';

const ENTRIES = 10_000;
const SNAPSHOTS = 10; // 10 files × 10.000 rows = 100.000 rows

/**
 * Interaction import throughput: 100.000 rows (10 dated snapshots of 10.000 published
 * entries) through the HTTP API (multipart upload, parse, match, validate, engine points,
 * one transaction per file), against PostgreSQL COPY of the same rows into a scratch table
 * in the same run. Target: ≥ 0.25× COPY, RSS flat.
 */
export async function runImportBench(): Promise<void> {
  const server = await startBenchServer({ SEED_DEMO: 'true' });
  const sql = new Client({ connectionString: server.databaseUrl });
  await sql.connect();
  try {
    const admin = await server.login('admin');
    const contestId = (await server.api('/api/contests', { token: admin })).body[0].id as string;
    const page = 'https://www.facebook.com/hoithimohinhsangkiencchcngabay';
    // 10.000 published entries (fixture via SQL: the import is what is measured)
    const unit = (
      await sql.query(`SELECT id FROM units WHERE contest_id = $1 LIMIT 1`, [contestId])
    ).rows[0].id;
    await sql.query(
      `INSERT INTO teams (contest_id, number, name, unit_id) SELECT $1, n, 'Đội ' || n, $2 FROM generate_series(100, 100 + $3 - 1) n`,
      [contestId, unit, ENTRIES],
    );
    await sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, post_url, published_at)
       SELECT contest_id, id, 'published', name, $2 || '/posts/' || number, now() FROM teams WHERE contest_id = $1 AND number >= 100`,
      [contestId, page],
    );
    await sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);

    const files: string[] = [];
    for (let s = 0; s < SNAPSHOTS; s++) {
      const lines = ['Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
      for (let n = 100; n < 100 + ENTRIES; n++)
        lines.push(
          `${n};"${(1000 + s * 37 + (n % 500)).toLocaleString('vi-VN')}";${s * 3 + (n % 90)};${n % 7}`,
        );
      files.push(lines.join('\r\n'));
    }

    console.log('\n== Interaction import benchmark (100.000 rows) ==');
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    for (const [s, csv] of files.entries()) {
      const form = new FormData();
      form.set('takenAt', new Date(Date.UTC(2022, 7, 25 + s, 3)).toISOString());
      form.set('file', new Blob([csv], { type: 'text/csv' }), `snapshot-${s}.csv`);
      const res = await fetch(
        `http://127.0.0.1:${server.port}/api/contests/${contestId}/interactions/imports`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}` },
          body: form,
        },
      );
      if (res.status !== 201)
        throw new Error(`import ${s} failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    const apiSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const stored = Number(
      (await sql.query(`SELECT count(*) FROM interaction_counts`)).rows[0].count,
    );
    if (stored !== ENTRIES * SNAPSHOTS)
      throw new Error(`expected ${ENTRIES * SNAPSHOTS} rows, found ${stored}`);

    // The floor: COPY of the same 100.000 rows into a scratch table.
    const ids = (
      await sql.query(`SELECT id FROM entries WHERE contest_id = $1 ORDER BY id`, [contestId])
    ).rows.map((r) => r.id as string);
    await sql.query(
      `CREATE TEMP TABLE scratch (snapshot_id uuid, entry_id uuid, reactions int, shares int, comments int)`,
    );
    const copyRows = Array.from({ length: SNAPSHOTS }, (_, s) =>
      ids
        .map(
          (id, i) =>
            `00000000-0000-4000-8000-${String(s).padStart(12, '0')}\t${id}\t${1000 + i}\t${i % 90}\t${i % 7}\n`,
        )
        .join(''),
    ).join('');
    const c0 = performance.now();
    await pipeline(Readable.from([copyRows]), sql.query(copyFrom('COPY scratch FROM STDIN')));
    const copySeconds = (performance.now() - c0) / 1000;

    // A second, stricter floor: COPY into interaction_counts itself (primary key, entry index,
    // two foreign keys, WAL), rolled back. What PostgreSQL can do for this table at all.
    await sql.query('BEGIN');
    const snapshots: string[] = [];
    for (let s = 0; s < SNAPSHOTS; s++)
      snapshots.push(
        (
          await sql.query(
            `INSERT INTO interaction_snapshots (contest_id, taken_at, source, file_sha256, row_count)
             VALUES ($1, now(), 'template_csv', $2, $3) RETURNING id`,
            [contestId, `floor-${s}`, ENTRIES],
          )
        ).rows[0].id as string,
      );
    const tableRows = snapshots
      .map((sid) =>
        ids.map((id, i) => `${sid}\t${id}\t${1000 + i}\t${i % 90}\t${i % 7}\n`).join(''),
      )
      .join('');
    const t1 = performance.now();
    await pipeline(
      Readable.from([tableRows]),
      sql.query(
        copyFrom(
          'COPY interaction_counts (snapshot_id, entry_id, reactions, shares, comments) FROM STDIN',
        ),
      ),
    );
    const tableSeconds = (performance.now() - t1) / 1000;
    await sql.query('ROLLBACK');

    const apiRate = (ENTRIES * SNAPSHOTS) / apiSeconds;
    const tableRate = (ENTRIES * SNAPSHOTS) / tableSeconds;
    const copyRate = (ENTRIES * SNAPSHOTS) / copySeconds;
    const ratio = apiRate / copyRate;
    const growth = (rssPeak - rssBefore) / (1024 * 1024);
    console.log(
      `API import: ${fmt(apiRate, 0)} rows/s (${fmt(apiSeconds, 2)} s for ${SNAPSHOTS} files × ${fmt(ENTRIES, 0)} rows)`,
    );
    console.log(`COPY floor: ${fmt(copyRate, 0)} rows/s (${fmt(copySeconds, 2)} s)`);
    console.log(
      `COPY into interaction_counts itself (keys, index, FKs; rolled back): ${fmt(tableRate, 0)} rows/s → API ${fmt(apiRate / tableRate, 2)}× of it`,
    );
    console.log(
      `ratio ${fmt(ratio, 3)}× (target ≥ 0.25: ${ratio >= 0.25 ? 'PASS' : 'FAIL'}); RSS growth during import ${fmt(growth)} MiB`,
    );
  } finally {
    await sql.end();
    await server.close();
  }
}

if (require.main === module) {
  runImportBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
