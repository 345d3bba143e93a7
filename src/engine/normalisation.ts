import { divRoundHalfUp } from './decimal';
import { EngineError } from './errors';
import type { JudgeTotal } from './mean';
import type { Normalisation } from './rules';

/**
 * Normalisation for panel judging, where judges score different subsets of the entries and a
 * strict judge would otherwise sink the entries they happened to score. Each judge's totals
 * are compared with that judge's own mean, over the entries they scored (recused cards left
 * out), and placed on a common scale of the rubric's range [0, max] whose centre is max / 2:
 *
 * - `meanCentering`: max / 2 + (total − judge's mean);
 * - `zScore`: max / 2 + z × max / 6, with z = (total − judge's mean) / judge's standard
 *   deviation (population), so z = ±3 reaches 0 or max;
 * - a judge with one card, or equal totals everywhere (no spread), gives max / 2: the centre;
 * - anything beyond [0, max] is clamped to it.
 *
 * ROUNDING: each normalised total is rounded half-up to 0,01, exactly (integer arithmetic in
 * BigInt; the square root of z-scores is compared exactly, never approximated). The entry's
 * points are then the configured mean or trimmed mean of these totals, rounded as usual.
 * Adding the same number to all of a judge's totals, or (zScore) multiplying them all by the
 * same factor, changes nothing.
 */
export function normalise(
  method: Exclude<Normalisation, 'none'>,
  max: number,
  rows: JudgeTotal[][],
): JudgeTotal[][] {
  const stats = new Map<string, { k: bigint; sum: bigint; squares: bigint }>();
  for (const row of rows) {
    for (const { judgeId, total } of row) {
      const s = stats.get(judgeId) ?? { k: 0n, sum: 0n, squares: 0n };
      const t = BigInt(total);
      s.k += 1n;
      s.sum += t;
      s.squares += t * t;
      stats.set(judgeId, s);
    }
  }
  const M = BigInt(max);
  return rows.map((row) =>
    row.map(({ judgeId, total }) => {
      const { k, sum, squares } = stats.get(judgeId)!;
      // k × (total − mean): an integer
      const d = k * BigInt(total) - sum;
      const normalised =
        method === 'meanCentering' ? centred(M, d, k) : zScaled(M, d, k * squares - sum * sum); // k² × variance
      return { judgeId, total, normalised };
    }),
  );
}

/** max/2 + d/k = (k × max + 2d) / 2k, clamped to [0, max], half-up. */
function centred(max: bigint, d: bigint, k: bigint): number {
  const numerator = k * max + 2n * d;
  const denominator = 2n * k;
  if (numerator <= 0n) return 0;
  if (numerator >= max * denominator) return Number(max);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * max/2 + z × max/6 with z = d / √q (d = k × (total − mean), q = k² × variance), clamped to
 * [0, max] and rounded half-up: the largest integer r with r − 1/2 ≤ that value. Whether r
 * qualifies is decided exactly: r − 1/2 ≤ max/2 + d × max / (6√q) ⟺ 2d × max ≥ R√q with
 * R = 6(2r − 1 − max), compared through squares.
 */
function zScaled(max: bigint, d: bigint, q: bigint): number {
  if (q === 0n) return divRoundHalfUp(Number(max), 2);
  const L = 2n * d * max;
  const qualifies = (r: number) => {
    const R = 6n * (2n * BigInt(r) - 1n - max);
    if (L >= 0n && R <= 0n) return true;
    if (L < 0n && R >= 0n) return false;
    return L >= 0n ? L * L >= R * R * q : L * L <= R * R * q;
  };
  const top = Number(max);
  if (qualifies(top)) return top;
  if (!qualifies(0)) return 0;
  // A close estimate in floating point, then the exact test settles the last step.
  const estimate = top / 2 + (Number(d) * top) / (6 * Math.sqrt(Number(q)));
  let r = Math.min(top, Math.max(0, Math.floor(estimate + 0.5)));
  while (!qualifies(r)) r--;
  while (r < top && qualifies(r + 1)) r++;
  return r;
}

/** The normalisation setting checked: absent means `none`. */
export function checkNormalisation(value: unknown): Normalisation {
  if (value === undefined || value === 'none') return 'none';
  if (value === 'zScore' || value === 'meanCentering') return value;
  throw new EngineError('BAD_RULES', 'judging.normalisation: cách chuẩn hoá không được hỗ trợ.', {
    field: 'judging.normalisation',
  });
}
