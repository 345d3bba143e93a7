import type { Counts } from './match-rows';

/** Active exclusions of each entry added up (an entry may have several, each with a reason). */
export function sumExclusions(
  rows: readonly ({ entryId: string } & Counts)[],
): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const sum = out.get(r.entryId) ?? { reactions: 0, shares: 0, comments: 0 };
    out.set(r.entryId, {
      reactions: sum.reactions + r.reactions,
      shares: sum.shares + r.shares,
      comments: sum.comments + r.comments,
    });
  }
  return out;
}
