import { EngineError } from './errors';

/**
 * Plain code-unit order of ids: the same on every machine and locale (no localeCompare).
 * Used only to make output order deterministic, never to decide who wins.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Id → position in `items`; an id listed twice throws DUPLICATE_ENTRY with `message(id)`. */
export function indexIds<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  message: (id: string) => string,
): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const id = idOf(item);
    if (index.has(id)) throw new EngineError('DUPLICATE_ENTRY', message(id), { entryId: id });
    index.set(id, i);
  });
  return index;
}

/** The entry list of a round indexed, an entry listed twice refused (DUPLICATE_ENTRY). */
export function indexEntryIds(entryIds: readonly string[]): Map<string, number> {
  return indexIds(
    entryIds,
    (id) => id,
    (id) => `Sản phẩm ${id} có hai lần trong danh sách.`,
  );
}
