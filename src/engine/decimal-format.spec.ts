import fc from 'fast-check';
import { divRoundHalfUp, hundredthsToString, mulDivRoundHalfUp, toHundredths } from './decimal';
import { EngineError } from './errors';
import { formatDateTimeVi, formatDateVi, formatPoints, formatVnd } from './format';

describe('decimal points', () => {
  it.each([
    [64.12, 6412],
    ['64.12', 6412],
    [30, 3000],
    ['0.1', 10],
    [0.25, 25],
    ['-0.5', -50],
    [94.12, 9412],
  ])('%p → %p hundredths', (input, expected) => {
    expect(toHundredths(input)).toBe(expected);
  });

  it.each([[1.005], ['1.005'], [Number.NaN], [Number.POSITIVE_INFINITY], ['abc'], ['1e3'], ['']])(
    'refuses %p with a typed error',
    (input) => {
      expect(() => toHundredths(input as number)).toThrow(EngineError);
    },
  );

  it('prints hundredths exactly', () => {
    expect(hundredthsToString(9412)).toBe('94.12');
    expect(hundredthsToString(3000)).toBe('30.00');
    expect(hundredthsToString(-50)).toBe('-0.50');
    expect(hundredthsToString(5)).toBe('0.05');
  });

  it('rounds half up exactly, also beyond 2^53', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(7, 3)).toBe(2);
    expect(divRoundHalfUp(32056, 5)).toBe(6411); // 6411,2 → 6411
    expect(mulDivRoundHalfUp(3000, 2 ** 52, 2 ** 52 + 1)).toBe(3000);
  });

  it('round-trips every two-decimal value (no 0.1 + 0.2 drift)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (h) => {
        expect(toHundredths(hundredthsToString(h))).toBe(h);
        expect(toHundredths(Number(hundredthsToString(h)))).toBe(h);
      }),
      { numRuns: 1000 },
    );
  });

  it('divRoundHalfUp agrees with a BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 2 ** 20 }),
        (n, d) => {
          const reference = Number((BigInt(n) * 2n + BigInt(d)) / (2n * BigInt(d)));
          expect(divRoundHalfUp(n, d)).toBe(reference);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('Vietnamese formats', () => {
  it('formats points, money and dates the Vietnamese way', () => {
    expect(formatPoints(6412)).toBe('64,12');
    expect(formatPoints(9412)).toBe('94,12');
    expect(formatPoints(123450)).toBe('1.234,50');
    expect(formatPoints(3000)).toBe('30,00');
    expect(formatVnd(6_000_000)).toBe('6.000.000 đ');
    expect(formatVnd(18_000_000)).toBe('18.000.000 đ');
    expect(formatVnd(500_000)).toBe('500.000 đ');
    expect(formatDateVi('2022-09-08T01:00:00Z')).toBe('08/09/2022');
    expect(formatDateVi('2022-09-07T18:30:00Z')).toBe('08/09/2022'); // already the 8th in Vietnam
    expect(formatDateTimeVi('2022-09-08T01:00:00Z')).toBe('08/09/2022 08:00');
  });
});
