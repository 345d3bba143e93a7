import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { ReadPlan, rubricOf, scoreExtraItems, scoreOf } from './rubric';
import { totalScorecards } from './scorecards';

export interface FinalScorecard {
  entryId: string;
  judgeId: string;
  /** points per final-round part code, human units with ≤ 2 decimals */
  parts: Record<string, number | string>;
  recused?: boolean;
}

const partsOf = (card: FinalScorecard) => card.parts;

/**
 * This round's own copy of the card reads (see ReadPlan for why it is not shared): the total
 * in hundredths, or NaN when a value is missing, unknown or invalid.
 */
function scoreFinalCard(card: FinalScorecard, p: ReadPlan): number {
  const values = card.parts as Record<string, unknown>;
  if (values === null || typeof values !== 'object') return NaN;
  const { itemCount: n, exact, step } = p;
  let total =
    (n > 0 ? scoreOf(values[p.k0], p.m0, exact, step) : 0) +
    (n > 1 ? scoreOf(values[p.k1], p.m1, exact, step) : 0) +
    (n > 2 ? scoreOf(values[p.k2], p.m2, exact, step) : 0) +
    (n > 3 ? scoreOf(values[p.k3], p.m3, exact, step) : 0) +
    (n > 4 ? scoreOf(values[p.k4], p.m4, exact, step) : 0) +
    (n > 5 ? scoreOf(values[p.k5], p.m5, exact, step) : 0) +
    (n > 6 ? scoreOf(values[p.k6], p.m6, exact, step) : 0) +
    (n > 7 ? scoreOf(values[p.k7], p.m7, exact, step) : 0);
  if (n > 8) total += scoreExtraItems(values, p);
  // Every item present and valid (NaN poisons the sum), and no other key: keys are unique, so
  // as many keys as items means nothing unknown is there.
  let keys = 0;
  for (const _key in values) keys++;
  return keys === n ? total : NaN;
}

/**
 * Final score per finalist (out of 100 by default), in `finalistIds` order: each judge's total
 * over the parts (presentation, debate, questions), then aggregated like the judges' points.
 */
export function computeFinalScores(
  rules: ContestRules['final'],
  finalistIds: string[],
  scorecards: FinalScorecard[],
): AggregateResult[] {
  checkAggregation(rules.aggregation, rules.minJudges, 'final');
  const rubric = rubricOf(rules.parts, rules.step, 'final.parts', 'phần thi');
  const cards = totalScorecards(rubric, finalistIds, scorecards, partsOf, scoreFinalCard);
  return aggregateEntries(rules.aggregation, rules.minJudges, finalistIds, cards);
}
