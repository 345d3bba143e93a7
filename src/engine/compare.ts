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
