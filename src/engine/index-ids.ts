import { EngineError } from './errors';

/**
 * Entry id → position in `items`; an id listed twice throws DUPLICATE_ENTRY with
 * `message(id)`. One map operation per id: after `set`, a map that did not grow already had it.
 */
export function indexIds<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  message: (id: string) => string,
): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const id = idOf(items[i]!);
    index.set(id, i);
    if (index.size === i) throw new EngineError('DUPLICATE_ENTRY', message(id), { entryId: id });
  }
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
