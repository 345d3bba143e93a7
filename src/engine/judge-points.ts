import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { fastScore, ReadPlan, rubricOf } from './rubric';
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
 * This round's own copy of the fast card read (see ReadPlan for why it is not shared): the
 * total in hundredths of up to six items read with `fastScore`, or NaN when the fast path
 * cannot tell (then the card loop asks `scoreValues`). It stays under V8's size limit for
 * inlining into the card loop (460 bytes of bytecode; a call per card costs a few percent).
 */
function scorePreliminaryCard(card: PreliminaryScorecard, p: ReadPlan): number {
  const values = card.scores as Record<string, unknown>;
  if (values === null || typeof values !== 'object') return NaN;
  const { itemCount: n, mask } = p;
  const exact = p.exact!;
  let total = 0;
  let h = 0;
  if (n > 0) {
    if ((h = fastScore(values[p.k0], p.m0, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 1) {
    if ((h = fastScore(values[p.k1], p.m1, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 2) {
    if ((h = fastScore(values[p.k2], p.m2, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 3) {
    if ((h = fastScore(values[p.k3], p.m3, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 4) {
    if ((h = fastScore(values[p.k4], p.m4, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 5) {
    if ((h = fastScore(values[p.k5], p.m5, exact, mask)) < 0) return NaN;
    total += h;
  }
  // No key beyond the items: keys are unique, so as many keys as items means none unknown.
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
