/** An entry's interaction counts. */
export interface Counts {
  reactions: number;
  shares: number;
  comments: number;
}

export interface EntryCounts extends Counts {
  entryId: string;
}

export const COUNT_FIELDS = ['reactions', 'shares', 'comments'] as const;
export const NO_COUNTS: Counts = { reactions: 0, shares: 0, comments: 0 };

/** The largest count accepted (a Facebook post will not get a billion interactions). */
export const MAX_COUNT = 1_000_000_000;

/** The counts by entry id (the rows themselves, whose counts are read). */
export const byEntry = (rows: readonly EntryCounts[]) =>
  new Map<string, Counts>(rows.map((row) => [row.entryId, row]));

/** Active exclusions of each entry added up (an entry may have several, each with a reason). */
export function sumExclusions(rows: readonly EntryCounts[]): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const sum = out.get(r.entryId) ?? NO_COUNTS;
    out.set(r.entryId, {
      reactions: sum.reactions + r.reactions,
      shares: sum.shares + r.shares,
      comments: sum.comments + r.comments,
    });
  }
  return out;
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
