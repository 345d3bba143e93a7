/**
 * Plain code-unit order of ids: the same on every machine and locale (no localeCompare).
 * Used only to make output order deterministic, never to decide who wins.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Numbers sorted ascending in a typed array (a native numeric sort, no comparator calls):
 * Int32Array when every value is an int32 — points and interactions in hundredths almost
 * always are, and that sort is twice as fast — else Float64Array.
 */
export function sortedNumbers<T>(
  items: readonly T[],
  valueOf: (item: T) => number,
): Int32Array | Float64Array {
  const n = items.length;
  const ints = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const value = valueOf(items[i]!);
    ints[i] = value;
    if (ints[i] !== value) return Float64Array.from(items, valueOf).sort();
  }
  return ints.sort();
}

/**
 * The value a sorted (ascending) copy of `values` would hold at index k, found without sorting
 * (quickselect: linear on average, against n log n for a sort). `values` is reordered so that
 * every value before index k is at most that value and every value after it at least.
 */
export function selectKth(values: Float64Array, k: number): number {
  if (!(k >= 0 && k < values.length))
    throw new RangeError(`index ${k} outside 0..${values.length - 1}`);
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = medianOfThree(values[lo]!, values[(lo + hi) >>> 1]!, values[hi]!);
    // Hoare partition: both scans stop at values equal to the pivot, so many equal values
    // still split evenly. Afterwards lo … j ≤ pivot, i … hi ≥ pivot, and between them = pivot.
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
