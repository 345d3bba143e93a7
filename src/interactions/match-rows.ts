import { CountField, isDigits, mapHeader, MAX_COUNT, parseCount } from './count-columns';
import { CountsByEntry, Reading } from './reading';
import { parseTakenAt } from './taken-at';

export type Cell = string | number | null;
export interface SheetRow {
  line: number;
  cells: Cell[];
}
export interface EntryKey {
  entryId: string;
  teamNumber: number;
  postUrl: string | null;
}
export interface Counts {
  reactions: number;
  shares: number;
  comments: number;
}
export interface MatchedRow extends Counts {
  line: number;
  entryId: string;
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
export interface MatchResult {
  headerLine: number;
  /** The file has a "Thời điểm" column: each row says when its counts were read. */
  timeColumn: boolean;
  /** One per time, oldest first; rows point into the entries the file was matched against. */
  readings: Reading[];
  /** Rows matched without error, over all readings. */
  matchedRows: number;
  unmatched: { line: number; value: string }[];
  errors: RowIssue[];
}

const COUNT_FIELDS = ['reactions', 'shares', 'comments'] as const;
type CountName = (typeof COUNT_FIELDS)[number];

const COLUMN_LABEL: Record<CountField, string> = {
  teamNumber: 'Đội số',
  post: 'Địa chỉ bài đăng',
  reactions: 'Lượt thích',
  shares: 'Lượt chia sẻ',
  comments: 'Bình luận',
  takenAt: 'Thời điểm',
};

/** The header is looked for among the first rows only (title rows and merged cells above it). */
const HEADER_SEARCH_ROWS = 15;

/** A reading being filled, with the line of each entry's row in it (to report duplicates). */
interface Slot {
  reading: Reading;
  lineOf: Map<number, number>;
}

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
  private readonly unmatched: MatchResult['unmatched'] = [];
  private readonly errors: RowIssue[] = [];
  private matchedRows = 0;
  private readonly slots = new Map<string, Slot>();
  /** The slot of each "Thời điểm" text seen (null: not a time): each text is parsed once. */
  private readonly slotOfCell = new Map<Cell, Slot | null>();
  private fileSlot: Slot | null = null;
  private byTeam = new Map<number, number>();
  private byPost = new Map<string, number>();
  private byPostId = new Map<string, number>();
  // Column positions, once the header is found; -1 for a column the file does not have.
  private postColumn = -1;
  private teamColumn = -1;
  private timeColumn = -1;
  private countColumns: number[] = [];

  constructor(
    private readonly entries: readonly EntryKey[],
    private readonly takenAt: Date | null,
  ) {}

  push(line: number, cells: readonly Cell[]): void {
    if (this.headerLine === 0) {
      if (this.rowsBeforeHeader++ < HEADER_SEARCH_ROWS) this.readHeader(line, cells);
      return;
    }
    if (this.timeColumn === -1 && !this.fileSlot) return; // no time at all: refused by the caller
    this.matchRow(line, cells);
  }

  finish(): MatchResult {
    if (this.headerLine === 0)
      return {
        headerLine: 0,
        timeColumn: false,
        readings: [],
        matchedRows: 0,
        unmatched: [],
        errors: [
          {
            line: 1,
            column: null,
            code: 'HEADER_NOT_FOUND',
            message:
              'Không tìm thấy dòng tiêu đề (cần cột "Đội số" hoặc "Địa chỉ bài đăng" và cột "Lượt thích"/"Lượt chia sẻ").',
          },
        ],
      };
    // ISO 8601 in UTC with the same precision sorts as text in time order
    const readings = [...this.slots.values()]
      .map((slot) => slot.reading)
      .filter((reading) => reading.size > 0)
      .sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0));
    return {
      headerLine: this.headerLine,
      timeColumn: this.timeColumn !== -1,
      readings,
      matchedRows: this.matchedRows,
      unmatched: this.unmatched,
      errors: this.errors,
    };
  }

  private readHeader(line: number, cells: readonly Cell[]) {
    const header = mapHeader(cells.map((c) => String(c ?? '')));
    if (!header) return;
    this.headerLine = line;
    this.postColumn = header.get('post') ?? -1;
    this.teamColumn = header.get('teamNumber') ?? -1;
    this.timeColumn = header.get('takenAt') ?? -1;
    this.countColumns = COUNT_FIELDS.map((field) => header.get(field) ?? -1);
    this.entries.forEach((entry, index) => this.byTeam.set(entry.teamNumber, index));
    // Post addresses are parsed only when the file identifies entries by post.
    if (this.postColumn !== -1)
      this.entries.forEach((entry, index) => {
        if (!entry.postUrl) return;
        this.byPost.set(normalizePostUrl(entry.postUrl), index);
        const id = postIdOf(entry.postUrl);
        if (id) this.byPostId.set(id, index);
      });
    if (this.timeColumn === -1 && this.takenAt)
      this.fileSlot = this.slot(this.takenAt.toISOString());
  }

  private slot(takenAt: string): Slot {
    let slot = this.slots.get(takenAt);
    if (!slot)
      this.slots.set(takenAt, (slot = { reading: new Reading(takenAt), lineOf: new Map() }));
    return slot;
  }

  /**
   * One data row. This runs for every row of files of 100.000 rows, so on the usual path it
   * allocates nothing: the counts go straight into the reading's columns.
   */
  private matchRow(line: number, cells: readonly Cell[]) {
    const post = this.postColumn === -1 ? null : (cells[this.postColumn] ?? null);
    const team = this.teamColumn === -1 ? null : (cells[this.teamColumn] ?? null);
    const entry = this.findEntry(post, team);
    if (entry === -1) {
      this.unmatched.push({ line, value: String(post ?? team ?? '').trim() });
      return;
    }
    let slot = this.fileSlot;
    if (this.timeColumn !== -1) {
      const raw = cells[this.timeColumn] ?? null;
      slot = this.slotOfCell.get(raw) ?? null;
      if (slot === null && !this.slotOfCell.has(raw)) {
        const time = parseTakenAt(raw)?.toISOString();
        slot = time === undefined ? null : this.slot(time);
        this.slotOfCell.set(raw, slot);
      }
      if (slot === null)
        this.error(
          line,
          'takenAt',
          'TAKEN_AT_INVALID',
          raw === null || String(raw).trim() === ''
            ? `Dòng ${line}, cột "Thời điểm": thiếu thời điểm lấy số liệu.`
            : `Dòng ${line}, cột "Thời điểm": "${String(raw)}" không phải ngày giờ (dd/mm/yyyy hh:mm).`,
        );
    }
    const reactions = this.count(line, cells, 0);
    const shares = this.count(line, cells, 1);
    const comments = this.count(line, cells, 2);
    if (slot === null) return; // a row without a readable time has its error already
    const firstLine = slot.lineOf.get(entry);
    if (firstLine !== undefined) {
      this.errors.push({
        line,
        column: null,
        code: 'DUPLICATE_ROW',
        message: `Dòng ${line} trùng sản phẩm của đội số ${this.entries[entry]!.teamNumber} với dòng ${firstLine}${this.timeColumn === -1 ? '' : ' (cùng thời điểm)'}.`,
      });
      return;
    }
    slot.lineOf.set(entry, line);
    if ((reactions | shares | comments) < 0) return; // an error is reported for it
    slot.reading.add(entry, line, reactions, shares, comments);
    this.matchedRows++;
  }

  /** The count in a column; a missing column or a blank comment means "not counted" (0). -1 after reporting an error. */
  private count(line: number, cells: readonly Cell[], f: number): number {
    const field: CountName = COUNT_FIELDS[f]!;
    const column = this.countColumns[f]!;
    const raw = column === -1 ? null : (cells[column] ?? null);
    const blank = raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (blank && (field === 'comments' || column === -1)) return 0;
    const value = parseCount(raw);
    if (value === null) {
      this.error(
        line,
        field,
        blank ? 'COUNT_MISSING' : 'COUNT_INVALID',
        blank
          ? `Dòng ${line}, cột "${COLUMN_LABEL[field]}": thiếu số lượt.`
          : `Dòng ${line}, cột "${COLUMN_LABEL[field]}": "${String(raw)}" không phải số nguyên không âm.`,
      );
      return -1;
    }
    if (value > MAX_COUNT) {
      // the form refuses the same (DTO @Max); the column is a 32-bit integer
      this.error(
        line,
        field,
        'COUNT_TOO_LARGE',
        `Dòng ${line}, cột "${COLUMN_LABEL[field]}": ${String(raw)} lớn hơn mức cho phép (1.000.000.000).`,
      );
      return -1;
    }
    return value;
  }

  private error(line: number, field: CountField, code: string, message: string) {
    this.errors.push({ line, column: COLUMN_LABEL[field], code, message });
  }

  /** The index of the row's entry, or -1. */
  private findEntry(post: Cell, team: Cell): number {
    if (post !== null && String(post).trim() !== '') {
      const text = String(post).trim();
      if (/^[\d_]+$/.test(text)) return this.byPostId.get(text.split('_').pop()!) ?? -1;
      return (
        this.byPost.get(normalizePostUrl(text)) ?? this.byPostId.get(postIdOf(text) ?? '') ?? -1
      );
    }
    if (typeof team === 'number') return this.byTeam.get(team) ?? -1; // what String → Number gives back
    // Plain digits (the usual cell) need no clean-up; the slow path gives the same number for them.
    if (typeof team === 'string' && isDigits(team)) return this.byTeam.get(Number(team)) ?? -1;
    if (team !== null && String(team).trim() !== '') {
      const number = Number(
        String(team)
          .replace(/^(đội|doi|team)\s*(số|so)?\s*/i, '')
          .trim(),
      );
      return this.byTeam.get(number) ?? -1;
    }
    return -1;
  }
}

/** The matched rows as objects, in the file's order (for a preview; a commit never needs them). */
export function matchedRowsOf(
  readings: readonly Reading[],
  entries: readonly EntryKey[],
): MatchedRow[] {
  const rows: MatchedRow[] = [];
  for (const reading of readings)
    for (let i = 0; i < reading.size; i++) {
      const entry = entries[reading.entry[i]!]!;
      rows.push({
        line: reading.line[i]!,
        entryId: entry.entryId,
        teamNumber: entry.teamNumber,
        takenAt: reading.takenAt,
        reactions: reading.reactions[i]!,
        shares: reading.shares[i]!,
        comments: reading.comments[i]!,
      });
    }
  return rows.sort((a, b) => a.line - b.line);
}

/** A warning for each count lower than in the reading before (information, not an error). */
export function decreasedCounts(reading: Reading, previous: CountsByEntry): RowIssue[] {
  const warnings: RowIssue[] = [];
  const warn = (i: number, field: CountName, before: number, now: number) => {
    const line = reading.line[i]!;
    warnings.push({
      line,
      column: COLUMN_LABEL[field],
      code: 'COUNT_DECREASED',
      message: `Dòng ${line}: ${COLUMN_LABEL[field]} giảm từ ${before} xuống ${now} so với lần nhập trước.`,
    });
  };
  // The three counts are compared by name rather than in a loop over field names: this runs
  // for every row of every reading, and a property looked up by a variable name was most of
  // its time.
  for (let i = 0; i < reading.size; i++) {
    const e = reading.entry[i]!;
    const reactions = previous.reactions[e]!;
    if (reactions < 0) continue; // no row for this entry before
    if (reading.reactions[i]! < reactions) warn(i, 'reactions', reactions, reading.reactions[i]!);
    const shares = previous.shares[e]!;
    if (reading.shares[i]! < shares) warn(i, 'shares', shares, reading.shares[i]!);
    const comments = previous.comments[e]!;
    if (reading.comments[i]! < comments) warn(i, 'comments', comments, reading.comments[i]!);
  }
  return warnings;
}

/** "https://m.facebook.com/page/posts/123/?ref=x" and "facebook.com/page/posts/123" are the same post. */
export function normalizePostUrl(url: string): string {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const keep = ['story_fbid', 'id', 'fbid', 'v']
      .filter((k) => u.searchParams.has(k))
      .map((k) => `${k}=${u.searchParams.get(k)}`);
    return `${u.hostname.replace(/^(www|m|web|mbasic)\./, '')}${u.pathname.replace(/\/+$/, '')}${keep.length ? `?${keep.join('&')}` : ''}`.toLowerCase();
  } catch {
    return url.trim().toLowerCase();
  }
}

/** The numeric post id inside a post address, when there is one. */
export function postIdOf(url: string): string | null {
  try {
    const u = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const fromQuery =
      u.searchParams.get('story_fbid') ?? u.searchParams.get('fbid') ?? u.searchParams.get('v');
    if (fromQuery && /^\d+$/.test(fromQuery)) return fromQuery;
    const match = /\/(?:posts|videos|reel|permalink)\/(\d+)/.exec(u.pathname);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}
