import { DomainError } from '../common/domain-error';
import type { ThreadError } from '../common/thread-errors';
import {
  computeInteractionPoints,
  type ContestRules,
  hundredthsToString,
  type InteractionResult,
} from '../engine';
import { readSpreadsheetHere } from '../spreadsheets/read-spreadsheet';
import { byEntry, type CountColumns, type Counts, fromColumns, toColumns } from './counts';
import { decreasedCounts, type EntryKey, type MatchResult, RowMatcher } from './match-rows';
import { officialSnapshot, readingTime } from './reading-time';
import type { NewSnapshot } from './snapshot-counts';

/**
 * The import's work on a file, done in a worker thread (analysis-worker.ts) so that none of it
 * runs on the thread that serves requests: read the spreadsheet and match its rows to the
 * entries (`readFile`); then, given the stored snapshot each reading is compared with (which
 * only the main thread can ask the database for, once it knows the readings' times), compare,
 * score every reading with the engine, and lay out the preview and the snapshots to store
 * (`scoreFile`).
 */

/**
 * At most this many items in each list of a preview (rows, errors, warnings, unmatched rows,
 * points): a contest's whole file fits (a few hundred entries), and a 100.000-row file answers
 * a summary (`totals`) with its first problems instead of megabytes of JSON.
 */
export const PREVIEW_LIST_LIMIT = 500;

/** What the worker starts with: the file and everything it is checked against. */
export interface AnalysisStart {
  path: string;
  fileName: string;
  entries: EntryKey[];
  /** The time sent with the file (ISO 8601), or null when its rows carry their own. */
  takenAt: string | null;
  now: Date;
  rules: ContestRules['interaction'];
  cutoff: string | null;
  /** The active exclusions, added up per entry. */
  exclusions: [string, Counts][];
  /** Also lay out each reading as the snapshot to store. */
  commit: boolean;
}

/** The worker's messages, in order (the main thread answers the first); or a failure. */
export type AnalysisMessage =
  { readingTimes: string[] } | { scored: ScoredFile } | { failed: ThreadError };

export type ReadFile = Awaited<ReturnType<typeof readFile>>;
export type ScoredFile = ReturnType<typeof scoreFile>;
/** What a file says, read and checked: the preview's answer, without what the database adds. */
export type FileReport = ScoredFile['report'];

export async function readFile(start: AnalysisStart) {
  const takenAt = start.takenAt ? readingTime(start.takenAt) : null;
  const matcher = new RowMatcher(start.entries, takenAt, start.now);
  // An insights export says "post id" or "permalink" in its header or in every row's post
  // address: the first rows tell (a file of several readings has 100.000 rows of times).
  let rowsSeen = 0;
  let insights = false;
  const sheet = await readSpreadsheetHere(start.path, (line, cells) => {
    if (rowsSeen++ < 50 && !insights)
      insights = cells.some((c) => typeof c === 'string' && /permalink|post id/i.test(c));
    matcher.push(line, cells);
  });
  const result = matcher.finish();
  assertOneTimeSource(result, start.takenAt);
  const source = `${insights ? 'insights' : 'template'}_${sheet.format}` as const;
  return { ...result, fileSha256: sheet.sha256, source };
}

/**
 * `stored[i]`: the stored snapshot reading i is compared with, when one was taken after the
 * file's reading before it (otherwise that reading is, and the first one with nothing).
 */
export function scoreFile(file: ReadFile, start: AnalysisStart, stored: (CountColumns | null)[]) {
  const { readings, unmatched, errors } = file;
  const previous = (i: number) => {
    const columns = stored[i];
    if (columns) return byEntry(fromColumns(columns));
    return i > 0 ? byEntry(readings[i - 1]!.rows) : new Map<string, Counts>();
  };
  const warnings = readings
    .flatMap((reading, i) => decreasedCounts(reading, previous(i)))
    .sort(byLine);
  // Every reading is scored even when only committing: the engine also checks the counts
  // (too large, less than what was excluded), and a file it refuses must not be stored.
  // The points shown are those of the reading that would be official.
  const exclusions = new Map(start.exclusions);
  const shown =
    officialSnapshot(
      readings.map((reading) => ({ reading, takenAt: new Date(reading.takenAt) })),
      start.cutoff,
    )?.reading ?? readings.at(-1);
  let computed: InteractionResult[] = [];
  for (const reading of readings) {
    const scored = computeInteractionPoints(
      start.rules,
      reading.rows.map(({ entryId, reactions, shares, comments }) => {
        return { entryId, reactions, shares, comments, excluded: exclusions.get(entryId) };
      }),
    );
    if (reading === shown) computed = scored;
  }
  const matched = readings.reduce((sum, r) => sum + r.rows.length, 0);
  const teamNumbers = new Map(start.entries.map((e) => [e.entryId, e.teamNumber]));
  const first = <T>(list: readonly T[]) => list.slice(0, PREVIEW_LIST_LIMIT);
  return {
    report: {
      headerLine: file.headerLine,
      timeColumn: file.timeColumn,
      // all the rows when they fit in the list, otherwise the first of the reading shown
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
      fileSha256: file.fileSha256,
      source: file.source,
      takenAt: shown?.takenAt ?? start.takenAt ?? '',
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
    snapshots: start.commit
      ? readings.map((reading): NewSnapshot => ({
          takenAt: new Date(reading.takenAt),
          source: file.source,
          fileSha256: file.fileSha256,
          fileName: start.fileName,
          counts: toColumns(reading.rows),
        }))
      : [],
  };
}

const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;

/** The time of the readings comes from the file's "Thời điểm" column or from the form, once. */
function assertOneTimeSource(file: MatchResult, takenAt: string | null) {
  if (!file.headerLine) return; // no header: the file's own error says so
  if (file.timeColumn && takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_TWICE',
      'Tệp đã có cột "Thời điểm" cho từng dòng; để trống ô thời điểm lấy số liệu.',
      'takenAt',
    );
  if (!file.timeColumn && !takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_REQUIRED',
      'Cần nhập thời điểm lấy số liệu (hoặc thêm cột "Thời điểm" vào tệp).',
      'takenAt',
    );
}
