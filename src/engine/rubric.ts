import { hundredthsOrNaN, notHundredths, toHundredths } from './decimal';
import { EngineError, EngineErrorCode } from './errors';

/** A criterion (preliminary round) or a part (final round), its maximum in hundredths. */
export interface ScoreItem {
  code: string;
  max: number;
}

/** What one scorecard must contain: every item once, each a multiple of `step` (hundredths). */
export interface Rubric {
  items: ScoreItem[];
  step: number;
  /** "tiêu chí" or "phần thi", for messages */
  noun: string;
}

/** Who handed in a card, for messages. */
export interface CardRef {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

/** 1.000.000 points per item: the same bound as validateRules. */
const MAX_ITEM_HUNDREDTHS = 100_000_000;

/** Converts and checks a rubric from the rules (bad rules are an EngineError, not a guess). */
export function rubricOf(
  items: { code: string; maxPoints: number }[],
  step: number,
  path: string,
  noun: string,
): Rubric {
  if (!Array.isArray(items) || items.length === 0)
    throw new EngineError('BAD_RULES', `${path}: cần ít nhất một ${noun}.`, { field: path });
  const stepH = toHundredths(step, `${path}.step`);
  if (stepH <= 0)
    throw new EngineError('BAD_RULES', `${path}.step: bước chấm phải dương.`, { field: path });
  const seen = new Set<string>();
  const converted = items.map((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item.code !== 'string' || seen.has(item.code))
      throw new EngineError('BAD_RULES', `${at}.code: mã thiếu hoặc trùng.`, { field: at });
    seen.add(item.code);
    const max = toHundredths(item.maxPoints, `${at}.maxPoints`);
    if (max < 0)
      throw new EngineError('NEGATIVE', `${at}.maxPoints: điểm tối đa âm.`, { field: at });
    if (max > MAX_ITEM_HUNDREDTHS)
      throw new EngineError('TOO_LARGE', `${at}.maxPoints: điểm tối đa quá lớn.`, { field: at });
    return { code: item.code, max };
  });
  return { items: converted, step: stepH, noun };
}

/**
 * A judge's total on one card, in hundredths, exact (never rounded). The card must score every
 * item of the rubric, each within 0..max, with at most two decimals and on the step, and
 * nothing else. The first problem is thrown, naming entry, judge and item.
 */
export function cardTotal(values: unknown, rubric: Rubric, card: CardRef): number {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw refused(card, 'BAD_SCORECARD', `Phiếu của ${who(card)} không có bảng điểm.`);
  const scores = values as Record<string, unknown>;
  const { noun, step } = rubric;
  let total = 0;
  for (const { code, max } of rubric.items) {
    const value = scores[code];
    if (value === undefined || value === null)
      throw refused(card, 'MISSING_SCORE', `Phiếu của ${who(card)} thiếu ${noun} ${code}.`, code);
    const h = hundredthsOrNaN(value);
    if (Number.isNaN(h)) {
      const text = `Điểm ${noun} ${code} của ${who(card)} không hợp lệ: ${String(value)}.`;
      throw refused(card, notHundredths(value, code).code, text, code);
    }
    if (h < 0 || h > max) {
      const text = `Điểm ${noun} ${code} của ${who(card)} (${String(value)}) ngoài khoảng 0..${max / 100}.`;
      throw refused(card, 'SCORE_OUT_OF_RANGE', text, code);
    }
    if (h % step !== 0) {
      const text = `Điểm ${noun} ${code} của ${who(card)} (${String(value)}) không phải bội số của ${step / 100}.`;
      throw refused(card, 'SCORE_STEP', text, code);
    }
    total += h;
  }
  // Every item is on the card, so a card with more keys than items has one the rubric lacks.
  let keys = 0;
  for (const _key in scores) keys++;
  if (keys > rubric.items.length) {
    const unknown = Object.keys(scores).find((key) => !rubric.items.some((i) => i.code === key))!;
    const text = `Phiếu của ${who(card)} có ${noun} không có trong thể lệ: ${unknown}.`;
    throw refused(card, 'UNKNOWN_CRITERION', text, unknown);
  }
  return total;
}

const who = (card: CardRef) => `giám khảo ${card.judgeId}, sản phẩm ${card.entryId}`;

function refused(
  card: CardRef,
  code: EngineErrorCode,
  message: string,
  criterion?: string,
): EngineError {
  return new EngineError(code, message, {
    entryId: card.entryId,
    judgeId: card.judgeId,
    criterion,
  });
}
