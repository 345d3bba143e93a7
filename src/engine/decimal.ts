import { EngineError } from './errors';

/**
 * Points have two decimals and are computed as integer hundredths (64,12 → 6412), so sums are
 * exact. Values are read through their decimal text, never scaled as binary floats and trusted.
 */

/** Hundredths of a value with at most two decimals, or NaN. Never throws (used in hot loops). */
export function hundredthsOrNaN(value: unknown): number {
  if (typeof value === 'number') {
    const h = Math.round(value * 100);
    // Exact test: h / 100 is the double nearest to the decimal h/100, i.e. what the text
    // "64.12" parses to, so it equals `value` exactly when String(value) has ≤ 2 decimals.
    // (A tolerance such as |value × 100 − h| < 1e-7 would accept 10.0000000001.)
    return h / 100 === value && Number.isSafeInteger(h) ? h + 0 : NaN; // + 0 turns -0 into 0
  }
  if (typeof value === 'string') return parseDecimalText(value);
  return NaN;
}

/**
 * Hundredths of a number or decimal text ("64.12", "-0.5", "30"), exactly. Refuses NaN,
 * Infinity, more than two decimals and values beyond the safe-integer range with an EngineError.
 */
export function toHundredths(value: number | string, field = 'value'): number {
  const h = hundredthsOrNaN(value);
  if (!Number.isNaN(h)) return h;
  throw whyNotHundredths(value, field);
}

/** "-12.5" → -1250; NaN for anything that is not `-?digits(.d|.dd)?` (spaces around allowed). */
export function parseDecimalText(text: string): number {
  let i = 0;
  let end = text.length;
  while (i < end && text.charCodeAt(i) <= 32) i++;
  while (end > i && text.charCodeAt(end - 1) <= 32) end--;
  const negative = i < end && text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  let whole = 0;
  const wholeStart = i;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === wholeStart) return NaN;
  let fraction = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return NaN; // '.'
    const fractionStart = ++i;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return NaN;
      fraction = fraction * 10 + digit;
    }
    const decimals = i - fractionStart;
    if (decimals === 0 || decimals > 2) return NaN;
    if (decimals === 1) fraction *= 10;
  }
  const h = whole * 100 + fraction;
  if (!Number.isSafeInteger(h)) return NaN;
  return negative && h !== 0 ? -h : h;
}

function whyNotHundredths(value: unknown, field: string): EngineError {
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
  const whole = (abs - (abs % 100)) / 100;
  return `${h < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * numerator / denominator rounded half-up to an integer, exactly, for a non-negative integer
 * numerator and a positive integer denominator. Uses BigInt when the arithmetic would leave
 * the safe-integer range.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  checkDivision(numerator, denominator);
  // half-up: ⌊(2n + d) / 2d⌋
  const a = numerator * 2 + denominator;
  const b = denominator * 2;
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return floorDiv(a, b);
  const d = BigInt(denominator);
  return Number((BigInt(numerator) * 2n + d) / (d * 2n));
}

/** a × b / d rounded half-up, exactly (BigInt when a × b leaves the safe-integer range). */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0)
    throw new EngineError('NOT_AN_INTEGER', 'Phép nhân cần số nguyên không âm.');
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRoundHalfUp(product, d);
  checkDivision(0, d);
  const bd = BigInt(d);
  return Number((BigInt(a) * BigInt(b) * 2n + bd) / (bd * 2n));
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
