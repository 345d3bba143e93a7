import type { Counts } from './match-rows';

/** One entry's counts in one snapshot. */
export interface EntryCounts extends Counts {
  entryId: string;
}

/**
 * A snapshot's counts as stored (see the 1763970000000 migration): four parallel PostgreSQL
 * arrays, here as their text form ('{…}': uuids and integers are never quoted), and their
 * length. Read with `::text`, written with a cast, and built or split in one place: the
 * import's worker turns 100.000 rows into these strings so the main thread only passes them on.
 */
export interface CountColumns {
  rows: number;
  entryIds: string;
  reactions: string;
  shares: string;
  comments: string;
}

const literal = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
const split = (text: string) => (text.length > 2 ? text.slice(1, -1).split(',') : []);

export function toColumns(counts: readonly EntryCounts[]): CountColumns {
  return {
    rows: counts.length,
    entryIds: literal(counts.map((c) => c.entryId)),
    reactions: literal(counts.map((c) => c.reactions)),
    shares: literal(counts.map((c) => c.shares)),
    comments: literal(counts.map((c) => c.comments)),
  };
}

export function fromColumns(columns: CountColumns): EntryCounts[] {
  const reactions = split(columns.reactions);
  const shares = split(columns.shares);
  const comments = split(columns.comments);
  return split(columns.entryIds).map((entryId, i) => ({
    entryId,
    reactions: Number(reactions[i]),
    shares: Number(shares[i]),
    comments: Number(comments[i]),
  }));
}
