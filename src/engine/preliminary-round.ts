import { EngineError } from './errors';
import { indexEntryIds } from './ids';
import {
  InteractionInput,
  interactionPointsOf,
  InteractionResult,
  interactionScorer,
} from './interaction-points';
import { computeJudgePoints, PreliminaryScorecard } from './judge-points';
import { AggregateResult, checkAggregation } from './mean';
import { computePreliminary, PreliminaryRow } from './preliminary';
import type { ContestRules } from './rules';

export interface PreliminaryRoundResult {
  /** interaction points, in `entryIds` order */
  interaction: InteractionResult[];
  /** judges' points, in `entryIds` order */
  judges: AggregateResult[];
  /** their sums, in `entryIds` order */
  preliminary: PreliminaryRow[];
}

/**
 * The whole preliminary round for one list of entries: interaction points from `counts` (one
 * row per entry, in any order), judges' points from the scorecards, and their sums, all in
 * `entryIds` order: `computeInteractionPoints` on the counts put in that order, then
 * `computeJudgePoints` and `computePreliminary`. A count row for an entry not in the list, two rows for one entry
 * or an entry without a row is an EngineError: the interaction ranking and the top raw must be
 * taken over exactly the entries being scored.
 */
export function scorePreliminaryRound(
  rules: Pick<ContestRules, 'interaction' | 'judging'>,
  entryIds: string[],
  counts: InteractionInput[],
  scorecards: PreliminaryScorecard[],
): PreliminaryRoundResult {
  const scorer = interactionScorer(rules.interaction);
  checkAggregation(rules.judging.aggregation, rules.judging.minJudges, 'judging');
  const inEntryOrder = countsInEntryOrder(entryIds, indexEntryIds(entryIds), counts);
  const interaction = interactionPointsOf(scorer, inEntryOrder);
  const judges = computeJudgePoints(rules.judging, entryIds, scorecards);
  return { interaction, judges, preliminary: computePreliminary(interaction, judges) };
}

/** The count rows in `entryIds` order, each entry's row exactly once. */
function countsInEntryOrder(
  entryIds: string[],
  entryIndex: Map<string, number>,
  counts: InteractionInput[],
): InteractionInput[] {
  const ordered = new Array<InteractionInput | undefined>(entryIds.length).fill(undefined);
  counts.forEach((row, i) => {
    if (row === null || typeof row !== 'object')
      throw new EngineError('BAD_COUNT', `Dòng số liệu tương tác thứ ${i + 1} không hợp lệ.`);
    const e = entryIndex.get(row.entryId);
    if (e === undefined)
      throw new EngineError(
        'UNKNOWN_ENTRY',
        `Số liệu tương tác cho sản phẩm không có trong danh sách: ${String(row.entryId)}.`,
        { entryId: String(row.entryId) },
      );
    if (ordered[e] !== undefined)
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${row.entryId} có hai dòng số liệu.`, {
        entryId: row.entryId,
      });
    ordered[e] = row;
  });
  const missing = ordered.indexOf(undefined);
  if (missing >= 0)
    throw new EngineError(
      'MISSING_INTERACTION',
      `Sản phẩm ${entryIds[missing]} chưa có số liệu tương tác.`,
      { entryId: entryIds[missing] },
    );
  return ordered as InteractionInput[];
}
