import { toHundredths } from './decimal';
import { EngineError } from './errors';
import type { PreliminaryRow } from './preliminary';
import type { ContestRules } from './rules';
import { compareCodeUnits } from './ids';

export interface FinalistSelection {
  /** By preliminary score, highest first (equal scores by entry id, for display only). */
  finalists: string[];
  /**
   * Top N only: the entries tied exactly on the N-th score when that tie crosses the cut line.
   * None of them is in `finalists`; the organisers decide (nothing is cut by input order).
   */
  tieAtCut: string[] | null;
  /** Entries left out because their scoring is incomplete. */
  incomplete: string[];
}

/** Who goes to the final: top N, everyone from a threshold, or everyone with a complete score. */
export function selectFinalists(
  rule: ContestRules['finalists'],
  rows: PreliminaryRow[],
): FinalistSelection {
  const incomplete = rows
    .filter((r) => !r.complete || r.preliminary === null)
    .map((r) => r.entryId)
    .sort(compareCodeUnits);
  const complete = rows.filter((r) => r.complete && r.preliminary !== null);
  /** Entries scoring at least `min`, best first (equal scores by id: display order only). */
  const from = (min: number) =>
    complete
      .filter((r) => r.preliminary! >= min)
      .sort((a, b) => b.preliminary! - a.preliminary! || compareCodeUnits(a.entryId, b.entryId));
  const ids = (list: { entryId: string }[]) => list.map((r) => r.entryId);

  const kind = (rule as { kind?: unknown } | null)?.kind;
  if (kind === 'all') return { finalists: ids(from(-Infinity)), tieAtCut: null, incomplete };
  if (kind === 'threshold' && rule.kind === 'threshold') {
    const min = toHundredths(rule.minScore, 'finalists.minScore');
    return { finalists: ids(from(min)), tieAtCut: null, incomplete };
  }
  if (kind !== 'topN' || rule.kind !== 'topN')
    throw new EngineError('BAD_RULES', 'finalists: cách chọn không được hỗ trợ.', {
      field: 'finalists.kind',
    });
  const n = rule.n;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new EngineError('BAD_RULES', 'finalists.n: phải là số nguyên dương.', {
      field: 'finalists.n',
    });
  const best = from(-Infinity);
  if (best.length <= n) return { finalists: ids(best), tieAtCut: null, incomplete };
  // The N-th best score is the cut. When the next one equals it, the tie crosses the cut line:
  // those tied entries are left to the organisers, the ones above go on.
  const cut = best[n - 1]!.preliminary!;
  if (best[n]!.preliminary !== cut)
    return { finalists: ids(best.slice(0, n)), tieAtCut: null, incomplete };
  return {
    finalists: ids(best.filter((r) => r.preliminary! > cut)),
    tieAtCut: ids(best.filter((r) => r.preliminary === cut)),
    incomplete,
  };
}
