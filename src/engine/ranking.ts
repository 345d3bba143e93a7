import { EngineError } from './errors';
import type { ContestRules, TieBreakKey } from './rules';

export interface RankingInput {
  entryId: string;
  /** all in hundredths */
  interaction: number;
  judges: number;
  preliminary: number;
  final: number;
}

export interface RankedRow extends RankingInput {
  rankingScore: number;
  /** competition ranking: 1, 1, 3 */
  rank: number;
  /** the tie-break key that separated this row from an equal-score neighbour, if any */
  tieBreakUsed: TieBreakKey | null;
  /** a tie survived the whole chain (and no decision was recorded): same rank */
  needsDecision: boolean;
  /** an organiser's recorded order resolved a tie for this row */
  decided: boolean;
}

/** An organiser's recorded order for entries tied after the whole chain. */
export interface TieDecision {
  entryIds: string[];
}

const value = (row: RankingInput, key: TieBreakKey) => row[key];

/**
 * Ranking score = preliminary + final (exact). Order: ranking score, then the configured
 * tie-break chain (default final, judges, interaction). A tie that survives the chain keeps
 * one rank and is flagged for decision; it is never broken by input order or id (the display
 * order inside a tie is by entry id only so that output is deterministic).
 */
export function rankTeams(
  rules: Pick<ContestRules, 'tieBreak'>,
  rows: RankingInput[],
  decisions: TieDecision[] = [],
): RankedRow[] {
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.entryId))
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${r.entryId} xuất hiện hai lần.`, {
        entryId: r.entryId,
      });
    seen.add(r.entryId);
    for (const k of ['interaction', 'judges', 'preliminary', 'final'] as const) {
      if (!Number.isSafeInteger(r[k]))
        throw new EngineError('NOT_A_NUMBER', `Sản phẩm ${r.entryId}: ${k} không hợp lệ.`, {
          entryId: r.entryId,
          field: k,
        });
    }
  }
  const chain = rules.tieBreak;
  const decidedPos = new Map<string, number>();
  for (const d of decisions) d.entryIds.forEach((id, i) => decidedPos.set(id, i));
  const compareChain = (
    a: RankingInput & { rankingScore: number },
    b: RankingInput & { rankingScore: number },
  ) => {
    if (a.rankingScore !== b.rankingScore) return b.rankingScore - a.rankingScore;
    for (const key of chain) {
      const diff = value(b, key) - value(a, key);
      if (diff !== 0) return diff;
    }
    return 0;
  };
  const scored = rows.map((r) => ({ ...r, rankingScore: r.preliminary + r.final }));
  scored.sort((a, b) => {
    const c = compareChain(a, b);
    if (c !== 0) return c;
    const da = decidedPos.get(a.entryId);
    const db = decidedPos.get(b.entryId);
    if (da !== undefined && db !== undefined && da !== db) return da - db;
    return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
  });
  const out: RankedRow[] = [];
  scored.forEach((row, i) => {
    const prev = scored[i - 1];
    const next = scored[i + 1];
    const tiedPrev = prev !== undefined && compareChain(prev, row) === 0;
    const tiedNext = next !== undefined && compareChain(row, next) === 0;
    const resolved = (other: typeof row | undefined) =>
      other !== undefined &&
      decidedPos.has(row.entryId) &&
      decidedPos.has(other.entryId) &&
      decidedPos.get(row.entryId) !== decidedPos.get(other.entryId);
    const sameRankAsPrev = tiedPrev && !resolved(prev);
    const rank = sameRankAsPrev ? out[i - 1]!.rank : i + 1;
    const needsDecision = (tiedPrev && !resolved(prev)) || (tiedNext && !resolved(next));
    out.push({
      ...row,
      rank,
      tieBreakUsed: separatingKey(chain, row, prev) ?? separatingKey(chain, row, next),
      needsDecision,
      decided: (tiedPrev && resolved(prev)) || (tiedNext && resolved(next)),
    });
  });
  return out;
}

function separatingKey(
  chain: TieBreakKey[],
  a: RankingInput & { rankingScore: number },
  b: (RankingInput & { rankingScore: number }) | undefined,
): TieBreakKey | null {
  if (!b || a.rankingScore !== b.rankingScore) return null;
  return chain.find((k) => value(a, k) !== value(b, k)) ?? null;
}
