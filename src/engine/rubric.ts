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

/**
 * The accepted score values as doubles: exact[h] is h / 100 when h is a multiple of the
 * step, NaN otherwise. A number x is a valid score with hundredths h exactly when
 * 0 ≤ h ≤ max and exact[h] === x: one comparison covers "at most two decimals" (h / 100 is
 * the double the text "64.12" parses to) and "on the step". Null when maxima are too large
 * for a table; then the same test is computed.
 */
function exactScoreTable(rubric: Rubric): Float64Array | null {
  const max = Math.max(...rubric.items.map((i) => i.max));
  if (max > 1 << 20) return null;
  const table = new Float64Array(max + 1).fill(NaN);
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
 * How a card's values are read and checked, by a `CardScorer`. The first eight items are read
 * through fixed property-access sites (k0 … k7), each of which always sees the same key, so
 * V8 keeps them monomorphic; a loop over `values[items[i].code]` is one megamorphic site and
 * about three times slower at a million cards. Each round has its own scorer (same body, own
 * source location) because V8 shares this feedback between all uses of one function: the
 * final round's part codes would otherwise make the criteria reads megamorphic too.
 */
export interface ReadPlan {
  items: ScoreItem[];
  itemCount: number;
  exact: Float64Array | null;
  step: number;
  k0: string;
  k1: string;
  k2: string;
  k3: string;
  k4: string;
  k5: string;
  k6: string;
  k7: string;
  m0: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
  m5: number;
  m6: number;
  m7: number;
}

/**
 * A card's total in hundredths, or NaN when anything is wrong with its values (missing,
 * unknown or invalid item, not an object): the caller then explains the problem slowly.
 */
export type CardScorer<C> = (card: C, plan: ReadPlan) => number;

/** Items beyond the eighth: read in a loop (rare rubrics; megamorphic but correct). */
export function scoreExtraItems(values: Record<string, unknown>, p: ReadPlan): number {
  let total = 0;
  for (let i = 8; i < p.itemCount; i++)
    total += scoreOf(values[p.items[i]!.code], p.items[i]!.max, p.exact, p.step);
  return total;
}

/** The read plan of a rubric: its first eight codes and maxima as fields, and the table. */
export function readPlan(rubric: Rubric): ReadPlan {
  const { items, step } = rubric;
  const k = (i: number) => items[i]?.code ?? '';
  const m = (i: number) => items[i]?.max ?? 0;
  return {
    items,
    itemCount: items.length,
    exact: exactScoreTable(rubric),
    step,
    k0: k(0),
    k1: k(1),
    k2: k(2),
    k3: k(3),
    k4: k(4),
    k5: k(5),
    k6: k(6),
    k7: k(7),
    m0: m(0),
    m1: m(1),
    m2: m(2),
    m3: m(3),
    m4: m(4),
    m5: m(5),
    m6: m(6),
    m7: m(7),
  };
}
