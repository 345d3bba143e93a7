import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { fastScore, ReadPlan, rubricOf } from './rubric';
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
 * This round's own copy of the fast card read (see ReadPlan for why it is not shared): the
 * total in hundredths of up to six items read with `fastScore`, or NaN when the fast path
 * cannot tell (then the card loop asks `scoreValues`). It stays under V8's size limit for
 * inlining into the card loop (460 bytes of bytecode; a call per card costs a few percent).
 */
function scoreFinalCard(card: FinalScorecard, p: ReadPlan): number {
  const values = card.parts as Record<string, unknown>;
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
