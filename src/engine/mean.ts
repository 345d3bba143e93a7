import { divRoundHalfUp } from './decimal';
import { EngineError } from './errors';
import type { Aggregation } from './rules';
import { compareCodeUnits } from './compare';
import type { CardTotals, JudgeTotal } from './scorecards';

export type { JudgeTotal } from './scorecards';

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

/** Where an entry's judge totals are read from when first asked for (see CardTotals). */
type TotalsSource = Pick<CardTotals, 'judgeTotals'>;

/**
 * One entry's aggregate. A class rather than an object literal because there are 10.000 of
 * them at scale and `judgeTotals` and `droppedJudgeIds` are produced only on first read: the
 * ranking never needs them, and building a million small objects for a 10.000 × 100 contest
 * would cost more than the whole computation. `toJSON` includes them, so serialised output is
 * complete; code copying a row with `{ ...row }` must copy them explicitly.
 */
class EntryAggregate implements AggregateResult {
  readonly entryId: string;
  readonly judgesCounted: number;
  readonly trimmed: boolean;
  readonly points: number | null;
  readonly complete: boolean;
  #judgeTotals: JudgeTotal[] | undefined;
  #droppedJudgeIds: string[] | undefined;
  readonly #source: TotalsSource;
  readonly #index: number;

  constructor(
    aggregation: Aggregation,
    minJudges: number,
    entryId: string,
    f: { count: number; sum: number; low: number; high: number },
    source: TotalsSource,
    index: number,
  ) {
    if (!Number.isSafeInteger(f.sum))
      throw new EngineError('TOO_LARGE', `Tổng điểm của sản phẩm ${entryId} quá lớn.`, {
        entryId,
      });
    const complete = f.count > 0 && f.count >= minJudges;
    // Trimmed only when at least aggregation.minJudges judges scored; otherwise plain mean.
    const trimmed =
      complete &&
      aggregation.kind === 'trimmedMean' &&
      f.count >= aggregation.minJudges &&
      f.count >= 3;
    this.entryId = entryId;
    this.judgesCounted = trimmed ? f.count - 2 : f.count;
    this.trimmed = trimmed;
    this.points = complete
      ? // ROUNDING: the per-entry mean of the judges' totals (plain or trimmed) is rounded
        // half-up to 0,01. The totals themselves are exact sums and are never rounded.
        divRoundHalfUp(trimmed ? f.sum - f.low - f.high : f.sum, this.judgesCounted)
      : null;
    this.complete = complete;
    this.#source = source;
    this.#index = index;
  }

  /** Each counting judge's total, in judge-id order. */
  get judgeTotals(): JudgeTotal[] {
    return (this.#judgeTotals ??= this.#source
      .judgeTotals(this.#index)
      .sort((a, b) => compareCodeUnits(a.judgeId, b.judgeId)));
  }

  set judgeTotals(value: JudgeTotal[]) {
    this.#judgeTotals = value;
  }

  /** [lowest, highest] when trimmed, else []: see `droppedJudges`. */
  get droppedJudgeIds(): string[] {
    return (this.#droppedJudgeIds ??= this.trimmed ? droppedJudges(this.judgeTotals) : []);
  }

  set droppedJudgeIds(value: string[]) {
    this.#droppedJudgeIds = value;
  }

  toJSON(): AggregateResult {
    return {
      entryId: this.entryId,
      judgeTotals: this.judgeTotals,
      judgesCounted: this.judgesCounted,
      trimmed: this.trimmed,
      droppedJudgeIds: this.droppedJudgeIds,
      points: this.points,
      complete: this.complete,
    };
  }
}

/** Every entry, in `entryIds` order, from the scorecards' figures. */
export function aggregateEntries(
  aggregation: Aggregation,
  minJudges: number,
  entryIds: string[],
  t: CardTotals,
): AggregateResult[] {
  const figures = { count: 0, sum: 0, low: 0, high: 0 };
  return entryIds.map((entryId, e) => {
    figures.count = t.count[e]!;
    figures.sum = t.sum[e]!;
    figures.low = t.low[e]!;
    figures.high = t.high[e]!;
    return new EntryAggregate(aggregation, minJudges, entryId, figures, t, e);
  });
}

/**
 * The judges a trimmed mean leaves out, [lowest, highest], from totals in judge-id order. On
 * equal totals the lowest is the first judge by id and the highest the last, so the two are
 * always different judges and never depend on the order of the cards.
 */
function droppedJudges(totals: JudgeTotal[]): string[] {
  let low = totals[0]!;
  let high = totals[0]!;
  for (const t of totals) {
    if (t.total < low.total) low = t;
    if (t.total >= high.total) high = t;
  }
  return [low.judgeId, high.judgeId];
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
  const sorted = [...totals].sort((a, b) => compareCodeUnits(a.judgeId, b.judgeId));
  const f = { count: 0, sum: 0, low: Infinity, high: -Infinity };
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
    f.count++;
    f.sum += t.total;
    f.low = Math.min(f.low, t.total);
    f.high = Math.max(f.high, t.total);
  });
  const source = { judgeTotals: () => sorted.map((t) => ({ judgeId: t.judgeId, total: t.total })) };
  return new EntryAggregate(aggregation, minJudges, entryId, f, source, 0);
}
