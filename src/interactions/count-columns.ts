/** Which column holds what, recognised from Vietnamese or English headers. */
export type CountField = 'teamNumber' | 'post' | 'reactions' | 'shares' | 'comments' | 'takenAt';

const ALIASES: Record<CountField, string[]> = {
  teamNumber: ['doi so', 'so doi', 'doi', 'ma doi', 'team', 'team number', 'team no'],
  post: [
    'dia chi bai dang',
    'bai dang',
    'lien ket',
    'duong dan',
    'link',
    'url',
    'post',
    'permalink',
    'post permalink',
    'post id',
    'post link',
    'ma bai dang',
    'id bai dang',
  ],
  reactions: [
    'luot thich',
    'thich',
    'luot cam xuc',
    'cam xuc',
    'luot bay to cam xuc',
    'reactions',
    'likes',
    'like',
    'post reactions',
    'reactions, comments and shares - reactions',
  ],
  shares: ['luot chia se', 'chia se', 'shares', 'share', 'post shares'],
  comments: ['binh luan', 'luot binh luan', 'comments', 'comment', 'post comments'],
  // When the counts were read, for a file holding several readings. Deliberately not "date"
  // or "time": the page's own exports have a publish-time column that means something else.
  takenAt: [
    'thoi diem',
    'thoi diem lay so lieu',
    'thoi gian lay so lieu',
    'ngay lay so lieu',
    'ngay gio lay so lieu',
    'lay luc',
    'lay so lieu luc',
    'taken at',
    'snapshot time',
  ],
};

/** Lower case, no diacritics, single spaces: "Lượt thích" → "luot thich". */
export function foldHeader(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_:()*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fieldOfHeader(raw: string): CountField | null {
  const folded = foldHeader(raw);
  for (const [field, names] of Object.entries(ALIASES) as [CountField, string[]][]) {
    if (names.includes(folded)) return field;
  }
  return null;
}

/** Maps header cells to fields; a header row needs a count column and a way to find the entry. */
export function mapHeader(cells: string[]): Map<CountField, number> | null {
  const map = new Map<CountField, number>();
  cells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && !map.has(field)) map.set(field, index);
  });
  const identifies = map.has('teamNumber') || map.has('post');
  const counts = map.has('reactions') || map.has('shares');
  return identifies && counts ? map : null;
}

/**
 * A count as organisers type it: "1234", "1.234" (Vietnamese thousands), "1,234", "1 234".
 * Returns null for anything else (negative, decimal, text).
 */
/** The largest count accepted (a Facebook post will not get a billion interactions). */
export const MAX_COUNT = 1_000_000_000;

export function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  const scanned = scanCount(raw);
  return scanned === undefined ? parseCountText(raw) : scanned;
}

/** The general reading of a count typed as text; `parseCount` gives the same, faster. */
export function parseCountText(raw: string): number | null {
  // Spaces (also no-break ones) are padding or thousands separators: " 12 ", "1 234".
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (isDigits(text)) return safe(Number(text));
  return groupedDigits(text);
}

/**
 * `parseCountText` in one pass without building strings, for cells made of digits, "." or ","
 * and plain or no-break spaces (every cell of a usual file; imports read hundreds of
 * thousands). Undefined for any other character: the general path then decides.
 */
function scanCount(text: string): number | null | undefined {
  let value = 0;
  let digits = 0;
  let separator = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      digits++;
      run++;
    } else if (code === 32 || code === 0xa0) {
      continue; // removed, as the general path does
    } else if (code === 46 || code === 44) {
      if (separator === -1 ? run < 1 || run > 3 : code !== separator || run !== 3) return null;
      separator = code;
      run = 0;
    } else return undefined;
  }
  if (digits === 0 || (separator !== -1 && run !== 3)) return null;
  return safe(value);
}

/**
 * "1.234", "1,234", "12.345.678": one to three digits, then groups of exactly three after one
 * kind of separator (a mix such as "1.234,5" is refused). Scanned by hand rather than with
 * regular expressions because imports call this for every cell of 10.000-row files.
 */
function groupedDigits(text: string): number | null {
  let separator = -1; // char code of the separator, once seen
  let run = 0; // digits since the start or the last separator
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      run++;
      continue;
    }
    if (code !== 46 && code !== 44) return null; // only "." or ","
    if (separator === -1 ? run < 1 || run > 3 : code !== separator || run !== 3) return null;
    separator = code;
    run = 0;
  }
  if (separator === -1 || run !== 3) return null;
  return safe(Number(text.replaceAll(String.fromCharCode(separator), '')));
}

function safe(n: number): number | null {
  return Number.isSafeInteger(n) ? n : null;
}

/** "0"…"9" only, at least one (what /^\d+$/ accepts), without a regular expression. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
