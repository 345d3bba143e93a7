import { floorDiv, mulDivRoundHalfUp, toHundredths } from './decimal';
import { EngineError } from './errors';
import { indexIds } from './ids';
import { sortedNumbers } from './compare';
import type { ContestRules } from './rules';

export interface InteractionCounts {
  reactions: number;
  shares: number;
  comments: number;
}

export interface InteractionInput extends InteractionCounts {
  entryId: string;
  /** Interactions ruled invalid by the organisers, subtracted before scoring. */
  excluded?: InteractionCounts;
}

export interface InteractionResult {
  entryId: string;
  /**
   * Weighted interactions after exclusions, in hundredths of an interaction: weights may have
   * two decimals (0,5 per comment), so this is the exact integer the formulas work on.
   */
  rawHundredths: number;
  /** The same in whole interactions (rawHundredths / 100): exact and whole when weights are. */
  raw: number;
  /** hundredths of a point */
  points: number;
  /** 1-based, by raw; equal raw shares the rank (1, 1, 3). */
  rank: number;
}

type CountKind = keyof InteractionCounts;

/**
 * Interaction points (max 30 by default) from fanpage counts, in input order:
 * - proportional: max × raw / top raw, so the top entry gets exactly the max;
 * - rankTiers: points by rank, ties share the better tier, beyond the list `otherPoints`;
 * - perInteractions: ⌊raw / per⌋ × pointsPer, capped at the max.
 * When nobody has any interaction, everybody gets 0. An entry whose raw is 0 gets 0 under
 * every formula (a tier is a reward for interactions, not for being listed).
 */
export function computeInteractionPoints(
  rules: ContestRules['interaction'],
  entries: InteractionInput[],
): InteractionResult[] {
  const scorer = interactionScorer(rules);
  indexIds(
    entries,
    (entry) => entry.entryId,
    (id) => `Sản phẩm ${id} có hai dòng số liệu.`,
  );
  return interactionPointsOf(scorer, entries);
}

/** How a raw count (hundredths of an interaction) and its rank become points. */
export interface InteractionScorer {
  /** hundredths per interaction */
  weights: Record<CountKind, number>;
  points(raw: number, rank: number, top: number): number;
}

/**
 * `computeInteractionPoints` for rows already known to list each entry once, with the
 * rules already read by `interactionScorer`.
 */
export function interactionPointsOf(
  scorer: InteractionScorer,
  entries: InteractionInput[],
): InteractionResult[] {
  const n = entries.length;
  const raws = new Array<number>(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const raw = rawOf(entries[i]!, scorer.weights);
    raws[i] = raw;
    if (raw > top) top = raw;
  }
  const ranks = competitionRanks(raws);
  const results: InteractionResult[] = [];
  for (let i = 0; i < n; i++) {
    const raw = raws[i]!;
    results.push({
      entryId: entries[i]!.entryId,
      rawHundredths: raw,
      raw: raw / 100,
      // When nobody has any interaction, everybody gets 0 (no division by zero).
      points: top === 0 ? 0 : scorer.points(raw, ranks[i]!, top),
      rank: ranks[i]!,
    });
  }
  return results;
}

/** The interaction rules checked and turned into a formula (bad rules are an EngineError). */
export function interactionScorer(rules: ContestRules['interaction']): InteractionScorer {
  const formula = rules.formula;
  const kind = (formula as { kind?: unknown } | null)?.kind;
  if (kind !== 'proportional' && kind !== 'rankTiers' && kind !== 'perInteractions')
    throw new EngineError('UNKNOWN_FORMULA', 'Công thức tính điểm tương tác không được hỗ trợ.', {
      field: 'interaction.formula.kind',
    });
  const max = nonNegativeHundredths(rules.maxPoints, 'interaction.maxPoints');
  const weights = {
    reactions: nonNegativeHundredths(rules.weights.reactions, 'interaction.weights.reactions'),
    shares: nonNegativeHundredths(rules.weights.shares, 'interaction.weights.shares'),
    comments: nonNegativeHundredths(rules.weights.comments, 'interaction.weights.comments'),
  };

  let points: InteractionScorer['points'];
  if (formula.kind === 'proportional') {
    points = (raw, _rank, top) =>
      // ROUNDING: proportional interaction points, max × raw / top raw, half-up to 0,01.
      // The top entry gets exactly the max (raw = top gives max × top / top).
      mulDivRoundHalfUp(max, raw, top);
  } else if (formula.kind === 'rankTiers') {
    const tiers = formula.points.map((p, i) =>
      nonNegativeHundredths(p, `interaction.formula.points[${i}]`),
    );
    const other = nonNegativeHundredths(formula.otherPoints, 'interaction.formula.otherPoints');
    if ([...tiers, other].some((p) => p > max))
      throw new EngineError('BAD_RULES', 'interaction.formula: điểm bậc vượt điểm tối đa.', {
        field: 'interaction.formula.points',
      });
    points = (raw, rank) => (raw === 0 ? 0 : (tiers[rank - 1] ?? other));
  } else {
    const per = formula.per;
    if (!Number.isSafeInteger(per) || per < 1)
      throw new EngineError('BAD_RULES', 'interaction.formula.per: phải là số nguyên dương.', {
        field: 'interaction.formula.per',
      });
    const pointsPer = nonNegativeHundredths(formula.pointsPer, 'interaction.formula.pointsPer');
    // raw is in hundredths of an interaction, so "per N interactions" is per N × 100.
    points = (raw) => {
      const blocks = floorDiv(raw, per * 100);
      return blocks * pointsPer >= max ? max : blocks * pointsPer;
    };
  }
  return { weights, points };
}

/** Weighted interactions after exclusions, in hundredths (exact integer arithmetic). */
function rawOf(entry: InteractionInput, weights: Record<CountKind, number>): number {
  const id = entry.entryId;
  const x = entry.excluded;
  const raw =
    validCount(entry.reactions, x === undefined ? 0 : x.reactions, id, 'reactions') *
      weights.reactions +
    validCount(entry.shares, x === undefined ? 0 : x.shares, id, 'shares') * weights.shares +
    validCount(entry.comments, x === undefined ? 0 : x.comments, id, 'comments') * weights.comments;
  if (!Number.isSafeInteger(raw))
    throw new EngineError('TOO_LARGE', `Sản phẩm ${id}: số tương tác quá lớn.`, { entryId: id });
  return raw;
}

/** A count minus its exclusions, both checked. */
function validCount(count: unknown, minus: unknown, entryId: string, kind: CountKind): number {
  const counted = countOf(count, entryId, kind, false);
  const excluded = countOf(minus, entryId, kind, true);
  if (excluded > counted) {
    throw new EngineError(
      'EXCLUSION_TOO_LARGE',
      `Sản phẩm ${entryId}: số ${kind} bị loại (${excluded}) lớn hơn số đếm được (${counted}).`,
      { entryId, field: `excluded.${kind}` },
    );
  }
  return counted - excluded;
}

function countOf(value: unknown, entryId: string, kind: CountKind, excluded: boolean): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const field = excluded ? `excluded.${kind}` : kind;
    throw new EngineError(
      'BAD_COUNT',
      `Sản phẩm ${entryId}: ${field} phải là số nguyên không âm (nhận ${String(value)}).`,
      { entryId, field },
    );
  }
  return value;
}

function nonNegativeHundredths(value: number, field: string): number {
  const h = toHundredths(value, field);
  if (h < 0) throw new EngineError('NEGATIVE', `${field}: không được âm.`, { field });
  return h;
}

/**
 * Competition ranking (1, 1, 3) of non-negative integers, highest first; ties share the
 * better rank (1 + how many values are greater). The positions are ordered by value with a
 * radix sort (11 bits a pass, at most three passes for values below 2^32: linear, and about
 * half the time of a native sort of 10.000 numbers); a sweep from the top then hands out the
 * ranks.
 */
function competitionRanks(values: number[]): number[] {
  const n = values.length;
  let top = 0;
  for (let i = 0; i < n; i++) if (values[i]! > top) top = values[i]!;
  if (top >= 2 ** 32) return ranksBySearch(values);
  const ascending = positionsByValue(values, top);
  const ranks = new Array<number>(n);
  let rank = 0;
  let previous = -1;
  for (let k = n - 1; k >= 0; k--) {
    const position = ascending[k]!;
    const value = values[position]!;
    if (value !== previous) rank = n - k;
    previous = value;
    ranks[position] = rank;
  }
  return ranks;
}

const RADIX_BITS = 11;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

/** Positions 0 … n − 1 ordered by value (stable), for integers in 0 … top < 2^32. */
function positionsByValue(values: number[], top: number): Int32Array {
  const n = values.length;
  let order = new Int32Array(n);
  let spare = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const starts = new Int32Array(RADIX_MASK + 1);
  for (let shift = 0; shift < 32 && top >>> shift > 0; shift += RADIX_BITS) {
    starts.fill(0);
    for (let i = 0; i < n; i++) starts[(values[order[i]!]! >>> shift) & RADIX_MASK]!++;
    let start = 0;
    for (let d = 0; d <= RADIX_MASK; d++) {
      const count = starts[d]!;
      starts[d] = start;
      start += count;
    }
    for (let i = 0; i < n; i++) {
      const position = order[i]!;
      spare[starts[(values[position]! >>> shift) & RADIX_MASK]!++] = position;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** The same ranks for values too large to pack: a sorted copy and a binary search each. */
function ranksBySearch(values: number[]): number[] {
  const ascending = sortedNumbers(values, (v) => v);
  const n = ascending.length;
  return values.map((v) => {
    let lo = 0; // ends as the first index whose value is greater than v
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ascending[mid]! > v) hi = mid;
      else lo = mid + 1;
    }
    return n - lo + 1;
  });
}
