import { parseDecimalText, toHundredths } from './decimal';
import { EngineError } from './errors';

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

const MAX_ITEM_HUNDREDTHS = 100_000_000; // 1.000.000 points

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
    // The same bound as validateRules; it also keeps every score's hundredths in int32.
    if (max > MAX_ITEM_HUNDREDTHS)
      throw new EngineError('TOO_LARGE', `${at}.maxPoints: điểm tối đa quá lớn.`, { field: at });
    return { code: item.code, max };
  });
  return { items: converted, step: stepH, noun };
}

/** 65.536 hundredths (655,36 points per item): half a megabyte of table at most. */
const MAX_TABLE_LENGTH = 1 << 16;

/**
 * The accepted score values as doubles: exact[h] is h / 100 when h is a multiple of the
 * step, NaN otherwise. A number x is a valid score with hundredths h exactly when
 * 0 ≤ h ≤ max and exact[h] === x: one comparison covers "at most two decimals" (h / 100 is
 * the double the text "64.12" parses to) and "on the step". The length is a power of two, so
 * `exact[h & mask]` never reads past the end whatever h is. Null when maxima are too large
 * for a table; then the same test is computed.
 */
function exactScoreTable(rubric: Rubric): Float64Array | null {
  const max = Math.max(...rubric.items.map((i) => i.max));
  if (max >= MAX_TABLE_LENGTH) return null;
  let length = 1;
  while (length <= max) length *= 2;
  const table = new Float64Array(length).fill(NaN);
  for (let h = 0; h <= max; h += rubric.step) table[h] = h / 100;
  return table;
}

/** Hundredths of a valid score for an item with maximum `max`, else NaN (explained later). */
export function scoreOf(
  value: unknown,
  max: number,
  exact: Float64Array | null,
  step: number,
): number {
  if (typeof value === 'number') {
    // (x × 100 + 0.5) | 0 is the nearest integer for any valid score; anything else (NaN,
    // negative, huge, more decimals) fails the comparison below.
    const h = (value * 100 + 0.5) | 0;
    // h >>> 0 turns a negative h into a huge one: one comparison for 0 ≤ h ≤ max.
    if (exact !== null) return h >>> 0 <= max && exact[h] === value ? h : NaN;
    return h >= 0 && h <= max && h % step === 0 && h / 100 === value ? h : NaN;
  }
  if (typeof value === 'string') {
    const h = parseDecimalText(value);
    return h >= 0 && h <= max && h % step === 0 ? h : NaN;
  }
  return NaN;
}

/**
 * The fast path's read of one value: its hundredths when it is a number on the table (within
 * 0..max, two decimals, on the step), else −1. h = ⌊x × 100 + 0,5⌋ is the nearest hundredth;
 * a negative h becomes huge through `>>> 0`, so one comparison covers 0 ≤ h ≤ max, and then
 * h & mask is h itself.
 */
export function fastScore(x: unknown, max: number, exact: Float64Array, mask: number): number {
  if (typeof x !== 'number') return -1;
  const h = (x * 100 + 0.5) | 0;
  return h >>> 0 <= max && exact[h & mask] === x ? h : -1;
}

/**
 * A rubric ready for the card loops: its items, and for the fast read (judge-points.ts) the
 * first six codes and maxima as separate fields, so that the loop holds them in locals and
 * reads each item through its own property-access site, and the table of valid values.
 */
export interface ReadPlan {
  items: ScoreItem[];
  itemCount: number;
  /** the rubric fits the fast path */
  fast: boolean;
  exact: Float64Array | null;
  /** exact.length − 1 */
  mask: number;
  step: number;
  k0: string;
  k1: string;
  k2: string;
  k3: string;
  k4: string;
  k5: string;
  m0: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
  m5: number;
}

/** Items the fast read reads through its fixed sites. */
export const FAST_ITEMS = 6;

/**
 * A card's values read the fast way: the total in hundredths of up to six items, each a
 * number on the table, with no unknown key; NaN when it cannot tell (then `scoreValues`). The
 * general card loop's first try. The preliminary round's loop has the same read written out in
 * line (judge-points.ts), with its own property-access sites: shared sites would see both
 * rounds' codes and become megamorphic, about three times slower.
 */
export function fastTotal(input: unknown, p: ReadPlan): number {
  if (!p.fast || input === null || typeof input !== 'object') return NaN;
  const values = input as Record<string, unknown>;
  const { itemCount: n, mask } = p;
  const exact = p.exact!;
  let total = 0;
  let h = 0;
  if (n > 0) {
    if ((h = fastScore(values[p.k0], p.m0, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 1) {
    if ((h = fastScore(values[p.k1], p.m1, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 2) {
    if ((h = fastScore(values[p.k2], p.m2, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 3) {
    if ((h = fastScore(values[p.k3], p.m3, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 4) {
    if ((h = fastScore(values[p.k4], p.m4, exact, mask)) < 0) return NaN;
    total += h;
  }
  if (n > 5) {
    if ((h = fastScore(values[p.k5], p.m5, exact, mask)) < 0) return NaN;
    total += h;
  }
  // No key beyond the items: keys are unique, so as many keys as items means none unknown.
  let keys = 0;
  for (const _key in values) keys++;
  return keys === n ? total : NaN;
}

/**
 * A card's values scored the general way: every item through `scoreOf` (numbers or decimal
 * text, any number of items), then no key beyond the items. The total in hundredths, or NaN
 * when a value is missing, unknown or invalid (explained by `explainCard`).
 */
export function scoreValues(input: unknown, p: ReadPlan): number {
  if (input === null || typeof input !== 'object') return NaN;
  const values = input as Record<string, unknown>;
  let total = 0;
  for (const item of p.items) total += scoreOf(values[item.code], item.max, p.exact, p.step);
  // Every item present and valid (NaN poisons the sum), and no other key: keys are unique, so
  // as many keys as items means nothing unknown is there.
  let keys = 0;
  for (const _key in values) keys++;
  return keys === p.itemCount ? total : NaN;
}

/** The read plan of a rubric: its first six codes and maxima as fields, and the table. */
export function readPlan(rubric: Rubric): ReadPlan {
  const { items, step } = rubric;
  const k = (i: number) => items[i]?.code ?? '';
  const m = (i: number) => items[i]?.max ?? 0;
  const exact = exactScoreTable(rubric);
  return {
    items,
    itemCount: items.length,
    fast: exact !== null && items.length <= FAST_ITEMS,
    exact,
    mask: exact === null ? 0 : exact.length - 1,
    step,
    k0: k(0),
    k1: k(1),
    k2: k(2),
    k3: k(3),
    k4: k(4),
    k5: k(5),
    m0: m(0),
    m1: m(1),
    m2: m(2),
    m3: m(3),
    m4: m(4),
    m5: m(5),
  };
}
