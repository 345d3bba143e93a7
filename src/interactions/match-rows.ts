import { groupBy } from '../common/group-by';
import { formatDateTimeVi } from '../formats';
import { parseCount, parseDateTime } from '../spreadsheets/cell-values';
import type { Cell } from '../spreadsheets/sheet-row';
import { columnLabel, CountField, mapHeader } from './count-columns';
import { COUNT_FIELDS, type Counts, type EntryCounts, MAX_COUNT } from './counts';
import { postIdentity } from '../entries/post-address';
import { isInFuture } from './reading-time';

export interface EntryKey {
  entryId: string;
  teamNumber: number;
  postUrl: string | null;
}
export interface MatchedRow extends EntryCounts {
  line: number;
  teamNumber: number;
  /** When the counts were read (ISO 8601, UTC): the row's "Thời điểm" or the one for the file. */
  takenAt: string;
}
export interface RowIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
}
/** The rows of one reading of the counts (one future snapshot), in the file's order. */
export interface Reading {
  takenAt: string;
  rows: MatchedRow[];
}
export type MatchResult = ReturnType<RowMatcher['finish']>;

/** The header is looked for among the first rows only (title rows and merged cells above it). */
const HEADER_SEARCH_ROWS = 15;

const HEADER_NOT_FOUND: RowIssue = {
  line: 1,
  column: null,
  code: 'HEADER_NOT_FOUND',
  message:
    'Không tìm thấy dòng tiêu đề (cần cột "Đội số" hoặc "Địa chỉ bài đăng" và cột "Lượt thích"/"Lượt chia sẻ").',
};

/**
 * Turns spreadsheet rows, handed over one at a time as they are parsed, into counts per entry:
 * finds the header row, matches each row to an entry by post address / post id or by team
 * number, and reports every problem with its line and column. Pure: no I/O.
 *
 * A file with a "Thời điểm" column holds several readings: each row carries its own time and
 * an entry may appear once per time. Without that column every row gets `takenAt` (the time
 * the organiser gave for the file); with neither, nothing is matched (the caller refuses).
 */
export class RowMatcher {
  private headerLine = 0;
  private rowsBeforeHeader = 0;
  private readonly unmatched: { line: number; value: string }[] = [];
  private readonly errors: RowIssue[] = [];
  /**
   * The readings being filled, by time (ms), with the line of each entry's row (to report
   * duplicates). The rows of a reading share its one ISO text (not one string per row).
   */
  private readonly slots = new Map<number, Reading & { lineOf: Map<string, number> }>();
  private readonly byTeam = new Map<number, EntryKey>();
  /** Entries by their post (`postIdentity`): more than one when entries share a post. */
  private byPost = new Map<string, EntryKey[]>();
  private column: Partial<Record<CountField, number>> = {};

  constructor(
    private readonly entries: readonly EntryKey[],
    private readonly takenAt: Date | null,
    /** The server's clock: a row dated more than 5 minutes after it is refused. */
    private readonly now: Date,
  ) {}

  push(line: number, cells: readonly Cell[]): void {
    if (this.headerLine === 0) {
      if (this.rowsBeforeHeader++ < HEADER_SEARCH_ROWS) this.readHeader(line, cells);
      return;
    }
    if (this.column.takenAt === undefined && !this.takenAt) return; // refused by the caller
    this.matchRow(line, cells);
  }

  finish() {
    const { headerLine, unmatched } = this;
    const readings: Reading[] = [...this.slots]
      .filter(([, slot]) => slot.rows.length > 0)
      .sort(([a], [b]) => a - b)
      .map(([, { takenAt, rows }]) => ({ takenAt, rows }));
    return {
      headerLine,
      /** The file has a "Thời điểm" column: each row says when its counts were read. */
      timeColumn: this.column.takenAt !== undefined,
      /** One per time, oldest first. */
      readings,
      unmatched,
      errors: headerLine === 0 ? [HEADER_NOT_FOUND] : this.errors,
    };
  }

  private readHeader(line: number, cells: readonly Cell[]) {
    const header = mapHeader(cells.map((c) => String(c ?? '')));
    if (!header) return;
    this.headerLine = line;
    this.column = Object.fromEntries(header);
    for (const entry of this.entries) this.byTeam.set(entry.teamNumber, entry);
    // post addresses are parsed only when the file identifies entries by post
    if (this.column.post === undefined) return;
    const posted = this.entries.filter((e) => e.postUrl);
    this.byPost = groupBy(posted, (e) => postIdentity(e.postUrl!));
  }

  private cell(cells: readonly Cell[], field: CountField): Cell {
    const at = this.column[field];
    return at === undefined ? null : (cells[at] ?? null);
  }

  private matchRow(line: number, cells: readonly Cell[]) {
    const post = this.cell(cells, 'post');
    const team = this.cell(cells, 'teamNumber');
    const found = this.findEntry(post, team);
    if (found.length > 1) {
      // recorded before two spellings of one post were refused: no team gets another's counts
      const teams = found.map((e) => e.teamNumber).join(', ');
      const problem = `bài đăng này được gán cho nhiều đội (${teams}); sửa địa chỉ bài đăng của các đội đó rồi nhập lại.`;
      this.error(line, 'post', 'POST_SHARED', problem);
      return;
    }
    const entry = found[0];
    if (!entry) {
      this.unmatched.push({ line, value: String(post ?? team ?? '').trim() });
      return;
    }
    const time = this.rowTime(line, cells);
    const reactions = this.count(line, cells, 'reactions');
    const shares = this.count(line, cells, 'shares');
    const comments = this.count(line, cells, 'comments');
    if (time === null) return; // a row without a readable time has its error already
    let slot = this.slots.get(time.getTime());
    if (!slot) {
      slot = { takenAt: time.toISOString(), rows: [], lineOf: new Map() };
      this.slots.set(time.getTime(), slot);
    }
    const firstLine = slot.lineOf.get(entry.entryId);
    if (firstLine !== undefined) {
      this.errors.push({
        line,
        column: null,
        code: 'DUPLICATE_ROW',
        message: `Dòng ${line} trùng sản phẩm của đội số ${entry.teamNumber} với dòng ${firstLine}${this.column.takenAt === undefined ? '' : ' (cùng thời điểm)'}.`,
      });
      return;
    }
    slot.lineOf.set(entry.entryId, line);
    if (reactions === null || shares === null || comments === null) return; // reported
    const { entryId, teamNumber } = entry;
    const { takenAt } = slot;
    slot.rows.push({ line, entryId, teamNumber, takenAt, reactions, shares, comments });
  }

  /** When the row's counts were read: its "Thời điểm" cell, or the file's time. Null after an error. */
  private rowTime(line: number, cells: readonly Cell[]): Date | null {
    if (this.column.takenAt === undefined) return this.takenAt;
    const raw = this.cell(cells, 'takenAt');
    const time = parseDateTime(raw);
    if (time === null) {
      const blank = raw === null || String(raw).trim() === '';
      this.error(
        line,
        'takenAt',
        'TAKEN_AT_INVALID',
        blank
          ? 'thiếu thời điểm lấy số liệu.'
          : `"${String(raw)}" không phải ngày giờ (dd/mm/yyyy hh:mm).`,
      );
      return null;
    }
    if (isInFuture(time, this.now)) {
      const now = formatDateTimeVi(this.now);
      this.error(
        line,
        'takenAt',
        'TAKEN_AT_IN_FUTURE',
        `${formatDateTimeVi(time)} ở trong tương lai (giờ máy chủ: ${now}).`,
      );
      return null;
    }
    return time;
  }

  /** The count in a column; a missing column or a blank comment means "not counted" (0). Null after reporting an error. */
  private count(line: number, cells: readonly Cell[], field: keyof Counts): number | null {
    const raw = this.cell(cells, field);
    const blank = raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (blank && (field === 'comments' || this.column[field] === undefined)) return 0;
    const value = parseCount(raw);
    if (value === null) {
      if (blank) this.error(line, field, 'COUNT_MISSING', 'thiếu số lượt.');
      else
        this.error(line, field, 'COUNT_INVALID', `"${String(raw)}" không phải số nguyên không âm.`);
      return null;
    }
    if (value > MAX_COUNT) {
      // the form refuses the same (DTO @Max); the column is a 32-bit integer
      this.error(
        line,
        field,
        'COUNT_TOO_LARGE',
        `${String(raw)} lớn hơn mức cho phép (1.000.000.000).`,
      );
      return null;
    }
    return value;
  }

  /** An error in a cell: its message says where ("Dòng 12, cột "Lượt thích": …"). */
  private error(line: number, field: CountField, code: string, problem: string) {
    const column = columnLabel(field);
    this.errors.push({ line, column, code, message: `Dòng ${line}, cột "${column}": ${problem}` });
  }

  /** The entries a row names: by its post (address or id) or by its team number. */
  private findEntry(post: Cell, team: Cell): readonly EntryKey[] {
    if (post !== null && String(post).trim() !== '')
      return this.byPost.get(postIdentity(String(post))) ?? [];
    if (team === null || String(team).trim() === '') return [];
    // "5", 5, "Đội 5", "đội số 5", "Team 5"
    const number = Number(
      String(team)
        .replace(/^(đội|doi|team)\s*(số|so)?\s*/i, '')
        .trim(),
    );
    const entry = this.byTeam.get(number);
    return entry ? [entry] : [];
  }
}

/** A warning for each count lower than in the reading before (information, not an error). */
export function decreasedCounts(reading: Reading, previous: Map<string, Counts>): RowIssue[] {
  const warnings: RowIssue[] = [];
  for (const row of reading.rows) {
    const before = previous.get(row.entryId);
    if (!before) continue; // no row for this entry before
    for (const field of COUNT_FIELDS)
      if (row[field] < before[field])
        warnings.push({
          line: row.line,
          column: columnLabel(field),
          code: 'COUNT_DECREASED',
          message: `Dòng ${row.line}: ${columnLabel(field)} giảm từ ${before[field]} xuống ${row[field]} so với lần nhập trước.`,
        });
  }
  return warnings;
}
