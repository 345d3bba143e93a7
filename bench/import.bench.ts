import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { machineLoad, startImportLoadServer } from './import-load';
import { fmt, startBenchServer } from './support';

const ENTRIES = 10_000;
const SNAPSHOTS = 10; // 10 files × 10.000 rows = 100.000 rows
/**
 * The one-CSV import and COPY are each measured this many times, alternating, and the medians
 * compared: single runs of either varied by ±30 % on this shared 2-core machine.
 */
const REPEATS = 5;

/**
 * Interaction import throughput: a 100.000-row CSV (10 readings of 10.000 published entries,
 * a "Thời điểm" column) through the HTTP API (multipart upload, parse, match, validate, engine
 * points, one snapshot per reading, one transaction). Budgets: 100.000 rows < 3 s with < 100 MiB
 * RSS growth; 10.000 rows (the same rows as 10 files of one reading each, the time in the form)
 * < 0,5 s each. PostgreSQL COPY of the same rows into a scratch table is timed in the same run
 * (medians, alternating with the imports) and printed for information only.
 */
export async function runImportBench(): Promise<void> {
  const server = await startBenchServer({ SEED_DEMO: 'true' });
  const sql = new Client({ connectionString: server.databaseUrl });
  await sql.connect();
  const dir = mkdtempSync(join(tmpdir(), 'cchc-import-bench-'));
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

    // Counts of team n at reading s, growing from one reading to the next.
    const row = (s: number, n: number) =>
      `${n};"${(1000 + s * 37 + (n % 500)).toLocaleString('vi-VN')}";${s * 3 + (n % 90)};${n % 7}`;
    const readingTime = (s: number, day: number) => new Date(Date.UTC(2022, 7, day + s, 3));
    // (1) what the issue asks for: one 100.000-row CSV holding 10 readings ("Thời điểm" column),
    // REPEATS of them, each with its own times (another file, not an idempotent re-send)
    const historyCsvs = Array.from({ length: REPEATS }, (_, r) => {
      const lines = ['Thời điểm;Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
      for (let s = 0; s < SNAPSHOTS; s++) {
        const time = new Date(readingTime(s, 1).getTime() + r * 3600_000).toISOString();
        for (let n = 100; n < 100 + ENTRIES; n++) lines.push(`${time};${row(s, n)}`);
      }
      return lines.join('\r\n');
    });
    const historyCsv = historyCsvs[0]!;
    // (2) the same rows as 10 files of one reading each, the time given in the form
    const files: string[] = [];
    for (let s = 0; s < SNAPSHOTS; s++) {
      const lines = ['Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
      for (let n = 100; n < 100 + ENTRIES; n++) lines.push(row(s, n));
      files.push(lines.join('\r\n'));
    }
    // Every file is written to disk first and sent from there, as a browser sends it: the RSS
    // growth measured below is the server's, not that of a 4 MiB copy in this process's client.
    const onDisk = (csv: string, name: string) => {
      writeFileSync(join(dir, name), csv);
      return name;
    };
    const historyFiles = historyCsvs.map((csv, r) => onDisk(csv, `lich-su-${r}.csv`));
    const smallFiles = files.map((csv, s) => onDisk(csv, `snapshot-${s}.csv`));
    const send = async (path: string, name: string, takenAt?: Date) => {
      const form = new FormData();
      if (takenAt) form.set('takenAt', takenAt.toISOString());
      form.set('file', await openAsBlob(join(dir, name), { type: 'text/csv' }), name);
      const res = await fetch(
        `http://127.0.0.1:${server.port}/api/contests/${contestId}/interactions/${path}`,
        { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form },
      );
      if (res.status !== (path === 'imports' ? 201 : 200))
        throw new Error(
          `${path} ${name} failed: ${res.status} ${(await res.text()).slice(0, 300)}`,
        );
      await res.arrayBuffer();
    };
    const importFile = (name: string, takenAt?: Date) => send('imports', name, takenAt);

    console.log('\n== Interaction import benchmark (100.000 rows) ==');
    // Warm-up (printed apart): a preview of the same file, which writes nothing, so the first
    // measured request does not also pay for compiling the parse, match and scoring code.
    const w0 = performance.now();
    await send('imports/preview', historyFiles[0]!);
    console.log(
      `warm-up: preview of the same CSV (nothing written) ${fmt(performance.now() - w0, 0)} ms`,
    );
    // The floor's table and rows: COPY of the same 100.000 rows into a scratch table.
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

    const apiTimes: number[] = [];
    const copyTimes: number[] = [];
    const growths: number[] = [];
    for (const name of historyFiles) {
      const grew = await rssGrowth(async () => {
        const t0 = performance.now();
        await importFile(name);
        apiTimes.push((performance.now() - t0) / 1000);
      });
      growths.push(grew);
      await sql.query(`TRUNCATE scratch`);
      const c0 = performance.now();
      await pipeline(Readable.from([copyRows]), sql.query(copyFrom('COPY scratch FROM STDIN')));
      copyTimes.push((performance.now() - c0) / 1000);
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
    const apiSeconds = median(apiTimes);
    const copySeconds = median(copyTimes);
    // The small files are timed together; their RSS growth is measured one by one (sampling
    // slows them a little): a streamed import should grow about as much for 10.000 rows as
    // for 100.000.
    let smallGrowth = 0;
    const smallTimes: number[] = [];
    for (const [s, name] of smallFiles.entries()) {
      const grew = await rssGrowth(async () => {
        const t0 = performance.now();
        await importFile(name, readingTime(s, 15));
        smallTimes.push((performance.now() - t0) / 1000);
      });
      smallGrowth = Math.max(smallGrowth, grew);
    }
    const stored = Number(
      (await sql.query(`SELECT count(*) FROM interaction_counts`)).rows[0].count,
    );
    if (stored !== (REPEATS + 1) * ENTRIES * SNAPSHOTS)
      throw new Error(`expected ${(REPEATS + 1) * ENTRIES * SNAPSHOTS} rows, found ${stored}`);

    const smallSeconds = median(smallTimes);
    const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
    console.log(
      `100.000 rows (one CSV of ${SNAPSHOTS} readings, ${fmt(historyCsv.length / 1024 / 1024)} MiB), median of ${REPEATS}: ${fmt(apiSeconds, 2)} s (budget < 3 s: ${verdict(apiSeconds < 3)}); runs ${apiTimes.map((t) => fmt(t, 2)).join(' · ')} s`,
    );
    const growth = Math.max(...growths);
    console.log(
      `  largest RSS growth during one: ${fmt(growth)} MiB (budget < 100 MiB: ${verdict(growth < 100)}); runs ${growths.map((g) => fmt(g)).join(' · ')} MiB (${machineLoad()})`,
    );
    console.log(
      `10.000 rows (one reading, ${fmt(files[0]!.length / 1024 / 1024)} MiB), median of ${SNAPSHOTS} files: ${fmt(smallSeconds, 2)} s, slowest ${fmt(Math.max(...smallTimes), 2)} s (budget < 0,5 s: ${verdict(Math.max(...smallTimes) < 0.5)}); largest RSS growth ${fmt(smallGrowth)} MiB`,
    );
    console.log(
      `for information: COPY of the same 100.000 rows into a scratch table ${fmt(copySeconds, 2)} s (median); the import took ${fmt(apiSeconds / copySeconds, 1)}× as long (${machineLoad()})`,
    );
  } finally {
    await sql.end();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await whileServingOthers();
}

/**
 * Issue 22 item 1 for CSV: the same 100.000 rows previewed and committed by the built server in
 * its own process while /api/health and a judge's save are requested every 50 ms (the
 * timings above run the server in this process, where a client would measure itself).
 */
async function whileServingOthers() {
  const server = await startImportLoadServer();
  try {
    console.log('-- the same 100.000 rows while the server answers others (own process) --');
    await server.printIdleFloor();
    // each round's readings an hour later than the last round's, so that every commit writes
    const csvOfRound = (round: number) => {
      const lines = ['Thời điểm;Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
      for (let s = 0; s < SNAPSHOTS; s++) {
        const time = new Date(Date.UTC(2022, 7, 1 + s, 3 + round)).toISOString();
        for (let n = 100; n < 100 + ENTRIES; n++)
          lines.push(`${time};${n};${1000 + s * 37 + (n % 500)};${s * 3 + (n % 90)};${n % 7}`);
      }
      return Buffer.from(lines.join('\r\n'));
    };
    await server.previewAndCommit(csvOfRound, 'lich-su.csv', { seconds: 3, rssMiB: 100 }, 10);
  } finally {
    await server.close();
  }
}

/** Peak RSS growth in MiB while `run` runs, measured from a collected heap. */
async function rssGrowth(run: () => Promise<void>): Promise<number> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / (1024 * 1024);
}

if (require.main === module) {
  runImportBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
