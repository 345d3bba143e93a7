import type { InteractionResult } from '../engine';
import type { KeptPreview } from './import-previews';
import { hundredths } from './interaction-queries';
import type { SnapshotSource } from './interaction-snapshot.entity';
import type { EntryKey, MatchedRow, MatchResult, Reading, RowIssue } from './match-rows';

/** An uploaded file, on disk until the request ends. */
export interface ImportFile {
  path: string;
  originalName: string;
}

export interface Preview extends Omit<MatchResult, 'readings'> {
  /** Every row matched without error, in the file's order. */
  matched: MatchedRow[];
  warnings: RowIssue[];
  fileSha256: string;
  source: SnapshotSource;
  /** The reading whose points are shown: the file's time, or in a file of several readings the
   * one that would be official (the last at or before the cut-off, else the last). */
  takenAt: string;
  /** One snapshot per reading, oldest first (one for a file without a "Thời điểm" column). */
  readings: { takenAt: string; rows: number }[];
  canCommit: boolean;
  /** Interaction points each entry would get if this snapshot became the official one. */
  points: { entryId: string; teamNumber: number; raw: number; points: string; rank: number }[];
  /** Set when this exact file was already imported: its (latest) snapshot. */
  existingSnapshotId: string | null;
  /** Every snapshot this file made before, oldest first (empty when it is new). */
  existingSnapshotIds: string[];
  /** Commits this very file without sending it again (set when it can be committed). */
  previewToken: string | null;
  previewExpiresAt: string | null;
}

/** A file checked against the contest: the preview before its points are laid out for display. */
export interface Analysis extends Omit<
  Preview,
  'points' | 'matched' | 'readings' | keyof KeptPreview
> {
  readings: Reading[];
  computed: InteractionResult[];
  entries: EntryKey[];
}

/**
 * The preview as shown: the points per entry with its team number. Only built when a preview
 * is answered; a commit of a new file answers a summary and skips this per-entry work.
 */
export function toPreview(analysis: Analysis): Preview {
  const { computed, entries, readings, ...rest } = analysis;
  const teamNumbers = new Map(entries.map((e) => [e.entryId, e.teamNumber]));
  return {
    ...rest,
    matched: readings.flatMap((r) => r.rows).sort((a, b) => a.line - b.line),
    readings: readings.map((r) => ({ takenAt: r.takenAt, rows: r.rows.length })),
    previewToken: null,
    previewExpiresAt: null,
    points: computed.map((c) => ({
      entryId: c.entryId,
      teamNumber: teamNumbers.get(c.entryId) ?? 0,
      raw: c.raw,
      points: hundredths(c.points),
      rank: c.rank,
    })),
  };
}
