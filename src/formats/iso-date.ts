/** Dates as the rules and the imports write them; their Vietnamese display: vietnamese.ts. */

/**
 * Strict ISO 8601 dates ("2021-12-31") and date-times ("2022-09-08T08:00", "...Z",
 * "...+07:00"). `Date` alone is too lenient: it turns 2021-02-30 into 2 March and reads a
 * date-time without offset in the server's own time zone.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export interface IsoDate {
  /**
   * Milliseconds since the epoch. With an offset (or Z) it is the instant; without, it is the
   * written wall-clock time read as if it were UTC (callers decide which zone it belongs to).
   */
  ms: number;
  hasOffset: boolean;
  dateOnly: boolean;
}

export function parseIsoDate(text: unknown): IsoDate | null {
  if (typeof text !== 'string') return null;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return null;
  let offsetMinutes = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const digits = offset.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  const ms =
    Date.UTC(
      year,
      month - 1,
      day,
      Number(hh),
      Number(mi),
      Number(ss),
      Number(frac.padEnd(3, '0').slice(0, 3)),
    ) -
    offsetMinutes * 60_000;
  return { ms, hasOffset: offset !== undefined, dateOnly: m[4] === undefined };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so adding 7 hours is exact. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The instant a rules date stands for: written without an offset it is Vietnam time, and a
 * date alone means the end of that day. NaN when it is not a date.
 */
export function instantOf(iso: string): number {
  const parsed = parseIsoDate(iso);
  if (!parsed) return Number.NaN;
  if (parsed.hasOffset) return parsed.ms;
  return parsed.ms - VIETNAM_OFFSET_MS + (parsed.dateOnly ? 86_400_000 : 0);
}
