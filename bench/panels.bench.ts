import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { assignPanels, type PanelPerson } from '../src/engine';
import { growToProvinceContest } from './province-contest';
import { fmt, startBenchServer } from './support';

const ENTRIES = 421;
const JUDGES = 15;
const K = 5;
const RUNS = 9;
const BUDGET_MS = 1000;

/**
 * Times panel assignment for seed 003's department contest (421 entries, 15 judges, panels of
 * 5): entries from 60 units, judges from 15 of them, so every judge has entries of their own
 * unit to stay away from. Prints the median beside its budget, the load spread and the most
 * frequent pair of judges beside the least it could be.
 */
export async function runPanelsBench(): Promise<void> {
  const entries: PanelPerson[] = Array.from({ length: ENTRIES }, (_, i) => ({
    id: `entry-${String(i + 1).padStart(3, '0')}`,
    unitId: `unit-${i % 60}`,
  }));
  const judges: PanelPerson[] = Array.from({ length: JUDGES }, (_, j) => ({
    id: `judge-${String(j + 1).padStart(2, '0')}`,
    unitId: `unit-${j * 4}`,
  }));
  const times: number[] = [];
  let plan = assignPanels(entries, judges, K, 'seed-2024');
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    plan = assignPanels(entries, judges, K, `seed-${i}`);
    times.push(performance.now() - t0);
  }
  const median = times.sort((a, b) => a - b)[RUNS >> 1]!;
  const verdict = median < BUDGET_MS ? 'within budget' : 'OVER BUDGET';
  console.log(
    `\n== Panels: ${ENTRIES} entries × ${JUDGES} judges, k = ${K} (median of ${RUNS}) ==`,
  );
  console.log(
    `assignment: ${fmt(median, 1, 'keep')} ms  (budget ${fmt(BUDGET_MS, 0)} ms: ${verdict})`,
  );
  console.log(`load spread: ${plan.loadSpread} (at most 1 wanted)`);
  console.log(`most frequent pair: ${plan.maxPairCount} panels (ideal ${plan.idealPairCount})`);
  await runPanelsApiBench();
}

const API_RUNS = 5;

/**
 * The same size through the API on a real server and database: previewing a plan (units and
 * judges read, assignment, the plan stored, the view with names), committing it (2.105
 * assignment rows and the audit row in one transaction), changing it (a second plan over the
 * first one's rows) and reading a page of the judging progress list. The issue sets no budget
 * for these; they are printed for reference.
 */
async function runPanelsApiBench(): Promise<void> {
  const server = await startBenchServer();
  const sql = new Client({ connectionString: server.databaseUrl });
  await sql.connect();
  try {
    const admin = await server.login('admin');
    const contestId = (await server.api('/api/contests', { token: admin })).body[0].id as string;
    await sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, published_at, originality_declared_at)
       SELECT contest_id, id, 'published', name, now(), now() FROM teams WHERE contest_id = $1`,
      [contestId],
    );
    await growToProvinceContest(sql, contestId, { entries: ENTRIES, judges: JUDGES });
    await sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    const base = `/api/contests/${contestId}/judging`;
    const timed = async (path: string, init: RequestInit = {}) => {
      const t0 = performance.now();
      const res = await server.api(path, { ...init, token: admin });
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return { ms, body: res.body };
    };
    const preview = () =>
      timed(`${base}/panels/preview`, { method: 'POST', body: JSON.stringify({ k: K }) });
    const previews: number[] = [];
    let last = await preview();
    for (let i = 0; i < API_RUNS; i++) {
      last = await preview();
      previews.push(last.ms);
    }
    const commit = await timed(`${base}/panels/${last.body.id}/commit`, { method: 'POST' });
    const change = await preview();
    const recommit = await timed(`${base}/panels/${change.body.id}/commit`, { method: 'POST' });
    const pages: number[] = [];
    for (let i = 0; i < API_RUNS; i++)
      pages.push((await timed(`${base}/progress/entries?page=${i + 1}&limit=50`)).ms);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.log(`\n== Panels through the API: ${ENTRIES} entries × ${JUDGES} judges, k = ${K} ==`);
    console.log(`preview (median of ${API_RUNS}): ${fmt(median(previews), 0)} ms`);
    console.log(
      `commit: ${fmt(commit.ms, 0)} ms (${commit.body.assignments} assignments); change: ${fmt(recommit.ms, 0)} ms (+${recommit.body.changes.added} / −${recommit.body.changes.removed})`,
    );
    console.log(
      `judging progress, a page of 50 (median of ${API_RUNS}): ${fmt(median(pages), 0)} ms`,
    );
    console.log('(no budget in the issue for these; printed for reference)');
  } finally {
    await sql.end();
    await server.close();
  }
}

if (require.main === module) {
  runPanelsBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
