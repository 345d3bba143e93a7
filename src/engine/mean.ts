import { divRoundHalfUp } from './decimal';
import { EngineError } from './errors';
import { compareCodeUnits } from './ids';
import type { Aggregation } from './rules';

export interface JudgeTotal {
  judgeId: string;
  /** hundredths, exact: the sum of the judge's scores on one card, never rounded */
  total: number;
  /** With normalisation only: the total on the common scale (hundredths, normalisation.ts). */
  normalised?: number;
}

/** One entry's points from its judges (preliminary judges' points or final score). */
export interface AggregateResult {
  entryId: string;
  /** Each counting judge's total, in judge-id order (recused judges left out). */
  judgeTotals: JudgeTotal[];
  /** Totals in the mean: after trimming, two fewer than the judges who scored. */
  judgesCounted: number;
  /** The highest and the lowest totals were dropped. */
  trimmed: boolean;
  /** [lowest, highest] when trimmed, else []. */
  droppedJudgeIds: string[];
  /** hundredths; null while incomplete */
  points: number | null;
  /** At least `minJudges` judges scored. */
  complete: boolean;
  /**
   * With normalisation only: the same aggregation of the raw totals (hundredths; null while
   * incomplete). `points`, `trimmed` and `droppedJudgeIds` are then of the normalised totals.
   */
  rawPoints?: number | null;
}

/** Checks the aggregation settings once, before any entry is aggregated. */
export function checkAggregation(aggregation: Aggregation, minJudges: number, path: string) {
  const kind = (aggregation as { kind?: unknown } | null)?.kind;
  if (kind !== 'mean' && kind !== 'trimmedMean')
    throw new EngineError('BAD_RULES', `${path}.aggregation: cách tính không được hỗ trợ.`, {
      field: `${path}.aggregation`,
    });
  if (
    aggregation.kind === 'trimmedMean' &&
    !(Number.isSafeInteger(aggregation.minJudges) && aggregation.minJudges >= 3)
  )
    throw new EngineError('BAD_RULES', `${path}.aggregation.minJudges: phải là số nguyên ≥ 3.`, {
      field: `${path}.aggregation.minJudges`,
    });
  if (!(Number.isSafeInteger(minJudges) && minJudges >= 0))
    throw new EngineError('BAD_RULES', `${path}.minJudges: phải là số nguyên không âm.`, {
      field: `${path}.minJudges`,
    });
}

/**
 * One entry's points from its judges' totals (in judge-id order, one per judge):
 * - fewer than `minJudges` totals (or none): incomplete, no points;
 * - `mean`: the sum over the count; `trimmedMean`: from `aggregation.minJudges` totals on, the
 *   lowest and the highest are dropped first (with equal totals, the lowest dropped is the
 *   first judge by id and the highest the last, so two different judges are dropped).
 * ROUNDING: the mean is rounded half-up to 0,01, exactly; the totals themselves never are.
 */
export function aggregate(
  aggregation: Aggregation,
  minJudges: number,
  entryId: string,
  judgeTotals: JudgeTotal[],
): AggregateResult {
  const count = judgeTotals.length;
  let sum = 0;
  for (const t of judgeTotals) sum += t.total;
  if (!Number.isSafeInteger(sum))
    throw new EngineError('TOO_LARGE', `Tổng điểm của sản phẩm ${entryId} quá lớn.`, { entryId });
  const complete = count > 0 && count >= minJudges;
  // checkAggregation made aggregation.minJudges at least 3, so two are left after trimming.
  const trimmed = complete && aggregation.kind === 'trimmedMean' && count >= aggregation.minJudges;
  let droppedJudgeIds: string[] = [];
  if (trimmed) {
    let low = judgeTotals[0]!;
    let high = judgeTotals[0]!;
    for (const t of judgeTotals) {
      if (t.total < low.total) low = t;
      if (t.total >= high.total) high = t;
    }
    sum -= low.total + high.total;
    droppedJudgeIds = [low.judgeId, high.judgeId];
  }
  const judgesCounted = trimmed ? count - 2 : count;
  return {
    entryId,
    judgeTotals,
    judgesCounted,
    trimmed,
    droppedJudgeIds,
    points: complete ? divRoundHalfUp(sum, judgesCounted) : null,
    complete,
  };
}

/**
 * The same aggregation for a plain list of judges' totals in hundredths (e.g. one entry
 * recomputed). The order of the list does not matter; one total per judge.
 */
export function aggregateTotals(
  aggregation: Aggregation,
  minJudges: number,
  entryId: string,
  totals: JudgeTotal[],
): AggregateResult {
  checkAggregation(aggregation, minJudges, 'rules');
  const sorted = totals
    .map((t) => ({ judgeId: t.judgeId, total: t.total }))
    .sort((a, b) => compareCodeUnits(a.judgeId, b.judgeId));
  sorted.forEach((t, i) => {
    if (!Number.isSafeInteger(t.total) || t.total < 0)
      throw new EngineError(
        'NOT_AN_INTEGER',
        `Tổng điểm của giám khảo ${t.judgeId} không hợp lệ.`,
        { entryId, judgeId: t.judgeId },
      );
    if (i > 0 && sorted[i - 1]!.judgeId === t.judgeId)
      throw new EngineError('DUPLICATE_SCORECARD', `Giám khảo ${t.judgeId} có hai tổng điểm.`, {
        entryId,
        judgeId: t.judgeId,
      });
  });
  return aggregate(aggregation, minJudges, entryId, sorted);
}
