import { toHundredths } from './decimal';
import { AggregateResult, aggregate } from './mean';
import { checkNormalisation, normalise } from './normalisation';
import type { ContestRules } from './rules';
import { judgeTotalsByEntry } from './scorecards';

/** A judge's card in the preliminary round. */
export interface PreliminaryScorecard {
  entryId: string;
  judgeId: string;
  /** points per criterion code, human units with ≤ 2 decimals (numbers or decimal text) */
  scores: Record<string, number | string>;
  /** the judge has a conflict of interest with this entry: the card is not counted */
  recused?: boolean;
}

/** A judge's card in the final round. */
export interface FinalScorecard {
  entryId: string;
  judgeId: string;
  /** points per final-round part code, human units with ≤ 2 decimals */
  parts: Record<string, number | string>;
  recused?: boolean;
}

/**
 * Judges' points per entry (out of 70 by default), in `entryIds` order: each judge's total
 * over the criteria (scorecards.ts), then the mean or trimmed mean (mean.ts). Entries with
 * fewer than `minJudges` counted scorecards are incomplete and get no points.
 *
 * With `normalisation` (panel judging, normalisation.ts) each judge's totals are first put on
 * a common scale; the mean is then taken of the normalised totals (`points`), and the mean of
 * the raw ones is kept beside it (`rawPoints`), as is each card's `normalised` total.
 */
export function computeJudgePoints(
  rules: ContestRules['judging'],
  entryIds: string[],
  scorecards: PreliminaryScorecard[],
): AggregateResult[] {
  const method = checkNormalisation(rules.normalisation);
  const round = { ...rules, items: rules.criteria };
  const rows = judgeTotalsByEntry('judging', round, entryIds, scorecards, (card) => card.scores);
  const { aggregation, minJudges } = rules;
  if (method === 'none')
    return rows.map((totals, e) => aggregate(aggregation, minJudges, entryIds[e]!, totals));
  const max = toHundredths(rules.maxPoints, 'judging.maxPoints');
  return normalise(method, max, rows).map((totals, e) => {
    const raw = aggregate(aggregation, minJudges, entryIds[e]!, rows[e]!);
    const scaled = totals.map((t) => ({ judgeId: t.judgeId, total: t.normalised! }));
    const result = aggregate(aggregation, minJudges, entryIds[e]!, scaled);
    return { ...result, judgeTotals: totals, rawPoints: raw.points };
  });
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
