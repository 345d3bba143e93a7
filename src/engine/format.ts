import { EngineError } from './errors';

/**
 * Vietnamese display: comma decimals, dot thousands, "đ" after the amount, dd/mm/yyyy in
 * Vietnam time. Pure string arithmetic: no Intl, no dependency on the server's time zone.
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function assertSafeInteger(value: number, what: string) {
  if (!Number.isSafeInteger(value))
    throw new EngineError('NOT_AN_INTEGER', `${what} phải là số nguyên: ${String(value)}.`);
}

/** Points in hundredths → "64,12"; 123450 → "1.234,50"; -50 → "-0,50". */
export function formatPoints(h: number): string {
  assertSafeInteger(h, 'Điểm (phần trăm)');
  const abs = Math.abs(h);
  const whole = String((abs - (abs % 100)) / 100);
  return `${h < 0 ? '-' : ''}${groupThousands(whole)},${String(abs % 100).padStart(2, '0')}`;
}

/** Whole đồng → "6.000.000 đ" (a regular space before đ). */
export function formatVnd(amount: number): string {
  assertSafeInteger(amount, 'Số tiền');
  return `${amount < 0 ? '-' : ''}${groupThousands(String(Math.abs(amount)))} đ`;
}

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving), so adding 7 hours is exact. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * The wall-clock time in Vietnam, as a Date whose UTC fields hold it. An instant (Date, or a
 * string with Z or an offset) is shifted by 7 hours; a date or date-time written without
 * offset is already Vietnam time (never the server's local time).
 */
function vietnamWallClock(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EngineError('BAD_DATE', 'Ngày giờ không hợp lệ.');
    return new Date(value.getTime() + VIETNAM_OFFSET_MS);
  }
  const parsed = parseIsoDate(value);
  if (!parsed) throw new EngineError('BAD_DATE', `Ngày giờ không hợp lệ: "${String(value)}".`);
  return new Date(parsed.hasOffset ? parsed.ms + VIETNAM_OFFSET_MS : parsed.ms);
}

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

const two = (n: number) => String(n).padStart(2, '0');

function dayMonthYear(d: Date): string {
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "2022-09-08T01:00:00Z" → "08/09/2022" (Vietnam time); "2021-12-31" → "31/12/2021". */
export function formatDateVi(value: string | Date): string {
  return dayMonthYear(vietnamWallClock(value));
}

/** "2022-09-08T01:00:00Z" → "08/09/2022 08:00" (Vietnam time). */
export function formatDateTimeVi(value: string | Date): string {
  const d = vietnamWallClock(value);
  return `${dayMonthYear(d)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
