import { divRoundHalfUp, toHundredths } from './decimal';
import { EngineError } from './errors';
import type { Aggregation, ContestRules } from './rules';

export interface JudgeTotal {
  judgeId: string;
  /** hundredths */
  total: number;
}

export interface AggregateResult {
  entryId: string;
  judgeTotals: JudgeTotal[];
  judgesCounted: number;
  trimmed: boolean;
  droppedJudgeIds: string[];
  /** hundredths; null when fewer judges than the minimum scored */
  points: number | null;
  complete: boolean;
}

/**
 * Mean of the judges' totals, or — when the rules say so and at least `minJudges` scored —
 * the mean without one highest and one lowest total.
 * ROUNDING: the per-entry mean is rounded half-up to 0,01; totals themselves are exact sums.
 */
export function aggregateTotals(
  aggregation: Aggregation,
  minJudges: number,
  entryId: string,
  totals: JudgeTotal[],
): AggregateResult {
  const sorted = [...totals].sort((a, b) => a.total - b.total || (a.judgeId < b.judgeId ? -1 : 1));
  const complete = sorted.length >= minJudges && sorted.length > 0;
  const trimmed =
    aggregation.kind === 'trimmedMean' &&
    sorted.length >= aggregation.minJudges &&
    sorted.length >= 3;
  const counted = trimmed ? sorted.slice(1, -1) : sorted;
  let sum = 0;
  for (const t of counted) sum += t.total;
  return {
    entryId,
    judgeTotals: totals,
    judgesCounted: counted.length,
    trimmed,
    droppedJudgeIds: trimmed ? [sorted[0]!.judgeId, sorted[sorted.length - 1]!.judgeId] : [],
    points: complete ? divRoundHalfUp(sum, counted.length) : null,
    complete,
  };
}

export interface PreliminaryScorecard {
  entryId: string;
  judgeId: string;
  /** points per criterion code, human units (≤ 2 decimals) */
  scores: Record<string, number | string>;
  recused?: boolean;
}

/** Judges' points per entry (max 70 by default) from submitted scorecards. */
export function computeJudgePoints(
  rules: ContestRules['judging'],
  entryIds: string[],
  scorecards: PreliminaryScorecard[],
): AggregateResult[] {
  const items = rules.criteria.map((c) => ({
    code: c.code,
    max: toHundredths(c.maxPoints, `criteria.${c.code}`),
  }));
  const step = toHundredths(rules.step, 'judging.step');
  return aggregateCards(
    rules.aggregation,
    rules.minJudges,
    entryIds,
    scorecards,
    (c) => c.scores,
    items,
    step,
    'tiêu chí',
  );
}

export interface FinalScorecard {
  entryId: string;
  judgeId: string;
  /** points per final-round part code, human units */
  parts: Record<string, number | string>;
  recused?: boolean;
}

/** Final score per finalist: mean (or trimmed mean) of each judge's total over the parts. */
export function computeFinalScores(
  rules: ContestRules['final'],
  finalistIds: string[],
  scorecards: FinalScorecard[],
): AggregateResult[] {
  const items = rules.parts.map((p) => ({
    code: p.code,
    max: toHundredths(p.maxPoints, `parts.${p.code}`),
  }));
  const step = toHundredths(rules.step, 'final.step');
  return aggregateCards(
    rules.aggregation,
    rules.minJudges,
    finalistIds,
    scorecards,
    (c) => c.parts,
    items,
    step,
    'phần thi',
  );
}

interface Card {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

/**
 * Validates every card once (known entry, one card per judge, every item present, known,
 * within 0..max and on the step) and sums each judge's total exactly. Written as plain loops
 * without per-card allocations: a 10.000 × 100 contest has a million cards.
 */
function aggregateCards<C extends Card>(
  aggregation: Aggregation,
  minJudges: number,
  entryIds: string[],
  cards: C[],
  valuesOf: (card: C) => Record<string, number | string>,
  items: { code: string; max: number }[],
  step: number,
  label: string,
): AggregateResult[] {
  const byEntry = new Map<string, { judges: Set<string>; totals: JudgeTotal[] }>();
  for (const id of entryIds) byEntry.set(id, { judges: new Set(), totals: [] });
  const itemCount = items.length;
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    const slot = byEntry.get(card.entryId);
    if (!slot) {
      throw new EngineError(
        'UNKNOWN_ENTRY',
        `Phiếu chấm cho sản phẩm không có trong danh sách: ${card.entryId}.`,
        { entryId: card.entryId, judgeId: card.judgeId },
      );
    }
    if (slot.judges.has(card.judgeId)) {
      throw new EngineError(
        'DUPLICATE_SCORECARD',
        `Giám khảo ${card.judgeId} có hai phiếu cho sản phẩm ${card.entryId}.`,
        { entryId: card.entryId, judgeId: card.judgeId },
      );
    }
    slot.judges.add(card.judgeId);
    if (card.recused) continue;
    const values = valuesOf(card);
    let keys = 0;
    for (const _key in values) keys++;
    let total = 0;
    for (let i = 0; i < itemCount; i++) {
      const item = items[i]!;
      const raw = values[item.code];
      const h =
        typeof raw === 'number'
          ? fastHundredths(raw)
          : typeof raw === 'string'
            ? parsedHundredths(raw)
            : NaN;
      if (h >= 0 && h <= item.max && (step <= 0 || h % step === 0))
        total += h; // exact: no rounding of a judge's total
      else failItem(card, item, raw, step, label);
    }
    if (keys !== itemCount) {
      const unknown = Object.keys(values).find((k) => !items.some((i) => i.code === k))!;
      throw new EngineError(
        'UNKNOWN_CRITERION',
        `Phiếu của giám khảo ${card.judgeId} cho sản phẩm ${card.entryId} có ${label} lạ: ${unknown}.`,
        {
          entryId: card.entryId,
          judgeId: card.judgeId,
          criterion: unknown,
        },
      );
    }
    slot.totals.push({ judgeId: card.judgeId, total });
  }
  return entryIds.map((id) => aggregateTotals(aggregation, minJudges, id, byEntry.get(id)!.totals));
}

/** Hundredths of a number with at most two decimals, or NaN (the slow path then explains). */
function fastHundredths(value: number): number {
  const scaled = value * 100;
  const h = Math.round(scaled);
  return Math.abs(scaled - h) < 1e-7 ? h : NaN;
}

function parsedHundredths(text: string): number {
  try {
    return toHundredths(text);
  } catch {
    return NaN;
  }
}

/** The careful path for a value the fast path refused: says exactly what is wrong. */
function failItem(
  card: Card,
  item: { code: string; max: number },
  raw: unknown,
  step: number,
  label: string,
): never {
  const where = { entryId: card.entryId, judgeId: card.judgeId, criterion: item.code };
  const who = `giám khảo ${card.judgeId} (sản phẩm ${card.entryId})`;
  if (raw === undefined || raw === null) {
    throw new EngineError('MISSING_SCORE', `Phiếu của ${who} thiếu ${label} ${item.code}.`, where);
  }
  let h: number;
  try {
    h = toHundredths(raw as number | string, item.code);
  } catch {
    throw new EngineError(
      'NOT_A_NUMBER',
      `Điểm ${label} ${item.code} của ${who} không hợp lệ: ${String(raw)}.`,
      where,
    );
  }
  if (h < 0 || h > item.max) {
    throw new EngineError(
      'SCORE_OUT_OF_RANGE',
      `Điểm ${label} ${item.code} của ${who} ngoài khoảng 0..${item.max / 100}.`,
      where,
    );
  }
  if (step > 0 && h % step !== 0) {
    throw new EngineError(
      'SCORE_STEP',
      `Điểm ${label} ${item.code} của ${who} không phải bội số của bước chấm.`,
      where,
    );
  }
  throw new EngineError(
    'NOT_A_NUMBER',
    `Điểm ${label} ${item.code} của ${who} không hợp lệ.`,
    where,
  );
}
