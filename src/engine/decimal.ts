import { EngineError } from './errors';

/**
 * Points are handled as integer hundredths (94,12 → 9412). Parsing goes through the decimal
 * text of a value, so 64.12 becomes exactly 6412 with no binary-float drift.
 */
export function toHundredths(value: number | string, field = 'value'): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new EngineError('NOT_A_NUMBER', `${field}: không phải số hữu hạn.`, { field });
    // Fast path: a value with at most two decimals lands within 1e-7 of an integer when scaled;
    // anything else goes through its decimal text below (and is refused).
    const scaled = value * 100;
    const h = Math.round(scaled);
    if (Number.isSafeInteger(h) && Math.abs(scaled - h) < 1e-7) return h === 0 ? 0 : h;
  }
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) {
    throw new EngineError(
      'TOO_MANY_DECIMALS',
      `${field}: "${text}" phải là số có tối đa 2 chữ số thập phân.`,
      { field },
    );
  }
  const [, sign, whole, fraction = ''] = match;
  const result = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(result))
    throw new EngineError('TOO_LARGE', `${field}: số quá lớn.`, { field });
  return sign === '-' && result !== 0 ? -result : result;
}

/** Plain decimal text of a JS number (no exponent): 1e-7 → "0.0000001". */
function numberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** 9412 → "94.12"; -50 → "-0.50". The machine form; see format.ts for Vietnamese display. */
export function hundredthsToString(h: number): string {
  const negative = h < 0;
  const abs = Math.abs(h);
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * numerator / denominator rounded half-up to an integer, exactly (non-negative operands).
 * Falls back to BigInt when the numerator is beyond 2^53.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new EngineError('DIVISION_BY_ZERO', 'Chia cho 0.');
  if (Number.isSafeInteger(numerator * 2 + denominator)) {
    return Math.floor((numerator * 2 + denominator) / (denominator * 2));
  }
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  return Number((n * 2n + d) / (d * 2n));
}

/** a × b / d rounded half-up, exactly (BigInt when a × b leaves the safe-integer range). */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRoundHalfUp(product, d);
  return Number((BigInt(a) * BigInt(b) * 2n + BigInt(d)) / (BigInt(d) * 2n));
}
