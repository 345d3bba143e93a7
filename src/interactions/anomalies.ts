import { COUNT_FIELDS, type Counts } from './counts';

export interface SnapshotCounts {
  snapshotId: string;
  takenAt: Date;
  counts: Map<string, Counts>;
}

export const ANOMALY_KINDS = ['burst', 'round_number', 'drop'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface AnomalyFlag {
  entryId: string;
  snapshotId: string;
  kind: AnomalyKind;
  message: string;
}

/**
 * A burst is a gain of `burstThreshold` interactions within `burstWindowHours`; counts at or
 * above `roundAbove` that are multiples of 100 look made up.
 */
export const DEFAULT_ANOMALY_OPTIONS = {
  burstThreshold: 300,
  burstWindowHours: 24,
  roundAbove: 1000,
};
export type AnomalyOptions = typeof DEFAULT_ANOMALY_OPTIONS;

const total = (c: Counts) => c.reactions + c.shares + c.comments;
const FIELDS = { reactions: 'lượt thích', shares: 'lượt chia sẻ', comments: 'bình luận' } as const;

/**
 * Flags what organisers should look at between dated snapshots (oldest first): a burst of
 * interactions within the window, suspiciously round counts, and counts that went down.
 * Flags are information for a person; only an exclusion with a reason changes the score.
 */
export function findAnomalies(
  snapshots: SnapshotCounts[],
  options: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS,
): AnomalyFlag[] {
  const flags: AnomalyFlag[] = [];
  const ordered = [...snapshots].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const windowMs = options.burstWindowHours * 3600_000;
  ordered.forEach(({ snapshotId, takenAt, counts: countsOf }, index) => {
    for (const [entryId, counts] of countsOf) {
      const flag = (kind: AnomalyKind, message: string) =>
        flags.push({ entryId, snapshotId, kind, message });
      for (const field of COUNT_FIELDS) {
        const value = counts[field];
        if (value >= options.roundAbove && value % 100 === 0)
          flag(
            'round_number',
            `Số ${FIELDS[field]} tròn bất thường: ${value.toLocaleString('vi-VN')}.`,
          );
      }
      // a drop against the snapshot just before; a burst against any earlier one in the window
      const last = ordered[index - 1]?.counts.get(entryId);
      for (const field of COUNT_FIELDS)
        if (last && counts[field] < last[field])
          flag('drop', `Số ${FIELDS[field]} giảm từ ${last[field]} xuống ${counts[field]}.`);
      for (let j = index - 1; j >= 0; j--) {
        const before = ordered[j]!.counts.get(entryId);
        if (!before) continue;
        const elapsed = takenAt.getTime() - ordered[j]!.takenAt.getTime();
        if (elapsed > windowMs) break;
        const gained = total(counts) - total(before);
        if (gained >= options.burstThreshold) {
          const hours = Math.round((elapsed / 3600_000) * 10) / 10;
          flag(
            'burst',
            `Tăng ${gained} lượt tương tác trong ${hours.toLocaleString('vi-VN')} giờ.`,
          );
          break;
        }
      }
    }
  });
  return flags;
}
