import type { SnapshotSource } from './interaction-snapshot.entity';
import type { MatchedRow, MatchResult, RowIssue } from './match-rows';

/** An uploaded file, on disk until the request ends. */
export interface ImportFile {
  path: string;
  originalName: string;
}

/**
 * At most this many items in each list of a preview (rows, errors, warnings, unmatched rows,
 * points): a contest's whole file fits (a few hundred entries), and a 100.000-row file answers
 * a summary (`totals`) with its first problems instead of megabytes of JSON.
 */
export const PREVIEW_LIST_LIMIT = 500;

/** What a file says, read and checked in the import worker (file-analysis.ts). */
export interface FileReport extends Omit<MatchResult, 'readings'> {
  /** The rows that would be written, in the file's order: all of them when they fit in the
   * list, otherwise the first ones of the reading whose points are shown. */
  matched: MatchedRow[];
  warnings: RowIssue[];
  /** How many of each there are in the whole file (the lists stop at PREVIEW_LIST_LIMIT). */
  totals: { matched: number; unmatched: number; errors: number; warnings: number; points: number };
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
}

export interface Preview extends FileReport {
  /** Set when this exact file was already imported: its (latest) snapshot. */
  existingSnapshotId: string | null;
  /** Every snapshot this file made before, oldest first (empty when it is new). */
  existingSnapshotIds: string[];
  /** Commits this very file without sending it again (set when it can be committed). */
  previewToken: string | null;
  previewExpiresAt: string | null;
}
