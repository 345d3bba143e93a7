import { performance } from 'node:perf_hooks';
import { assignPanels, type PanelPerson } from '../src/engine';

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
  console.log(`assignment: ${median.toFixed(1)} ms  (budget ${BUDGET_MS} ms: ${verdict})`);
  console.log(`load spread: ${plan.loadSpread} (at most 1 wanted)`);
  console.log(`most frequent pair: ${plan.maxPairCount} panels (ideal ${plan.idealPairCount})`);
}

if (require.main === module) {
  runPanelsBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
