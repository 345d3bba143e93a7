import { EngineError } from '../engine/errors';
import { parseIsoDate, VIETNAM_OFFSET_MS } from './iso-date';

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

const two = (n: number) => String(n).padStart(2, '0');

function dayMonthYear(d: Date): string {
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** "2022-09-08T01:00:00Z" → "08/09/2022" (Vietnam time); "2021-12-31" → "31/12/2021". */
export function formatDateVi(value: string | Date): string {
  return dayMonthYear(vietnamWallClock(value));
}

/** The day an instant falls on in Vietnam, as an ISO date: 2022-09-07T18:30Z → "2022-09-08". */
export function vietnamIsoDate(value: Date): string {
  const d = vietnamWallClock(value);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** "2022-09-08T01:00:00Z" → "08/09/2022 08:00" (Vietnam time). */
export function formatDateTimeVi(value: string | Date): string {
  const d = vietnamWallClock(value);
  return `${dayMonthYear(d)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
