import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { provinceWorkbook, workbookXlsx } from './registration-workbook';
import { fmt, startBenchServer } from './support';

const RUNS = 3;
const BUDGET_MS = 5000;

/**
 * Bulk registration at seed 003's size (issue 24): one XLSX workbook of 60 units, 421 teams of
 * 3 members and 15 judges, previewed then committed through the HTTP API (436 accounts, their
 * audit rows and the sealed slip contents in the commit). Each run registers into a fresh contest
 * (a second commit of the same file creates nothing). Prints the median preview + commit beside
 * the budget, each part, the slips download (rendered then) and the machine's load.
 */
export async function runRegistrationBench(): Promise<void> {
  const server = await startBenchServer();
  try {
    const admin = await server.login('admin');
    const xlsx = await workbookXlsx(
      provinceWorkbook({ units: 60, teams: 421, members: 3, judges: 15 }),
    );
    const runs: { preview: number; commit: number; slips: number; slipsBytes: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const contest = await server.api('/api/contests', {
        method: 'POST',
        token: admin,
        body: JSON.stringify({ slug: `bench-dang-ky-${i}`, name: `Hội thi đăng ký ${i}` }),
      });
      const base = `http://127.0.0.1:${server.port}/api/contests/${contest.body.id}/registration`;
      const form = new FormData();
      form.append('file', new Blob([xlsx]), 'dang-ky-421.xlsx');
      const t0 = performance.now();
      const previewed = await fetch(`${base}/preview`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: form,
      });
      const preview = (await previewed.json()) as { previewToken: string; errorCount: number };
      const t1 = performance.now();
      if (previewed.status !== 200 || preview.errorCount)
        throw new Error(`preview: ${previewed.status}`);
      const committed = await server.api(`/api/contests/${contest.body.id}/registration/commits`, {
        method: 'POST',
        token: admin,
        body: JSON.stringify({ previewToken: preview.previewToken }),
      });
      const t2 = performance.now();
      if (committed.status !== 201) throw new Error(`commit: ${committed.status}`);
      const slips = await fetch(`${base}/slips`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token: committed.body.slips.token }),
      });
      const bytes = (await slips.arrayBuffer()).byteLength;
      const t3 = performance.now();
      runs.push({ preview: t1 - t0, commit: t2 - t1, slips: t3 - t2, slipsBytes: bytes });
    }
    const median = (f: (r: (typeof runs)[number]) => number) =>
      runs.map(f).sort((a, b) => a - b)[RUNS >> 1]!;
    const total = median((r) => r.preview + r.commit);
    const verdict = total < BUDGET_MS ? 'within budget' : 'OVER BUDGET';
    console.log(
      `\n== Registration: 421 teams × 3 members + 15 judges, one XLSX (median of ${RUNS}) ==`,
    );
    console.log(
      `workbook: ${fmt(xlsx.length / 1024)} KiB; load average ${loadavg()
        .map((l) => fmt(l, 1, 'keep'))
        .join(' / ')}`,
    );
    console.log(
      `preview + commit: ${fmt(total, 0)} ms  (budget ${fmt(BUDGET_MS, 0)} ms: ${verdict})`,
    );
    console.log(
      `  preview ${fmt(
        median((r) => r.preview),
        0,
      )} ms, commit ${fmt(
        median((r) => r.commit),
        0,
      )} ms (436 accounts, audit rows, sealed slips)`,
    );
    console.log(
      `slips download: ${fmt(
        median((r) => r.slips),
        0,
      )} ms, ${fmt(median((r) => r.slipsBytes) / 1024)} KiB (109 pages, rendered at download)`,
    );
    console.log(
      `each run (preview/commit ms): ${runs.map((r) => `${fmt(r.preview, 0)}/${fmt(r.commit, 0)}`).join(', ')}`,
    );
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  runRegistrationBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
