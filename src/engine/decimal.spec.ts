import fc from 'fast-check';
import {
  divRoundHalfUp,
  floorDiv,
  hundredthsOrNaN,
  hundredthsToString,
  mulDivRoundHalfUp,
  parseDecimalText,
  toHundredths,
} from './decimal';
import { EngineError } from './errors';

const RUNS = { numRuns: 1000 };

describe('decimal points as integer hundredths', () => {
  it.each([
    [64.12, 6412],
    ['64.12', 6412],
    [String(64.12), 6412],
    [30, 3000],
    ['0.1', 10],
    [0.07, 7],
    [0.25, 25],
    ['-0.5', -50],
    [-0, 0],
    [' 13.50 ', 1350],
    [94.12, 9412],
  ])('%p → %p', (input, expected) => {
    expect(toHundredths(input)).toBe(expected);
  });

  it.each([
    [1.005, 'TOO_MANY_DECIMALS'],
    ['1.005', 'TOO_MANY_DECIMALS'],
    [10.0000000001, 'TOO_MANY_DECIMALS'], // a float tolerance would have let this pass
    [0.07000000000000002, 'TOO_MANY_DECIMALS'], // the next double after 0,07
    [0.1 + 0.2, 'TOO_MANY_DECIMALS'],
    [Number.NaN, 'NOT_A_NUMBER'],
    [Number.POSITIVE_INFINITY, 'NOT_A_NUMBER'],
    ['abc', 'NOT_A_NUMBER'],
    ['1e3', 'NOT_A_NUMBER'],
    ['', 'NOT_A_NUMBER'],
    ['1.', 'NOT_A_NUMBER'],
    [1e20, 'TOO_LARGE'],
  ])('refuses %p with EngineError %s', (input, code) => {
    expect(() => toHundredths(input as number, 'điểm')).toThrow(EngineError);
    expect(() => toHundredths(input as number, 'điểm')).toThrow(
      expect.objectContaining({ code, field: 'điểm' }),
    );
  });

  it('prints hundredths exactly', () => {
    expect(hundredthsToString(9412)).toBe('94.12');
    expect(hundredthsToString(3000)).toBe('30.00');
    expect(hundredthsToString(-50)).toBe('-0.50');
    expect(hundredthsToString(5)).toBe('0.05');
    expect(() => hundredthsToString(1.5)).toThrow(EngineError);
  });

  it('rounds half up exactly, also beyond 2^53, and refuses what it cannot round', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(7, 3)).toBe(2);
    expect(divRoundHalfUp(32056, 5)).toBe(6411); // 6411,2 → 6411
    expect(divRoundHalfUp(32057, 5)).toBe(6411); // 6411,4
    expect(divRoundHalfUp(32058, 4)).toBe(8015); // 8014,5 → 8015
    expect(divRoundHalfUp(2 ** 60, 3)).toBe(Number((2n ** 61n + 3n) / 6n));
    expect(mulDivRoundHalfUp(3000, 2 ** 52, 2 ** 52 + 1)).toBe(3000);
    expect(() => divRoundHalfUp(1, 0)).toThrow(
      expect.objectContaining({ code: 'DIVISION_BY_ZERO' }),
    );
    expect(() => divRoundHalfUp(-1, 2)).toThrow(expect.objectContaining({ code: 'NEGATIVE' }));
    expect(() => divRoundHalfUp(0.5, 2)).toThrow(EngineError);
  });

  it('round-trips every two-decimal value through number and text (no 0.1 + 0.2 drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (h) => {
        expect(toHundredths(hundredthsToString(h))).toBe(h);
        expect(toHundredths(Number(hundredthsToString(h)))).toBe(h);
      }),
      RUNS,
    );
  });

  it('accepts a number exactly when its decimal text has at most two decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const twoDecimals = /^-?\d+(\.\d{1,2})?$/.test(String(x));
        expect(Number.isNaN(hundredthsOrNaN(x))).toBe(!twoDecimals);
      }),
      RUNS,
    );
  });

  it('parses decimal text like a BigInt reference', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (h) => {
        const abs = h < 0n ? -h : h;
        const text = `${h < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        expect(parseDecimalText(text)).toBe(Number(h));
      }),
      RUNS,
    );
  });

  it('half-up division and floor division agree with a BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 2 ** 40 }),
        (n, d) => {
          const reference = Number((BigInt(n) * 2n + BigInt(d)) / (2n * BigInt(d)));
          expect(divRoundHalfUp(n, d)).toBe(reference);
          expect(floorDiv(n, d)).toBe(Number(BigInt(n) / BigInt(d)));
        },
      ),
      RUNS,
    );
  });
});
