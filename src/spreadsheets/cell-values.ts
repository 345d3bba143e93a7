import type { Cell } from './sheet-row';

/**
 * Cell values as Vietnamese organisers type them: header text, whole numbers, dates and times.
 * Pure functions; each returns null for what it does not recognise, never guesses.
 */

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

/**
 * A whole number (a count) as organisers type it: "1234", "1.234" (Vietnamese thousands), "1,234", "1 234".
 * Returns null for anything else (negative, decimal, text).
 */
export function parseCount(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null;
  return parseCountText(raw);
}

/**
 * Spaces (also no-break ones) are padding or thousands separators: " 12 ", "1 234". Otherwise
 * plain digits, or one to three digits then groups of exactly three after one kind of
 * separator ("1.234", "12.345.678"; a mix such as "1.234,5" is refused).
 */
export function parseCountText(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (!/^\d+$/.test(text) && !/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(text)) return null;
  const value = Number(text.replace(/[.,]/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** Vietnam has one offset all year (no daylight saving): a time without a zone is UTC+07:00. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
/** Days from Excel's day 0 (30/12/1899) to 01/01/1970. */
const EXCEL_EPOCH_DAYS = 25_569;

const VIETNAMESE =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date and time as organisers type it in a cell: "30/08/2022 17:00",
 * "30/08/2022" (midnight), "2022-08-30 17:00", ISO 8601 with or without a zone, or an Excel
 * date number. A time without a zone is Vietnam's. Returns null for anything else, including
 * dates that do not exist (31/02) and years outside 2000–2099.
 */
export function parseDateTime(raw: Cell): Date | null {
  if (raw === null) return null;
  if (typeof raw === 'number') return fromExcelSerial(raw);
  const text = raw.trim();
  const vi = VIETNAMESE.exec(text);
  if (vi) return wallClock(+vi[3]!, +vi[2]!, +vi[1]!, +(vi[4] ?? 0), +(vi[5] ?? 0), +(vi[6] ?? 0));
  const iso = ISO.exec(text);
  if (!iso) return null;
  const local = wallClock(
    +iso[1]!,
    +iso[2]!,
    +iso[3]!,
    +(iso[4] ?? 0),
    +(iso[5] ?? 0),
    +(iso[6] ?? 0),
  );
  if (!local || !iso[7]) return local;
  const zone = iso[7].toUpperCase();
  if (zone === 'Z') return new Date(local.getTime() + VIETNAM_OFFSET_MS);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = +digits.slice(2);
  if (hours > 14 || minutes > 59) return null;
  const offset = sign * (hours * 60 + minutes) * 60_000;
  return new Date(local.getTime() + VIETNAM_OFFSET_MS - offset);
}

/** The instant of a Vietnam wall-clock time, or null if that time does not exist. */
function wallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | null {
  if (year < 2000 || year > 2099 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - VIETNAM_OFFSET_MS);
}

/** An Excel serial date (days since 30/12/1899, the fraction is the time of day), in Vietnam. */
function fromExcelSerial(serial: number): Date | null {
  if (!Number.isFinite(serial)) return null;
  const wall = Math.round((serial - EXCEL_EPOCH_DAYS) * 86_400) * 1000; // to the second
  const year = new Date(wall).getUTCFullYear();
  if (year < 2000 || year > 2099) return null;
  return new Date(wall - VIETNAM_OFFSET_MS);
}
