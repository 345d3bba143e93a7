import { CountField, isDigits, mapHeader, MAX_COUNT, parseCount } from './count-columns';

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
}
export interface RowIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
}
export interface MatchResult {
  headerLine: number;
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
};

/**
 * Turns spreadsheet rows into counts per entry: finds the header row (title rows and merged
 * cells above it are skipped), matches each row to an entry by post address / post id or by
 * team number, and reports every problem with its line and column. Pure: no I/O.
 */
export function matchRows(
  rows: SheetRow[],
  entries: EntryKey[],
  previous: Map<string, Counts>,
): MatchResult {
  const headerIndex = rows
    .slice(0, 15)
    .findIndex((r) => mapHeader(r.cells.map((c) => String(c ?? ''))) !== null);
  if (headerIndex === -1) {
    return {
      headerLine: 0,
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
  const result: MatchResult = {
    headerLine: rows[headerIndex]!.line,
    matched: [],
    unmatched: [],
    errors: [],
    warnings: [],
  };
  const seen = new Map<string, number>();
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
    // a missing column or a blank comment means "not counted" (0)
    const matched: MatchedRow = {
      line: row.line,
      entryId: entry.entryId,
      teamNumber: entry.teamNumber,
      reactions: 0,
      shares: 0,
      comments: 0,
    };
    let ok = true;
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
    const firstLine = seen.get(entry.entryId);
    if (firstLine !== undefined) {
      result.errors.push({
        line: row.line,
        column: null,
        code: 'DUPLICATE_ROW',
        message: `Dòng ${row.line} trùng sản phẩm của đội số ${entry.teamNumber} với dòng ${firstLine}.`,
      });
      continue;
    }
    seen.set(entry.entryId, row.line);
    if (!ok) continue;
    result.matched.push(matched);
    const before = previous.get(entry.entryId);
    if (before) {
      for (const field of COUNT_FIELDS) {
        if (matched[field] < before[field]) {
          result.warnings.push({
            line: row.line,
            column: COLUMN_LABEL[field],
            code: 'COUNT_DECREASED',
            message: `Dòng ${row.line}: ${COLUMN_LABEL[field]} giảm từ ${before[field]} xuống ${matched[field]} so với lần nhập trước.`,
          });
        }
      }
    }
  }
  return result;
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
