import type { ThreadError } from '../common/thread-errors';
import {
  computeInteractionPoints,
  type ContestRules,
  hundredthsToString,
  type InteractionResult,
} from '../engine';
import { readSpreadsheetHere } from '../spreadsheets/read-spreadsheet';
import { type CountColumns, fromColumns, toColumns } from './count-columns-text';
import type { SnapshotSource } from './interaction-snapshot.entity';
import {
  type Counts,
  decreasedCounts,
  type EntryKey,
  type MatchedRow,
  type MatchResult,
  type RowIssue,
  RowMatcher,
} from './match-rows';
import { officialSnapshot } from './reading-time';

/**
 * The import's work on a file, done in a worker thread (analysis-worker.ts) so that no slice of
 * it runs on the main thread: read the spreadsheet, match its rows to the entries, compare each
 * reading with the one before, score every reading with the engine, lay out the preview and
 * the columns to store. The main thread only asks the database in between (`FileAnalysis.read`
 * says which readings there are; `score` gets what was stored before them).
 */

/**
 * At most this many items in each list of a preview (rows, errors, warnings, unmatched rows,
 * points): a contest's whole file fits (a few hundred entries), and a 100.000-row file answers
 * a summary (`totals`) with its first problems instead of megabytes of JSON.
 */
export const PREVIEW_LIST_LIMIT = 500;

/** What a file says, read and checked. */
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

/** What the worker starts with. */
export interface AnalysisStart {
  path: string;
  /** The published entries as JSON (EntryKey[]): one string to hand over, not 10.000 objects. */
  entries: string;
  /** The time sent with the file (ISO 8601), or null when its rows carry their own. */
  takenAt: string | null;
  now: Date;
}

/** The file as read and matched: what the main thread needs to ask the database. */
export interface FileRead {
  headerLine: number;
  timeColumn: boolean;
  /** Each reading's time, oldest first. */
  readingTimes: string[];
  fileSha256: string;
}

/** What a reading is compared with: the file's reading at that index, or a stored snapshot. */
export type PreviousReading = { reading: number } | { stored: CountColumns } | null;

export interface ScoreInput {
  rules: ContestRules['interaction'];
  cutoff: string | null;
  exclusions: [string, Counts][];
  /** One per reading. */
  previous: PreviousReading[];
  /** Also lay out each reading's counts as the columns to store. */
  commit: boolean;
}

export interface ScoredFile {
  report: FileReport;
  /** One per reading, oldest first, when committing. */
  columns: { takenAt: string; counts: CountColumns }[];
}

/** The messages of analysis-worker.ts, in order: `read`, then `scored`, or `failed`. */
export type AnalysisMessage = { read: FileRead } | { scored: ScoredFile } | { failed: ThreadError };

export class FileAnalysis {
  private constructor(
    private readonly result: MatchResult,
    private readonly entries: readonly EntryKey[],
    private readonly sheet: { fileSha256: string; source: SnapshotSource },
    private readonly takenAt: string | null,
  ) {}

  static async read(start: AnalysisStart): Promise<FileAnalysis> {
    const entries = JSON.parse(start.entries) as EntryKey[];
    const takenAt = start.takenAt ? new Date(start.takenAt) : null;
    const matcher = new RowMatcher(entries, takenAt, start.now);
    // An insights export says "post id" or "permalink" in its header or in every row's post
    // address: the first rows tell (a file of several readings has 100.000 rows of times).
    let rowsSeen = 0;
    let insights = false;
    const sheet = await readSpreadsheetHere(start.path, (line, cells) => {
      if (rowsSeen++ < 50 && !insights)
        insights = cells.some((c) => typeof c === 'string' && /permalink|post id/i.test(c));
      matcher.push(line, cells);
    });
    const source = `${insights ? 'insights' : 'template'}_${sheet.format}` as const;
    return new FileAnalysis(
      matcher.finish(),
      entries,
      { fileSha256: sheet.sha256, source },
      start.takenAt,
    );
  }

  summary(): FileRead {
    const { headerLine, timeColumn, readings } = this.result;
    const readingTimes = readings.map((r) => r.takenAt);
    return { headerLine, timeColumn, readingTimes, fileSha256: this.sheet.fileSha256 };
  }

  score(input: ScoreInput): ScoredFile {
    const { readings, unmatched, errors } = this.result;
    const byEntry = (rows: readonly (Counts & { entryId: string })[]) =>
      new Map(rows.map((r) => [r.entryId, r]));
    const previousOf = (p: PreviousReading | undefined): Map<string, Counts> =>
      !p ? new Map() : byEntry('reading' in p ? readings[p.reading]!.rows : fromColumns(p.stored));
    const warnings = readings
      .flatMap((reading, i) => decreasedCounts(reading, previousOf(input.previous[i])))
      .sort(byLine);
    // Every reading is scored even when only committing: the engine also checks the counts
    // (too large, less than what was excluded), and a file it refuses must not be stored.
    // The points shown are those of the reading that would be official.
    const exclusions = new Map(input.exclusions);
    const shown =
      officialSnapshot(
        readings.map((reading) => ({ reading, takenAt: new Date(reading.takenAt) })),
        input.cutoff,
      )?.reading ?? readings.at(-1);
    let computed: InteractionResult[] = [];
    for (const reading of readings) {
      const scored = computeInteractionPoints(
        input.rules,
        reading.rows.map(({ entryId, reactions, shares, comments }) => {
          return { entryId, reactions, shares, comments, excluded: exclusions.get(entryId) };
        }),
      );
      if (reading === shown) computed = scored;
    }
    const matched = readings.reduce((sum, r) => sum + r.rows.length, 0);
    const teamNumbers = new Map(this.entries.map((e) => [e.entryId, e.teamNumber]));
    const first = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
    return {
      report: {
        headerLine: this.result.headerLine,
        timeColumn: this.result.timeColumn,
        matched:
          matched <= PREVIEW_LIST_LIMIT
            ? readings.flatMap((r) => r.rows).sort(byLine)
            : first(shown?.rows ?? []),
        unmatched: first(unmatched),
        errors: first(errors),
        warnings: first(warnings),
        totals: {
          matched,
          unmatched: unmatched.length,
          errors: errors.length,
          warnings: warnings.length,
          points: computed.length,
        },
        ...this.sheet,
        takenAt: shown?.takenAt ?? this.takenAt ?? '',
        readings: readings.map((r) => ({ takenAt: r.takenAt, rows: r.rows.length })),
        canCommit: errors.length === 0 && matched > 0,
        points: first(computed).map((c) => ({
          entryId: c.entryId,
          teamNumber: teamNumbers.get(c.entryId) ?? 0,
          raw: c.raw,
          points: hundredthsToString(c.points),
          rank: c.rank,
        })),
      },
      columns: input.commit
        ? readings.map((r) => ({ takenAt: r.takenAt, counts: toColumns(r.rows) }))
        : [],
    };
  }
}

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
