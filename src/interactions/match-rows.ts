import { CountField, isDigits, mapHeader, MAX_COUNT, parseCount } from './count-columns';
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
  matched: MatchedRow[];
  unmatched: { line: number; value: string }[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

const COUNT_FIELDS = ['reactions', 'shares', 'comments'] as const;

const COLUMN_LABEL: Record<CountField, string> = {
  teamNumber: 'Đội số',
  post: 'Địa chỉ bài đăng',
  reactions: 'Lượt thích',
  shares: 'Lượt chia sẻ',
  comments: 'Bình luận',
  takenAt: 'Thời điểm',
};

/**
 * Turns spreadsheet rows into counts per entry: finds the header row (title rows and merged
 * cells above it are skipped), matches each row to an entry by post address / post id or by
 * team number, and reports every problem with its line and column. Pure: no I/O.
 *
 * A file with a "Thời điểm" column holds several readings: each row carries its own time and
 * an entry may appear once per time. Without that column every row gets `takenAt` (the time
 * the organiser gave for the file); with neither, nothing is matched (the caller refuses).
 */
export function matchRows(
  rows: SheetRow[],
  entries: EntryKey[],
  takenAt: Date | null,
): MatchResult {
  const headerIndex = rows
    .slice(0, 15)
    .findIndex((r) => mapHeader(r.cells.map((c) => String(c ?? ''))) !== null);
  if (headerIndex === -1) {
    return {
      headerLine: 0,
      timeColumn: false,
      matched: [],
      unmatched: [],
      warnings: [],
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
  }
  const header = mapHeader(rows[headerIndex]!.cells.map((c) => String(c ?? '')))!;
  const byPost = new Map<string, EntryKey>();
  const byPostId = new Map<string, EntryKey>();
  const byTeam = new Map(entries.map((e) => [e.teamNumber, e]));
  // Post addresses are parsed only when the file identifies entries by post.
  for (const entry of header.has('post') ? entries : []) {
    if (!entry.postUrl) continue;
    byPost.set(normalizePostUrl(entry.postUrl), entry);
    const id = postIdOf(entry.postUrl);
    if (id) byPostId.set(id, entry);
  }
  const timeColumn = header.get('takenAt');
  const result: MatchResult = {
    headerLine: rows[headerIndex]!.line,
    timeColumn: timeColumn !== undefined,
    matched: [],
    unmatched: [],
    errors: [],
    warnings: [],
  };
  if (timeColumn === undefined && !takenAt) return result;
  const fileTakenAt = takenAt?.toISOString() ?? '';
  // A file of many readings repeats each time thousands of times: each text is parsed once.
  const timeOf = new Map<Cell, string | null>();
  // Line of each entry's row, per time: a file of several readings has one row per entry and
  // time (a map per time avoids building an "entry|time" key for every row).
  const seenByTime = new Map<string, Map<string, number>>();
  // Column positions are looked up once: this loop runs for every row of files of 10.000+
  // rows, so on the usual path it makes the matched row and nothing else (no closure, spread
  // or intermediate counts object per row).
  const postColumn = header.get('post');
  const teamColumn = header.get('teamNumber');
  const countColumns = COUNT_FIELDS.map((field) => header.get(field));
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const post = postColumn === undefined ? null : (row.cells[postColumn] ?? null);
    const team = teamColumn === undefined ? null : (row.cells[teamColumn] ?? null);
    const entry = findEntry(post, team, byTeam, byPost, byPostId);
    if (!entry) {
      const value = String(post ?? team ?? '').trim();
      result.unmatched.push({ line: row.line, value });
      continue;
    }
    let rowTakenAt = fileTakenAt;
    let ok = true;
    if (timeColumn !== undefined) {
      const raw = row.cells[timeColumn] ?? null;
      let time = timeOf.get(raw);
      if (time === undefined) {
        time = parseTakenAt(raw)?.toISOString() ?? null;
        timeOf.set(raw, time);
      }
      if (time === null) {
        ok = false;
        result.errors.push({
          line: row.line,
          column: COLUMN_LABEL.takenAt,
          code: 'TAKEN_AT_INVALID',
          message:
            raw === null || String(raw).trim() === ''
              ? `Dòng ${row.line}, cột "Thời điểm": thiếu thời điểm lấy số liệu.`
              : `Dòng ${row.line}, cột "Thời điểm": "${String(raw)}" không phải ngày giờ (dd/mm/yyyy hh:mm).`,
        });
      } else rowTakenAt = time;
    }
    // a missing column or a blank comment means "not counted" (0)
    const matched: MatchedRow = {
      line: row.line,
      entryId: entry.entryId,
      teamNumber: entry.teamNumber,
      takenAt: rowTakenAt,
      reactions: 0,
      shares: 0,
      comments: 0,
    };
    for (let f = 0; f < COUNT_FIELDS.length; f++) {
      const field = COUNT_FIELDS[f]!;
      const column = countColumns[f];
      const raw = column === undefined ? null : (row.cells[column] ?? null);
      const blank = raw === null || (typeof raw === 'string' && raw.trim() === '');
      if (blank && (field === 'comments' || column === undefined)) continue;
      const value = parseCount(raw);
      if (value === null) {
        ok = false;
        result.errors.push({
          line: row.line,
          column: COLUMN_LABEL[field],
          code: blank ? 'COUNT_MISSING' : 'COUNT_INVALID',
          message: blank
            ? `Dòng ${row.line}, cột "${COLUMN_LABEL[field]}": thiếu số lượt.`
            : `Dòng ${row.line}, cột "${COLUMN_LABEL[field]}": "${String(raw)}" không phải số nguyên không âm.`,
        });
      } else if (value > MAX_COUNT) {
        // the form refuses the same (DTO @Max); the column is a 32-bit integer
        ok = false;
        result.errors.push({
          line: row.line,
          column: COLUMN_LABEL[field],
          code: 'COUNT_TOO_LARGE',
          message: `Dòng ${row.line}, cột "${COLUMN_LABEL[field]}": ${String(raw)} lớn hơn mức cho phép (1.000.000.000).`,
        });
      } else matched[field] = value;
    }
    if (rowTakenAt === '') continue; // a row without a readable time has its error already
    let seen = seenByTime.get(rowTakenAt);
    if (!seen) seenByTime.set(rowTakenAt, (seen = new Map()));
    const firstLine = seen.get(entry.entryId);
    if (firstLine !== undefined) {
      result.errors.push({
        line: row.line,
        column: null,
        code: 'DUPLICATE_ROW',
        message: `Dòng ${row.line} trùng sản phẩm của đội số ${entry.teamNumber} với dòng ${firstLine}${timeColumn === undefined ? '' : ' (cùng thời điểm)'}.`,
      });
      continue;
    }
    seen.set(entry.entryId, row.line);
    if (ok) result.matched.push(matched);
  }
  return result;
}

/** The matched rows of one reading (one snapshot), oldest reading first. */
export interface Reading {
  takenAt: string;
  rows: MatchedRow[];
}

export function groupReadings(matched: readonly MatchedRow[]): Reading[] {
  const byTime = new Map<string, MatchedRow[]>();
  for (const row of matched) {
    const rows = byTime.get(row.takenAt);
    if (rows) rows.push(row);
    else byTime.set(row.takenAt, [row]);
  }
  // ISO 8601 in UTC with the same precision sorts as text in time order
  return [...byTime]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([takenAt, rows]) => ({ takenAt, rows }));
}

/** A warning for each count lower than in the reading before (information, not an error). */
export function decreasedCounts(
  rows: readonly MatchedRow[],
  previous: ReadonlyMap<string, Counts>,
): RowIssue[] {
  const warnings: RowIssue[] = [];
  if (previous.size === 0) return warnings;
  for (const row of rows) {
    const before = previous.get(row.entryId);
    if (!before) continue;
    for (const field of COUNT_FIELDS) {
      if (row[field] < before[field]) {
        warnings.push({
          line: row.line,
          column: COLUMN_LABEL[field],
          code: 'COUNT_DECREASED',
          message: `Dòng ${row.line}: ${COLUMN_LABEL[field]} giảm từ ${before[field]} xuống ${row[field]} so với lần nhập trước.`,
        });
      }
    }
  }
  return warnings;
}

function findEntry(
  post: Cell,
  team: Cell,
  byTeam: Map<number, EntryKey>,
  byPost: Map<string, EntryKey>,
  byPostId: Map<string, EntryKey>,
): EntryKey | null {
  if (post !== null && String(post).trim() !== '') {
    const text = String(post).trim();
    if (/^[\d_]+$/.test(text)) return byPostId.get(text.split('_').pop()!) ?? null;
    return byPost.get(normalizePostUrl(text)) ?? byPostId.get(postIdOf(text) ?? '') ?? null;
  }
  if (typeof team === 'number') return byTeam.get(team) ?? null; // what String → Number gives back
  // Plain digits (the usual cell) need no clean-up; the slow path gives the same number for them.
  if (typeof team === 'string' && isDigits(team)) return byTeam.get(Number(team)) ?? null;
  if (team !== null && String(team).trim() !== '') {
    const number = Number(
      String(team)
        .replace(/^(đội|doi|team)\s*(số|so)?\s*/i, '')
        .trim(),
    );
    return byTeam.get(number) ?? null;
  }
  return null;
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
