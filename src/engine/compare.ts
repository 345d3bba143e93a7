/**
 * Plain code-unit order of ids: the same on every machine and locale (no localeCompare).
 * Used only to make output order deterministic, never to decide who wins.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
