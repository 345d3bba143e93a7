import { toHundredths } from './decimal';
import { EngineError } from './errors';
import type { PreliminaryRow } from './preliminary';
import type { ContestRules } from './rules';
import { compareCodeUnits, selectKth } from './compare';

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
  if (complete.length <= n) return { finalists: ids(from(-Infinity)), tieAtCut: null, incomplete };
  // The N-th and (N+1)-th best scores, selected from the scores alone without sorting them;
  // only the few entries at or above the cut are then sorted as objects.
  // Filled by a loop: Float64Array.from with a mapping function goes through the iterator
  // protocol and took 0,8 ms for 10.000 rows, this 0,1 ms.
  const scores = new Float64Array(complete.length);
  for (let i = 0; i < complete.length; i++) scores[i] = complete[i]!.preliminary!;
  const below = scores.length - n;
  const cut = selectKth(scores, below);
  // Every score before `below` is now at most the cut: the best of them is the (N+1)-th.
  let next = -Infinity;
  for (let i = 0; i < below; i++) if (scores[i]! > next) next = scores[i]!;
  const top = from(cut);
  if (next !== cut) return { finalists: ids(top), tieAtCut: null, incomplete };
  return {
    finalists: ids(top.filter((r) => r.preliminary! > cut)),
    tieAtCut: ids(top.filter((r) => r.preliminary === cut)),
    incomplete,
  };
}
