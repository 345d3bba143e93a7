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
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The wall-clock time in Vietnam, as a Date whose UTC fields hold it. A date-only string is a
 * calendar date (no shift); a date-time without offset is read as Vietnam time, never as the
 * server's local time; anything else is an instant.
 */
function vietnamWallClock(value: string | Date): Date {
  if (typeof value === 'string') {
    const text = value.trim();
    if (DATE_ONLY.test(text) || LOCAL_DATE_TIME.test(text)) {
      const wall = new Date(`${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00' : ''}Z`);
      if (sameCalendarDate(wall, text)) return wall;
    } else {
      const instant = new Date(text);
      if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) && !Number.isNaN(instant.getTime()))
        return new Date(instant.getTime() + VIETNAM_OFFSET_MS);
    }
    throw new EngineError('BAD_DATE', `Ngày giờ không hợp lệ: "${value}".`);
  }
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new EngineError('BAD_DATE', 'Ngày giờ không hợp lệ.');
  return new Date(value.getTime() + VIETNAM_OFFSET_MS);
}

/** Refuses 2021-02-30, which Date would silently turn into 2 March. */
function sameCalendarDate(parsed: Date, text: string): boolean {
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)!;
  return (
    !Number.isNaN(parsed.getTime()) &&
    parsed.getUTCFullYear() === Number(y) &&
    parsed.getUTCMonth() + 1 === Number(m) &&
    parsed.getUTCDate() === Number(d)
  );
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2022-09-08T01:00:00Z" → "08/09/2022" (Vietnam time). */
export function formatDateVi(value: string | Date): string {
  const d = vietnamWallClock(value);
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "2022-09-08T01:00:00Z" → "08/09/2022 08:00" (Vietnam time). */
export function formatDateTimeVi(value: string | Date): string {
  const d = vietnamWallClock(value);
  return `${formatDateVi(d.toISOString().slice(0, 10))} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
