import { EngineError } from './errors';

/**
 * Points have two decimals and are computed as integer hundredths (64,12 → 6412), so sums are
 * exact. A value is accepted only when its decimal text has at most two decimals; it is never
 * scaled as a binary float and trusted.
 */

/** `-?digits(.d|.dd)?`, the only decimal text accepted (spaces around are trimmed). */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Hundredths of a number or decimal text with at most two decimals, or NaN. Never throws. */
export function hundredthsOrNaN(value: unknown): number {
  if (typeof value === 'string') return parseDecimalText(value);
  if (typeof value !== 'number') return NaN;
  const h = Math.round(value * 100);
  // h / 100 is the double nearest to the decimal h/100, i.e. what the text "64.12" parses to,
  // so it equals `value` exactly when String(value) has at most two decimals. (A tolerance
  // such as |value × 100 − h| < 1e-7 would accept 10.0000000001.)
  // h is whole (or NaN); it must also stay within the safe-integer range. + 0 turns -0 into 0.
  return h / 100 === value && Math.abs(h) <= Number.MAX_SAFE_INTEGER ? h + 0 : NaN;
}

/**
 * Hundredths of a number or decimal text ("64.12", "-0.5", "30"), exactly. Refuses NaN,
 * Infinity, more than two decimals and values beyond the safe-integer range with an EngineError.
 */
export function toHundredths(value: number | string, field = 'value'): number {
  const h = hundredthsOrNaN(value);
  if (!Number.isNaN(h)) return h;
  throw notHundredths(value, field);
}

/** "-12.5" → -1250; NaN for anything that is not `-?digits(.d|.dd)?` (spaces around allowed). */
export function parseDecimalText(text: string): number {
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return NaN;
  const [, sign, whole, fraction = ''] = match;
  const h = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  // Beyond 2^53 Number(whole) is no longer exact, and then neither is h: refused.
  if (!Number.isSafeInteger(h)) return NaN;
  return sign === '-' && h !== 0 ? -h : h;
}

/** Why `value` has no exact hundredths: NOT_A_NUMBER, TOO_MANY_DECIMALS or TOO_LARGE. */
export function notHundredths(value: unknown, field: string): EngineError {
  const where = { field };
  if (typeof value === 'number' && !Number.isFinite(value))
    return new EngineError('NOT_A_NUMBER', `${field}: không phải số hữu hạn.`, where);
  const text = typeof value === 'number' ? plainNumberText(value) : String(value).trim();
  if (/^-?\d+(\.\d{1,2})?$/.test(text))
    return new EngineError('TOO_LARGE', `${field}: số quá lớn.`, where);
  if (typeof value === 'number' || /^-?\d+\.\d+$/.test(text)) {
    return new EngineError(
      'TOO_MANY_DECIMALS',
      `${field}: "${text}" có quá 2 chữ số thập phân.`,
      where,
    );
  }
  return new EngineError('NOT_A_NUMBER', `${field}: "${text}" không phải là số.`, where);
}

/** Decimal text of a finite number without exponent: 1e-7 → "0.0000001", 1e21 → digits. */
function plainNumberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Math.abs(value) >= 1e21) return BigInt(value).toString();
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** 9412 → "94.12", -50 → "-0.50", 3000 → "30.00". Machine form; format.ts has the Vietnamese. */
export function hundredthsToString(h: number): string {
  if (!Number.isSafeInteger(h))
    throw new EngineError('NOT_AN_INTEGER', `Không phải số nguyên phần trăm điểm: ${String(h)}.`);
  const abs = Math.abs(h);
  return `${h < 0 ? '-' : ''}${floorDiv(abs, 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * numerator / denominator rounded half-up to an integer, exactly: ⌊(2n + d) / 2d⌋ in BigInt,
 * for a non-negative integer numerator and a positive integer denominator.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  checkDivision(numerator, denominator);
  const d = BigInt(denominator);
  return Number((2n * BigInt(numerator) + d) / (2n * d));
}

/** a × b / d rounded half-up, exactly (the product is taken in BigInt, never as a float). */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0)
    throw new EngineError('NOT_AN_INTEGER', 'Phép nhân cần số nguyên không âm.');
  checkDivision(0, d);
  const bd = BigInt(d);
  return Number((2n * BigInt(a) * BigInt(b) + bd) / (2n * bd));
}

/** ⌊a / b⌋ for non-negative safe integers, exactly (a plain float division can round up). */
export function floorDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

function checkDivision(numerator: number, denominator: number) {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator))
    throw new EngineError('NOT_AN_INTEGER', 'Phép chia cần số nguyên.');
  if (numerator < 0) throw new EngineError('NEGATIVE', 'Phép chia cần tử số không âm.');
  if (denominator <= 0) throw new EngineError('DIVISION_BY_ZERO', 'Mẫu số phải dương.');
}
