import { foldText } from '../common/paging';
import { parseCsv } from '../spreadsheets/csv';
import { STATUS_WORDS } from './checklist';
import { isPostOfPage, postIdentity } from './post-address';
import type { EntryStatus } from './entry.entity';

/** An entry as the post-address import sees it. */
export interface PostTarget {
  entryId: string;
  teamNumber: number;
  teamName: string;
  status: EntryStatus;
  postUrl: string | null;
}

export type PostChange = 'new' | 'replace' | 'same';

export interface PostRow {
  line: number;
  entryId: string;
  teamNumber: number;
  teamName: string;
  postUrl: string;
  previous: string | null;
  change: PostChange;
}

export interface PostRowError {
  line: number;
  field: string;
  code: string;
  message: string;
}

export interface PostUrlPlan {
  rows: PostRow[];
  errors: PostRowError[];
  counts: Record<PostChange, number>;
  /** Approved entries that would still have no address after this file. */
  stillMissing: { entryId: string; teamNumber: number; teamName: string }[];
}

/** Enough for 5.000 lines of addresses (a small text, parsed on the request thread). */
export const MAX_POST_URL_TEXT = 500_000;
export const MAX_POST_URL_ROWS = 10_000;

/**
 * Reads "entry (team) number or team name, post address" lines (CSV from a spreadsheet, or
 * lines pasted from one: comma, semicolon or tab), checks each row against the contest, and
 * says what would change. Pure: the caller loads the entries and applies the plan.
 *
 * A row is refused with its line number when: it has no address or no team; the team is
 * unknown or its name matches several teams; its entry is not approved; the address is not a
 * post of the contest's fanpage; the team or the address is repeated in the file; or the
 * address belongs to another entry that keeps it after the file is applied.
 */
export function planPostUrls(text: string, fanpageUrl: string, targets: PostTarget[]): PostUrlPlan {
  const byNumber = new Map(targets.map((t) => [t.teamNumber, t]));
  const byName = new Map<string, PostTarget[]>();
  for (const t of targets) {
    const key = foldText(t.teamName);
    byName.set(key, [...(byName.get(key) ?? []), t]);
  }
  const rows: PostRow[] = [];
  const errors: PostRowError[] = [];
  const fail = (line: number, field: string, code: string, message: string) =>
    errors.push({ line, field, code, message: `Dòng ${line}: ${message}` });
  const lineOfEntry = new Map<string, number>();
  const lineOfUrl = new Map<string, number>();

  const parsed = parseCsv(text);
  const body = parsed.length && isHeader(parsed[0]!.cells) ? parsed.slice(1) : parsed;
  if (body.length > MAX_POST_URL_ROWS) {
    fail(body[MAX_POST_URL_ROWS]!.line, 'rows', 'TOO_MANY_ROWS', `quá ${MAX_POST_URL_ROWS} dòng.`);
    return summarise(rows, errors, targets);
  }
  for (const { line, cells } of body) {
    const [refCell = '', urlCell = '', ...rest] = cells.map((c) => c.trim());
    if (rest.some((c) => c !== '') || !refCell || !urlCell) {
      fail(
        line,
        'line',
        'POST_ROW_SHAPE',
        'cần đúng 2 cột: số đội (hoặc tên đội) và địa chỉ bài đăng.',
      );
      continue;
    }
    const target = findTarget(refCell, byNumber, byName);
    if (typeof target === 'string') {
      fail(line, 'team', 'POST_ROW_TEAM', target);
      continue;
    }
    if (target.status !== 'approved') {
      fail(
        line,
        'team',
        'ENTRY_NOT_APPROVED',
        `sản phẩm của đội ${target.teamNumber} chưa được duyệt (đang: ${STATUS_WORDS[target.status]}); chỉ nhập địa chỉ cho sản phẩm đã duyệt.`,
      );
      continue;
    }
    if (!isHttpUrl(urlCell)) {
      fail(
        line,
        'postUrl',
        'POST_URL_INVALID',
        `“${short(urlCell)}” không phải địa chỉ web (https://…).`,
      );
      continue;
    }
    if (!isPostOfPage(urlCell, fanpageUrl)) {
      fail(
        line,
        'postUrl',
        'POST_NOT_ON_FANPAGE',
        `địa chỉ bài đăng phải thuộc fanpage ${fanpageUrl}.`,
      );
      continue;
    }
    const seenTeam = lineOfEntry.get(target.entryId);
    if (seenTeam !== undefined) {
      fail(
        line,
        'team',
        'POST_ROW_DUPLICATE_TEAM',
        `đội ${target.teamNumber} đã có ở dòng ${seenTeam}.`,
      );
      continue;
    }
    const seenUrl = lineOfUrl.get(postIdentity(urlCell));
    if (seenUrl !== undefined) {
      fail(line, 'postUrl', 'POST_ROW_DUPLICATE_URL', `địa chỉ này đã dùng ở dòng ${seenUrl}.`);
      continue;
    }
    lineOfEntry.set(target.entryId, line);
    lineOfUrl.set(postIdentity(urlCell), line);
    rows.push({
      line,
      entryId: target.entryId,
      teamNumber: target.teamNumber,
      teamName: target.teamName,
      postUrl: urlCell,
      previous: target.postUrl,
      change: target.postUrl === null ? 'new' : target.postUrl === urlCell ? 'same' : 'replace',
    });
  }
  if (!body.length && !errors.length)
    errors.push({
      line: 0,
      field: 'text',
      code: 'POST_ROWS_EMPTY',
      message: 'Không có dòng nào: mỗi dòng gồm số đội (hoặc tên đội) và địa chỉ bài đăng.',
    });
  // An address may move from one entry to another within the file; it may not stay on an
  // entry the file leaves alone (however either of them writes it).
  const kept = new Map<string, PostTarget>();
  for (const t of targets)
    if (t.postUrl && !lineOfEntry.has(t.entryId)) kept.set(postIdentity(t.postUrl), t);
  for (const row of rows) {
    const holder = kept.get(postIdentity(row.postUrl));
    if (holder)
      fail(
        row.line,
        'postUrl',
        'POST_URL_TAKEN',
        `địa chỉ đã gán cho đội ${holder.teamNumber} (${holder.teamName}).`,
      );
  }
  errors.sort((a, b) => a.line - b.line);
  return summarise(rows, errors, targets);
}

function summarise(rows: PostRow[], errors: PostRowError[], targets: PostTarget[]): PostUrlPlan {
  const counts: Record<PostChange, number> = { new: 0, replace: 0, same: 0 };
  for (const r of rows) counts[r.change]++;
  const inFile = new Set(rows.map((r) => r.entryId));
  const stillMissing = targets
    .filter((t) => t.status === 'approved' && !t.postUrl && !inFile.has(t.entryId))
    .map(({ entryId, teamNumber, teamName }) => ({ entryId, teamNumber, teamName }));
  return { rows, errors, counts, stillMissing };
}

/**
 * A first line naming its columns ("Số đội, Địa chỉ bài đăng") rather than holding data: its
 * second cell has no sign of an address (no dot, no slash), so a first row with a mistyped
 * address is still checked and reported, never skipped as a header.
 */
function isHeader(cells: string[]): boolean {
  const second = (cells[1] ?? '').trim();
  return second !== '' && !/[./]/.test(second) && !/^\d+$/.test((cells[0] ?? '').trim());
}

/** "12", "Đội 12", "Đội số 12", "12." → by number; anything else → by team name. */
function findTarget(
  ref: string,
  byNumber: Map<number, PostTarget>,
  byName: Map<string, PostTarget[]>,
): PostTarget | string {
  const m = /^(?:đội\s*(?:số\s*)?)?(\d{1,6})\.?$/iu.exec(ref);
  if (m) return byNumber.get(Number(m[1])) ?? `không có đội số ${Number(m[1])} trong hội thi.`;
  const named = byName.get(foldText(ref)) ?? [];
  if (named.length === 1) return named[0]!;
  if (named.length > 1)
    return `có ${named.length} đội tên “${short(ref)}”; hãy ghi số đội (${named.map((t) => t.teamNumber).join(', ')}).`;
  return `không có đội tên “${short(ref)}” trong hội thi.`;
}

function isHttpUrl(text: string): boolean {
  if (text.length > 1000 || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
