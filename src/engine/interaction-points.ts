import { floorDiv, mulDivRoundHalfUp, toHundredths } from './decimal';
import { EngineError } from './errors';
import { indexIds } from './ids';
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
const COUNT_KINDS: CountKind[] = ['reactions', 'shares', 'comments'];

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
  const pointsOf = formulaOf(rules);
  const weights = {
    reactions: nonNegativeHundredths(rules.weights.reactions, 'interaction.weights.reactions'),
    shares: nonNegativeHundredths(rules.weights.shares, 'interaction.weights.shares'),
    comments: nonNegativeHundredths(rules.weights.comments, 'interaction.weights.comments'),
  };
  indexIds(
    entries,
    (entry) => entry.entryId,
    (id) => `Sản phẩm ${id} có hai dòng số liệu.`,
  );
  const raws = entries.map((entry) => rawOf(entry, weights));
  const top = raws.reduce((a, b) => Math.max(a, b), 0);
  const ranks = competitionRanks(raws);
  return entries.map((entry, i) => ({
    entryId: entry.entryId,
    rawHundredths: raws[i]!,
    raw: raws[i]! / 100,
    // When nobody has any interaction, everybody gets 0 (no division by zero).
    points: top === 0 ? 0 : pointsOf(raws[i]!, ranks[i]!, top),
    rank: ranks[i]!,
  }));
}

/** The rules' formula: points from a raw count (hundredths of an interaction) and its rank. */
function formulaOf(
  rules: ContestRules['interaction'],
): (raw: number, rank: number, top: number) => number {
  const { formula } = rules;
  const kind = (formula as { kind?: unknown } | null)?.kind;
  if (kind !== 'proportional' && kind !== 'rankTiers' && kind !== 'perInteractions')
    throw new EngineError('UNKNOWN_FORMULA', 'Công thức tính điểm tương tác không được hỗ trợ.', {
      field: 'interaction.formula.kind',
    });
  const max = nonNegativeHundredths(rules.maxPoints, 'interaction.maxPoints');
  if (formula.kind === 'proportional')
    // ROUNDING: proportional interaction points, max × raw / top raw, half-up to 0,01.
    // The top entry gets exactly the max (raw = top gives max × top / top).
    return (raw, _rank, top) => mulDivRoundHalfUp(max, raw, top);
  if (formula.kind === 'rankTiers') {
    const tiers = formula.points.map((p, i) =>
      nonNegativeHundredths(p, `interaction.formula.points[${i}]`),
    );
    const other = nonNegativeHundredths(formula.otherPoints, 'interaction.formula.otherPoints');
    if ([...tiers, other].some((p) => p > max))
      throw new EngineError('BAD_RULES', 'interaction.formula: điểm bậc vượt điểm tối đa.', {
        field: 'interaction.formula.points',
      });
    return (raw, rank) => (raw === 0 ? 0 : (tiers[rank - 1] ?? other));
  }
  const per = formula.per;
  if (!Number.isSafeInteger(per) || per < 1)
    throw new EngineError('BAD_RULES', 'interaction.formula.per: phải là số nguyên dương.', {
      field: 'interaction.formula.per',
    });
  const pointsPer = nonNegativeHundredths(formula.pointsPer, 'interaction.formula.pointsPer');
  // raw is in hundredths of an interaction, so "per N interactions" is per N × 100.
  return (raw) => Math.min(max, floorDiv(raw, per * 100) * pointsPer);
}

/** Weighted interactions after exclusions, in hundredths (exact integer arithmetic). */
function rawOf(entry: InteractionInput, weights: Record<CountKind, number>): number {
  let raw = 0;
  for (const kind of COUNT_KINDS) {
    const counted = countOf(entry[kind], entry.entryId, kind);
    const excluded =
      entry.excluded === undefined
        ? 0
        : countOf(entry.excluded[kind], entry.entryId, `excluded.${kind}`);
    if (excluded > counted)
      throw new EngineError(
        'EXCLUSION_TOO_LARGE',
        `Sản phẩm ${entry.entryId}: số ${kind} bị loại (${excluded}) lớn hơn số đếm được (${counted}).`,
        { entryId: entry.entryId, field: `excluded.${kind}` },
      );
    raw += (counted - excluded) * weights[kind];
  }
  if (!Number.isSafeInteger(raw))
    throw new EngineError('TOO_LARGE', `Sản phẩm ${entry.entryId}: số tương tác quá lớn.`, {
      entryId: entry.entryId,
    });
  return raw;
}

/** A count (or an exclusion, `field` excluded.…) checked: a whole number ≥ 0. */
function countOf(value: unknown, entryId: string, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new EngineError(
    'BAD_COUNT',
    `Sản phẩm ${entryId}: ${field} phải là số nguyên không âm (nhận ${String(value)}).`,
    { entryId, field },
  );
}

function nonNegativeHundredths(value: number, field: string): number {
  const h = toHundredths(value, field);
  if (h < 0) throw new EngineError('NEGATIVE', `${field}: không được âm.`, { field });
  return h;
}

/** Competition ranking (1, 1, 3), highest first: 1 + how many values are greater. */
function competitionRanks(values: number[]): number[] {
  const descending = [...values].sort((a, b) => b - a);
  const rankOf = new Map<number, number>();
  descending.forEach((value, i) => {
    if (!rankOf.has(value)) rankOf.set(value, i + 1);
  });
  return values.map((value) => rankOf.get(value)!);
}
