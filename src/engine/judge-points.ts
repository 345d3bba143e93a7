import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { ReadPlan, rubricOf, scoreExtraItems, scoreOf } from './rubric';
import { totalScorecards } from './scorecards';

export interface PreliminaryScorecard {
  entryId: string;
  judgeId: string;
  /** points per criterion code, human units with ≤ 2 decimals (numbers or decimal text) */
  scores: Record<string, number | string>;
  /** the judge has a conflict of interest with this entry: the card is not counted */
  recused?: boolean;
}

const scoresOf = (card: PreliminaryScorecard) => card.scores;

/**
 * This round's own copy of the card reads (see ReadPlan for why it is not shared): the total
 * in hundredths, or NaN when a value is missing, unknown or invalid.
 */
function scorePreliminaryCard(card: PreliminaryScorecard, p: ReadPlan): number {
  const values = card.scores as Record<string, unknown>;
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
 * Judges' points per entry (out of 70 by default), in `entryIds` order: each judge's total
 * over the criteria, then the mean or trimmed mean (see mean.ts). Entries with fewer than
 * `minJudges` counted scorecards are incomplete and get no points.
 */
export function computeJudgePoints(
  rules: ContestRules['judging'],
  entryIds: string[],
  scorecards: PreliminaryScorecard[],
): AggregateResult[] {
  checkAggregation(rules.aggregation, rules.minJudges, 'judging');
  const rubric = rubricOf(rules.criteria, rules.step, 'judging.criteria', 'tiêu chí');
  const cards = totalScorecards(rubric, entryIds, scorecards, scoresOf, scorePreliminaryCard);
  return aggregateEntries(rules.aggregation, rules.minJudges, entryIds, cards);
}
