/** The snapshot that feeds the score: the last one taken at or before the cut-off (or the last one). */
export function officialSnapshot<T extends { takenAt: Date }>(
  snapshots: T[],
  cutoff: string | null,
): T | null {
  const limit = cutoff ? new Date(cutoff).getTime() : Infinity;
  const eligible = snapshots.filter((s) => s.takenAt.getTime() <= limit);
  return eligible.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime()).at(-1) ?? null;
}
