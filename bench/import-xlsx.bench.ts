import { performance } from 'node:perf_hooks';
import { createDeflateRaw } from 'node:zlib';
import { deflatedZeros, xlsxWithSheet } from '../test/support/zip';
import { startServerProcess } from './server-process';
import { fmt } from './support';

const ENTRIES = 10_000;
const READINGS = 10; // 100.000 rows
/** Filler text per row, so that the sheet XML is ~100 MB while the file stays under 10 MB. */
const NOTE_WORDS =
  'đội thi mô hình sáng kiến cải cách hành chính phường xã một cửa lượt thích chia sẻ'.split(' ');
const NOTES = Array.from({ length: 64 }, (_, i) =>
  Array.from(
    { length: 70 },
    (_, w) => NOTE_WORDS[(i * 7 + w * w * 3 + w) % NOTE_WORDS.length],
  ).join(' '),
);

const BUDGET = { rssMiB: 200, seconds: 10, p99Ms: 100, bombSeconds: 2, bombRssMiB: 50 };

/**
 * Issue 22 item 1: an XLSX import must not freeze the server. A 10 MB workbook (100.000 rows,
 * ~100 MB of sheet XML) is previewed and committed on the built server in its own process,
 * while a client pings /api/health and a judge saves a scorecard draft, each every 50 ms;
 * then a lying zip bomb (sheet declares 4 KiB, inflates to 1 GiB). Figures beside budgets.
 */
export async function runXlsxImportBench(): Promise<void> {
  const server = await startServerProcess({ SEED_DEMO: 'true' });
  try {
    const { api, sql } = server;
    const admin = await api.login('admin', 'bench-password-1');
    const contestId = (
      (await api.call('GET', '/api/contests', admin)).body as unknown as {
        id: string;
      }[]
    )[0]!.id;
    const unit = (
      await sql.query(`SELECT id FROM units WHERE contest_id = $1 LIMIT 1`, [contestId])
    ).rows[0].id;
    await sql.query(
      `INSERT INTO teams (contest_id, number, name, unit_id) SELECT $1, n, 'Đội ' || n, $2 FROM generate_series(100, 100 + $3 - 1) n`,
      [contestId, unit, ENTRIES],
    );
    await sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, post_url, published_at)
       SELECT contest_id, id, 'published', name, 'https://www.facebook.com/p/posts/' || number, now() FROM teams WHERE contest_id = $1 AND number >= 100`,
      [contestId],
    );
    const judge = await api.call('POST', `/api/contests/${contestId}/accounts`, admin, {
      username: 'bench.gk',
      displayName: 'Giám khảo đo',
      role: 'judge',
    });
    const judgeToken = await api.login('bench.gk', judge.body.temporaryPassword as string);
    await sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    const entryId = (
      await sql.query(
        `SELECT e.id FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.contest_id = $1 AND t.number = 100`,
        [contestId],
      )
    ).rows[0].id as string;
    // (assignments/all with 10.000 entries fails today: one INSERT with more parameters than
    // PostgreSQL's bind message allows; the one assignment measured is written directly)
    await sql.query(
      `INSERT INTO judge_assignments (contest_id, entry_id, judge_id) SELECT $1, $2, id FROM users WHERE username = 'bench.gk'`,
      [contestId, entryId],
    );
    const scorecard = `/api/contests/${contestId}/judging/entries/${entryId}/scorecard`;

    const { file, xmlBytes } = await tenMegabyteWorkbook();
    console.log('\n== XLSX import benchmark (issue 22 item 1) ==');
    console.log(
      `workbook: ${fmt(file.length / 1024 / 1024, 2)} MiB, sheet XML ${fmt(xmlBytes / 1e6, 1)} MB, ${fmt(ENTRIES * READINGS, 0)} rows`,
    );
    const send = async (path: string, bytes: Buffer, name: string) => {
      const form = new FormData();
      form.set('file', new Blob([bytes]), name);
      return api.call('POST', `/api/contests/${contestId}/interactions/${path}`, admin, form);
    };
    // warm-up: the server's first request of each kind compiles its code
    await api.call('GET', '/api/health');
    const first = await api.call('PUT', scorecard, judgeToken, { scores: { novelty: 10 } });
    if (first.status !== 200) throw new Error(`scorecard save: ${first.status}`);
    version = first.body.version as number;

    const idle = await whileLoaded(
      server,
      judgeToken,
      scorecard,
      () => new Promise((resolve) => setTimeout(resolve, 5000)),
    );
    console.log(
      `no import (5 s, for comparison): /api/health p99 ${fmt(idle.healthP99, 1)} ms, judge's save p99 ${fmt(idle.saveP99, 1)} ms; failed: ${idle.failures.join(', ') || 'none'}`,
    );
    const csv = await whileLoaded(server, judgeToken, scorecard, () =>
      send('imports/preview', Buffer.from(csvOfTheSameRows()), 'lich-su.csv'),
    );
    console.log(
      `the same rows as CSV (preview, ${fmt(csv.seconds, 2)} s, for comparison): /api/health p99 ${fmt(csv.healthP99, 1)} ms, judge's save p99 ${fmt(csv.saveP99, 1)} ms`,
    );
    for (const path of ['imports/preview', 'imports']) {
      const run = await whileLoaded(server, judgeToken, scorecard, () =>
        send(path, file, 'lich-su.xlsx'),
      );
      if (run.result.status !== (path === 'imports' ? 201 : 200))
        throw new Error(
          `${path}: ${run.result.status} ${JSON.stringify(run.result.body).slice(0, 300)}`,
        );
      console.log(
        `${path === 'imports' ? 'commit ' : 'preview'}: ${fmt(run.seconds, 2)} s (budget < ${BUDGET.seconds}: ${pass(run.seconds < BUDGET.seconds)}), RSS growth ${fmt(run.rssGrowth, 0)} MiB (budget < ${BUDGET.rssMiB}: ${pass(run.rssGrowth < BUDGET.rssMiB)})`,
      );
      console.log(
        `  meanwhile: /api/health p99 ${fmt(run.healthP99, 1)} ms over ${run.healthCount} requests (budget < ${BUDGET.p99Ms}: ${pass(run.healthP99 < BUDGET.p99Ms)}); judge's scorecard save p99 ${fmt(run.saveP99, 1)} ms over ${run.saveCount} (budget < ${BUDGET.p99Ms}: ${pass(run.saveP99 < BUDGET.p99Ms)}); failed: ${run.failures.length ? run.failures.join(', ') : 'none'}`,
      );
    }

    const bomb = xlsxWithSheet({ packed: await deflatedZeros(1024 ** 3), declaredSize: 4096 });
    const run = await whileLoaded(server, judgeToken, scorecard, () =>
      send('imports/preview', bomb, 'bom.xlsx'),
    );
    console.log(
      `lying bomb (${fmt(bomb.length / 1024, 0)} KiB declaring a 4 KiB sheet that inflates to 1 GiB): ${run.result.status} ${String(run.result.body.code)} in ${fmt(run.seconds, 2)} s (budget < ${BUDGET.bombSeconds}: ${pass(run.seconds < BUDGET.bombSeconds && run.result.status === 413)}), RSS growth ${fmt(run.rssGrowth, 0)} MiB (budget < ${BUDGET.bombRssMiB}: ${pass(run.rssGrowth < BUDGET.bombRssMiB)})`,
    );
  } finally {
    await server.close();
  }
}

/** The judge's scorecard version, carried from one save to the next. */
let version: number | undefined;

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function csvOfTheSameRows(): string {
  const lines = ['Thời điểm;Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
  for (let s = 0; s < READINGS; s++) {
    const time = new Date(Date.UTC(2022, 7, 1 + s, 3)).toISOString();
    for (let n = 100; n < 100 + ENTRIES; n++)
      lines.push(`${time};${n};${1000 + s * 37 + (n % 500)};${s * 3 + (n % 90)};${n % 7}`);
  }
  return lines.join('\r\n');
}

export async function tenMegabyteWorkbook(): Promise<{ file: Buffer; xmlBytes: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const packed: Buffer[] = [];
  deflate.on('data', (piece: Buffer) => packed.push(piece));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  let xmlBytes = 0;
  const write = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    xmlBytes += bytes.length;
    deflate.write(bytes);
  };
  write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const inline = (ref: string, text: string) =>
    `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  write(
    `<row r="1">${inline('A1', 'Thời điểm')}${inline('B1', 'Đội số')}${inline('C1', 'Lượt thích')}${inline('D1', 'Lượt chia sẻ')}${inline('E1', 'Bình luận')}${inline('F1', 'Ghi chú')}</row>`,
  );
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let line = 2;
  for (let s = 0; s < READINGS; s++) {
    const time = new Date(Date.UTC(2022, 7, 1 + s, 3)).toISOString();
    const rows: string[] = [];
    for (let n = 100; n < 100 + ENTRIES; n++, line++) {
      const words = Array.from(
        { length: 40 },
        () => NOTE_WORDS[Math.floor(random() * NOTE_WORDS.length)]!,
      );
      const note = `${NOTES[Math.floor(random() * NOTES.length)]!} ${words.join(' ')} ${n}`;
      rows.push(
        `<row r="${line}">${inline(`A${line}`, time)}<c r="B${line}"><v>${n}</v></c><c r="C${line}"><v>${1000 + s * 37 + (n % 500)}</v></c><c r="D${line}"><v>${s * 3 + (n % 90)}</v></c><c r="E${line}"><v>${n % 7}</v></c>${inline(`F${line}`, note)}</row>`,
      );
    }
    write(rows.join(''));
  }
  write('</sheetData></worksheet>');
  deflate.end();
  await ended;
  const sheet = Buffer.concat(packed);
  return { file: xlsxWithSheet({ packed: sheet, declaredSize: xmlBytes }), xmlBytes };
}

interface LoadedRun<T> {
  result: T;
  seconds: number;
  rssGrowth: number;
  healthP99: number;
  healthCount: number;
  saveP99: number;
  saveCount: number;
  /** Statuses other than 200 answered to the health checks and saves meanwhile. */
  failures: string[];
}

/** Runs `work` while /api/health and a judge's save are each requested every 50 ms. */
async function whileLoaded<T>(
  server: Awaited<ReturnType<typeof startServerProcess>>,
  judgeToken: string,
  scorecard: string,
  work: () => Promise<T>,
): Promise<LoadedRun<T>> {
  const before = server.rssMiB();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 25);
  let running = true;
  const health: number[] = [];
  const saves: number[] = [];
  const failures: string[] = [];
  const loop = async (
    latencies: number[],
    request: () => Promise<{ status: number; body: Record<string, unknown> }>,
  ) => {
    while (running) {
      const t0 = performance.now();
      const res = await request();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) failures.push(`${res.status} ${String(res.body.code)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const loops = Promise.all([
    loop(health, () => server.api.call('GET', '/api/health')),
    loop(saves, async () => {
      const res = await server.api.call('PUT', scorecard, judgeToken, {
        scores: { novelty: 5 + (saves.length % 5) },
        ...(version === undefined ? {} : { version }),
      });
      version = (res.body.version ?? res.body.currentVersion ?? version) as number | undefined;
      return res;
    }),
  ]);
  const t0 = performance.now();
  const result = await work();
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  clearInterval(sampler);
  await loops;
  const p99 = (list: number[]) =>
    [...list].sort((a, b) => a - b)[Math.floor(list.length * 0.99)] ?? NaN;
  return {
    result,
    seconds,
    rssGrowth: Math.max(peak, server.rssMiB()) - before,
    healthP99: p99(health),
    healthCount: health.length,
    saveP99: p99(saves),
    saveCount: saves.length,
    failures,
  };
}
