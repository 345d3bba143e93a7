import { EngineError } from './errors';
import type { ContestRules, TieBreakKey } from './rules';
import { compareCodeUnits } from './ids';

export interface RankingInput {
  entryId: string;
  /** all in hundredths */
  interaction: number;
  judges: number;
  preliminary: number;
  final: number;
}

export interface RankedRow extends RankingInput {
  /** preliminary + final, exact */
  rankingScore: number;
  /** competition ranking: 1, 1, 3 */
  rank: number;
  /** The tie-break key that separated this row from an equal-score neighbour, if any. */
  tieBreakUsed: TieBreakKey | null;
  /** Tied with a neighbour after the whole chain and no decision recorded: same rank. */
  needsDecision: boolean;
  /** An organiser's recorded order separated this row from equal neighbours. */
  decided: boolean;
}

/** An organiser's recorded order (best first) for entries tied after the whole chain. */
export interface TieDecision {
  entryIds: string[];
}

const KEYS: readonly TieBreakKey[] = ['final', 'judges', 'interaction', 'preliminary'];

type Scored = RankingInput & { rankingScore: number };

/**
 * Ranking score = preliminary + final. Equal scores are compared key by key along the rules'
 * tie-break chain (default: final, judges, interaction). A tie that survives the chain keeps
 * one rank and is flagged `needsDecision`: it is never broken by input order or by id. Inside
 * such a tie rows are listed by entry id only so that the output is deterministic.
 *
 * A decision resolves a tie when it lists every entry of the tied group (it may list more,
 * e.g. one recorded before a correction): the group then takes consecutive ranks in the
 * decision's order. When several decisions fit, the last one (the newest) applies.
 */
export function rankTeams(
  rules: Pick<ContestRules, 'tieBreak'>,
  rows: RankingInput[],
  decisions: TieDecision[] = [],
): RankedRow[] {
  const chain = checkChain(rules.tieBreak);
  const decisionOrders = decisions.map(checkDecision);
  const seen = new Set<string>();
  const scored: Scored[] = rows.map((row) => {
    if (seen.has(row.entryId))
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${row.entryId} xuất hiện hai lần.`, {
        entryId: row.entryId,
      });
    seen.add(row.entryId);
    for (const key of KEYS) {
      if (!Number.isSafeInteger(row[key]) || row[key] < 0)
        throw new EngineError('NOT_AN_INTEGER', `Sản phẩm ${row.entryId}: ${key} không hợp lệ.`, {
          entryId: row.entryId,
          field: key,
        });
    }
    return { ...row, rankingScore: row.preliminary + row.final };
  });

  const compare = (a: Scored, b: Scored) => {
    if (a.rankingScore !== b.rankingScore) return b.rankingScore - a.rankingScore;
    for (const key of chain) if (a[key] !== b[key]) return b[key] - a[key];
    return 0;
  };
  scored.sort((a, b) => compare(a, b) || compareCodeUnits(a.entryId, b.entryId));

  // Rows with equal scores along the whole chain form a group sharing one rank, unless a
  // recorded decision orders the whole group.
  const out: RankedRow[] = [];
  for (let i = 0; i < scored.length;) {
    let end = i + 1;
    while (end < scored.length && compare(scored[i]!, scored[end]!) === 0) end++;
    const group = scored.slice(i, end);
    const order = group.length > 1 ? lastDecisionCovering(decisionOrders, group) : null;
    if (order) group.sort((a, b) => order.get(a.entryId)! - order.get(b.entryId)!);
    group.forEach((row, k) =>
      out.push({
        ...row,
        rank: order ? i + 1 + k : i + 1,
        tieBreakUsed: null,
        needsDecision: group.length > 1 && !order,
        decided: order !== null,
      }),
    );
    i = end;
  }
  out.forEach((row, k) => {
    row.tieBreakUsed =
      separatingKey(chain, row, out[k - 1]) ?? separatingKey(chain, row, out[k + 1]);
  });
  return out;
}

function checkChain(chain: unknown): TieBreakKey[] {
  if (!Array.isArray(chain) || chain.some((k) => !KEYS.includes(k as TieBreakKey)))
    throw new EngineError('BAD_RULES', 'tieBreak: tiêu chí phân hạng không được hỗ trợ.', {
      field: 'tieBreak',
    });
  return chain as TieBreakKey[];
}

function checkDecision(decision: TieDecision): Map<string, number> {
  const order = new Map<string, number>();
  if (!decision || !Array.isArray(decision.entryIds))
    throw new EngineError('BAD_DECISION', 'Quyết định xếp hạng không hợp lệ.');
  decision.entryIds.forEach((id, i) => {
    if (typeof id !== 'string' || order.has(id))
      throw new EngineError('BAD_DECISION', `Quyết định xếp hạng có sản phẩm lặp: ${String(id)}.`, {
        entryId: String(id),
      });
    order.set(id, i);
  });
  return order;
}

function lastDecisionCovering(
  decisions: Map<string, number>[],
  group: RankingInput[],
): Map<string, number> | null {
  for (let d = decisions.length - 1; d >= 0; d--) {
    if (group.every((row) => decisions[d]!.has(row.entryId))) return decisions[d]!;
  }
  return null;
}

/** The first chain key on which two equal-score rows differ (null: other score, or none). */
function separatingKey(
  chain: TieBreakKey[],
  a: RankedRow,
  b: RankedRow | undefined,
): TieBreakKey | null {
  if (!b || a.rankingScore !== b.rankingScore) return null;
  return chain.find((key) => a[key] !== b[key]) ?? null;
}
