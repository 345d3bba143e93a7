import { EngineError } from './errors';
import { indexIds } from './ids';

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
