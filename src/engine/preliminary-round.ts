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
import { PreliminaryRow, preliminaryInOrder } from './preliminary';
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
 * `entryIds` order. The same numbers as `computeInteractionPoints` on the counts in that order,
 * `computeJudgePoints` and `computePreliminary`, with the entry list checked and indexed once
 * instead of once per step. A count row for an entry not in the list, two rows for one entry
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
  const entryIndex = indexEntryIds(entryIds);
  const interaction = interactionPointsOf(scorer, countsInEntryOrder(entryIds, entryIndex, counts));
  const judges = computeJudgePoints(rules.judging, entryIds, scorecards);
  return { interaction, judges, preliminary: preliminaryInOrder(interaction, judges) };
}

/** The count rows in `entryIds` order, each entry's row exactly once. */
function countsInEntryOrder(
  entryIds: string[],
  entryIndex: Map<string, number>,
  counts: InteractionInput[],
): InteractionInput[] {
  const ordered = new Array<InteractionInput | undefined>(entryIds.length).fill(undefined);
  placeCounts(entryIds, entryIndex, counts, ordered);
  // Every row was placed once (unknown entries and second rows are refused), so a missing
  // row is exactly fewer rows than entries.
  if (counts.length < entryIds.length) {
    const missing = entryIds[ordered.indexOf(undefined)]!;
    throw new EngineError('MISSING_INTERACTION', `Sản phẩm ${missing} chưa có số liệu tương tác.`, {
      entryId: missing,
    });
  }
  return ordered as InteractionInput[];
}

/**
 * Puts each row at its entry's position. Rows usually come in that order already: a row at its
 * entry's position needs no lookup. The loop is alone in its function on purpose: V8 compiles
 * a long loop while it runs (on-stack replacement), before the code after it has ever run, and
 * code after the loop with no type feedback yet made that compiled loop bail out on every call.
 */
function placeCounts(
  entryIds: string[],
  entryIndex: Map<string, number>,
  counts: InteractionInput[],
  ordered: (InteractionInput | undefined)[],
): void {
  for (let i = 0; i < counts.length; i++) {
    const row = counts[i]!;
    if (row === null || typeof row !== 'object')
      throw new EngineError('BAD_COUNT', `Dòng số liệu tương tác thứ ${i + 1} không hợp lệ.`);
    const id = row.entryId;
    const e = entryIds[i] === id ? i : entryIndex.get(id);
    if (e === undefined)
      throw new EngineError(
        'UNKNOWN_ENTRY',
        `Số liệu tương tác cho sản phẩm không có trong danh sách: ${String(id)}.`,
        { entryId: String(id) },
      );
    if (ordered[e] !== undefined)
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${id} có hai dòng số liệu.`, {
        entryId: id,
      });
    ordered[e] = row;
  }
}
