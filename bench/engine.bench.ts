import { performance } from 'node:perf_hooks';
import {
  allocatePrizes,
  computeFinalScores,
  computeInteractionPoints,
  computeJudgePoints,
  computePreliminary,
  defaultRules,
  rankTeams,
  selectFinalists,
} from '../src/engine';
import { fmt } from './support';

const ENTRIES = 10_000;
const JUDGES = 100;
const FINALISTS = 50;

/**
 * Ranks a 10.000-entry × 100-judge contest with all rules (interaction points, trimmed means,
 * preliminary, top-50 finalists, final round of 50 × 100 judges, ranking, prizes) and compares
 * it with the floor: one plain loop that only sums the same numbers.
 * Targets: under 1 s, within 5× the floor.
 */
export async function runEngineBench(): Promise<void> {
  const rules = { ...defaultRules(), finalists: { kind: 'topN' as const, n: FINALISTS } };
  let seed = 42;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const quarter = (max: number) => rand(max * 4 + 1) / 4;
  const entryIds = Array.from({ length: ENTRIES }, (_, i) => `e${i}`);
  const counts = entryIds.map((entryId) => ({
    entryId,
    reactions: rand(5000),
    shares: rand(800),
    comments: rand(300),
  }));
  const cards = entryIds.flatMap((entryId) =>
    Array.from({ length: JUDGES }, (_, j) => ({
      entryId,
      judgeId: `j${j}`,
      scores: {
        novelty: quarter(15),
        usefulness: quarter(15),
        practicality: quarter(15),
        breakthrough: quarter(15),
        quality: quarter(10),
      },
    })),
  );
  const finalParts = (entryId: string) =>
    Array.from({ length: JUDGES }, (_, j) => ({
      entryId,
      judgeId: `j${j}`,
      parts: { presentation: quarter(50), debate: quarter(30), questions: quarter(20) },
    }));

  const pipeline = () => {
    const interaction = computeInteractionPoints(rules.interaction, counts);
    const judges = computeJudgePoints(rules.judging, entryIds, cards);
    const preliminary = computePreliminary(interaction, judges);
    const { finalists } = selectFinalists(rules.finalists, preliminary);
    const final = computeFinalScores(rules.final, finalists, finalists.flatMap(finalParts));
    const finalOf = new Map(final.map((f) => [f.entryId, f.points ?? 0]));
    const ranking = rankTeams(
      rules,
      preliminary
        .filter((p) => finalOf.has(p.entryId))
        .map((p) => ({
          entryId: p.entryId,
          interaction: p.interaction,
          judges: p.judges!,
          preliminary: p.preliminary!,
          final: finalOf.get(p.entryId)!,
        })),
    );
    return allocatePrizes(rules, ranking).totalVnd;
  };

  // The floor: one pass that only adds up the same numbers.
  const floor = () => {
    let sum = 0;
    for (const c of counts) sum += c.reactions + 2 * c.shares;
    for (const c of cards) {
      const s = c.scores;
      sum += s.novelty + s.usefulness + s.practicality + s.breakthrough + s.quality;
    }
    return sum;
  };

  const median = (f: () => unknown) => {
    f(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      f();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  const engineMs = median(pipeline);
  const floorMs = median(floor);
  console.log(
    `\n== Engine benchmark (${fmt(ENTRIES, 0)} entries × ${JUDGES} judges, ${FINALISTS} finalists) ==`,
  );
  console.log(
    `engine pipeline: ${fmt(engineMs)} ms (target < 1000: ${engineMs < 1000 ? 'PASS' : 'FAIL'})`,
  );
  console.log(`floor (single-pass sum of the same numbers): ${fmt(floorMs)} ms`);
  console.log(
    `ratio ${fmt(engineMs / floorMs, 2)}× (target ≤ 5: ${engineMs / floorMs <= 5 ? 'PASS' : 'FAIL'})`,
  );
}

if (require.main === module) {
  runEngineBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
