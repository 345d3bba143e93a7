import type { AggregateResult } from './mean';
import type { ContestRules } from './rules';
import { scoreRound } from './scorecards';

export interface PreliminaryScorecard {
  entryId: string;
  judgeId: string;
  /** points per criterion code, human units with ≤ 2 decimals (numbers or decimal text) */
  scores: Record<string, number | string>;
  /** the judge has a conflict of interest with this entry: the card is not counted */
  recused?: boolean;
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
  const round = { ...rules, items: rules.criteria };
  return scoreRound('judging', round, entryIds, scorecards, (card) => card.scores);
}
