import { AggregateResult, aggregate } from './mean';
import type { ContestRules } from './rules';
import { judgeTotalsByEntry } from './scorecards';

export interface FinalScorecard {
  entryId: string;
  judgeId: string;
  /** points per final-round part code, human units with ≤ 2 decimals */
  parts: Record<string, number | string>;
  recused?: boolean;
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
  const round = { ...rules, items: rules.parts };
  const rows = judgeTotalsByEntry('final', round, finalistIds, scorecards, (card) => card.parts);
  return rows.map((totals, e) =>
    aggregate(rules.aggregation, rules.minJudges, finalistIds[e]!, totals),
  );
}
