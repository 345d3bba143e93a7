import { mulDivRoundHalfUp, toHundredths } from './decimal';
import { EngineError } from './errors';
import type { ContestRules } from './rules';

export interface InteractionCounts {
  reactions: number;
  shares: number;
  comments: number;
}

export interface InteractionInput extends InteractionCounts {
  entryId: string;
  /** Interactions ruled invalid, subtracted before scoring. */
  excluded?: InteractionCounts;
}

export interface InteractionResult {
  entryId: string;
  /** Weighted interactions, in hundredths of an interaction (weights may have 2 decimals). */
  rawHundredths: number;
  /** Weighted interactions, whole (rawHundredths / 100, exact when weights are whole). */
  raw: number;
  /** Points in hundredths. */
  points: number;
  /** 1-based; equal raw shares the rank. */
  rank: number;
}

/**
 * Interaction points (max from the rules, 30 by default):
 * - proportional: max × raw / top raw (the top entry gets exactly the max);
 * - rankTiers: points by rank, ties share the better tier;
 * - perInteractions: ⌊raw / per⌋ × pointsPer, capped at the max.
 * All zero → 0 for all.
 */
export function computeInteractionPoints(
  rules: ContestRules['interaction'],
  entries: InteractionInput[],
): InteractionResult[] {
  const weights = {
    reactions: toHundredths(rules.weights.reactions, 'weights.reactions'),
    shares: toHundredths(rules.weights.shares, 'weights.shares'),
    comments: toHundredths(rules.weights.comments, 'weights.comments'),
  };
  const max = toHundredths(rules.maxPoints, 'interaction.maxPoints');
  const seen = new Set<string>();
  const raws = entries.map((e) => {
    if (seen.has(e.entryId))
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${e.entryId} có hai dòng số liệu.`, {
        entryId: e.entryId,
      });
    seen.add(e.entryId);
    let raw = 0;
    for (const field of ['reactions', 'shares', 'comments'] as const) {
      const count = checkCount(e[field], e.entryId, field);
      const excluded = e.excluded
        ? checkCount(e.excluded[field], e.entryId, `excluded.${field}`)
        : 0;
      if (excluded > count) {
        throw new EngineError(
          'EXCLUSION_TOO_LARGE',
          `Sản phẩm ${e.entryId}: số ${field} loại trừ (${excluded}) lớn hơn số đếm (${count}).`,
          { entryId: e.entryId, field },
        );
      }
      raw += (count - excluded) * weights[field];
    }
    if (!Number.isSafeInteger(raw))
      throw new EngineError('TOO_LARGE', 'Số lượt tương tác quá lớn.', { entryId: e.entryId });
    return { entryId: e.entryId, raw };
  });
  const ranks = competitionRanks(raws.map((r) => r.raw));
  const top = raws.reduce((m, r) => Math.max(m, r.raw), 0);
  return raws.map((r, i) => {
    let points: number;
    const f = rules.formula;
    if (top === 0) points = 0;
    else if (f.kind === 'proportional') {
      // ROUNDING: proportional interaction points, half-up to 0,01.
      points = r.raw === top ? max : mulDivRoundHalfUp(max, r.raw, top);
    } else if (f.kind === 'rankTiers') {
      const tier = f.points[ranks[i]! - 1];
      points = r.raw === 0 ? 0 : toHundredths(tier ?? f.otherPoints, 'formula.points');
    } else if (f.kind === 'perInteractions') {
      const perH = f.per * 100; // raw is in hundredths of an interaction
      points = Math.min(
        max,
        Math.floor(r.raw / perH) * toHundredths(f.pointsPer, 'formula.pointsPer'),
      );
    } else {
      throw new EngineError('UNKNOWN_FORMULA', 'Công thức tính điểm tương tác không được hỗ trợ.', {
        field: 'interaction.formula',
      });
    }
    return {
      entryId: r.entryId,
      rawHundredths: r.raw,
      raw: r.raw / 100,
      points: Math.min(points, max),
      rank: ranks[i]!,
    };
  });
}

function checkCount(value: number, entryId: string, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new EngineError(
      'BAD_COUNT',
      `Sản phẩm ${entryId}: ${field} phải là số nguyên không âm (nhận ${String(value)}).`,
      { entryId, field },
    );
  }
  return value;
}

/** 1,1,3 ranking of values, highest first. */
export function competitionRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const ranks = new Array<number>(values.length);
  order.forEach(([v, i], pos) => {
    ranks[i] = pos > 0 && order[pos - 1]![0] === v ? ranks[order[pos - 1]![1]]! : pos + 1;
  });
  return ranks;
}
