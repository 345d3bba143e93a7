import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { rubricOf } from './rubric';
import { totalScorecards } from './scorecards';
import { indexEntryIds } from './index-ids';

export interface FinalScorecard {
  entryId: string;
  judgeId: string;
  /** points per final-round part code, human units with ≤ 2 decimals */
  parts: Record<string, number | string>;
  recused?: boolean;
}

const partsOf = (card: FinalScorecard) => card.parts;

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
  const finalistIndex = indexEntryIds(finalistIds);
  // The general card loop: a few thousand cards (finalists × judges) at most.
  const cards = totalScorecards(rubric, finalistIds, finalistIndex, scorecards, partsOf);
  return aggregateEntries(rules.aggregation, rules.minJudges, finalistIds, cards);
}
