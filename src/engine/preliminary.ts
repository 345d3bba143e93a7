import { EngineError } from './errors';
import { indexEntryIds, indexIds } from './ids';
import {
  computeInteractionPoints,
  InteractionInput,
  InteractionResult,
} from './interaction-points';
import type { AggregateResult } from './mean';
import { computeJudgePoints, PreliminaryScorecard } from './rounds';
import type { ContestRules } from './rules';

export interface PreliminaryRow {
  entryId: string;
  /** hundredths */
  interaction: number;
  /** hundredths; null while the judges' scoring is incomplete */
  judges: number | null;
  /** interaction + judges, exact; null while incomplete */
  preliminary: number | null;
  complete: boolean;
}

export interface PreliminaryRoundResult {
  /** interaction points, in `entryIds` order */
  interaction: InteractionResult[];
  /** judges' points, in `entryIds` order */
  judges: AggregateResult[];
  /** their sums, in `entryIds` order */
  preliminary: PreliminaryRow[];
}

/**
 * The whole preliminary round for one list of entries, as the results service runs it:
 * interaction points from `counts` (one row per entry, in any order), judges' points from the
 * scorecards, and their sums, all in `entryIds` order. A count row for an entry not in the
 * list, two rows for one entry or an entry without a row is an EngineError: the interaction
 * ranking and the top raw must be taken over exactly the entries being scored.
 */
export function scorePreliminaryRound(
  rules: Pick<ContestRules, 'interaction' | 'judging'>,
  entryIds: string[],
  counts: InteractionInput[],
  scorecards: PreliminaryScorecard[],
): PreliminaryRoundResult {
  const interaction = computeInteractionPoints(rules.interaction, countsInOrder(entryIds, counts));
  const judges = computeJudgePoints(rules.judging, entryIds, scorecards);
  return { interaction, judges, preliminary: computePreliminary(interaction, judges) };
}

/** The count rows in `entryIds` order, each entry's row exactly once. */
function countsInOrder(entryIds: string[], counts: InteractionInput[]): InteractionInput[] {
  const rowOf = indexEntryIds(entryIds);
  const ordered = new Array<InteractionInput | undefined>(entryIds.length).fill(undefined);
  counts.forEach((row, i) => {
    if (row === null || typeof row !== 'object')
      throw new EngineError('BAD_COUNT', `Dòng số liệu tương tác thứ ${i + 1} không hợp lệ.`);
    const e = rowOf.get(row.entryId);
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

/**
 * Preliminary score = interaction points + judges' points, in the judges' entry order. Both
 * parts are already rounded, so the sum is exact (seed: 30,00 + 64,12 = 94,12). Every entry
 * must have its interaction points: a missing row is an error, not a silent 0.
 */
export function computePreliminary(
  interaction: { entryId: string; points: number }[],
  judges: { entryId: string; points: number | null; complete: boolean }[],
): PreliminaryRow[] {
  const position = indexIds(
    interaction,
    (row) => row.entryId,
    (id) => `Sản phẩm ${id} có hai điểm tương tác.`,
  );
  // Rows of entries the judges' list does not name are checked too, as any bad input is.
  for (const row of interaction) assertPoints(row.points, row.entryId, 'interaction');
  return judges.map((j) => {
    const same = position.get(j.entryId);
    if (same === undefined)
      throw new EngineError(
        'MISSING_INTERACTION',
        `Sản phẩm ${j.entryId} chưa có điểm tương tác.`,
        { entryId: j.entryId },
      );
    return preliminaryRow(interaction[same]!, j);
  });
}

function preliminaryRow(
  interaction: { entryId: string; points: number },
  j: { entryId: string; points: number | null; complete: boolean },
): PreliminaryRow {
  // The interaction points were checked by the caller, once per row.
  const complete = j.complete && j.points !== null;
  if (complete) assertPoints(j.points!, j.entryId, 'judges');
  return {
    entryId: j.entryId,
    interaction: interaction.points,
    judges: j.points,
    // exact: both parts are already rounded
    preliminary: complete ? interaction.points + j.points! : null,
    complete,
  };
}

function assertPoints(value: number, entryId: string, field: string) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new EngineError('NOT_AN_INTEGER', `Sản phẩm ${entryId}: ${field} không hợp lệ.`, {
      entryId,
      field,
    });
}
