// the shared formatter, as every bench imports it
import { fmt } from '../bench/support';

/** The benchmarks print their figures as the project shows numbers: 64,12 · 6.000.000. */
describe('bench figures (Vietnamese numbers)', () => {
  it('groups thousands with dots and writes decimals after a comma', () => {
    expect(fmt(1234.5)).toBe('1.234,5');
    expect(fmt(0.96, 2)).toBe('0,96');
    expect(fmt(6_000_000, 0)).toBe('6.000.000');
    expect(fmt(64.123, 2)).toBe('64,12');
    expect(fmt(999.96, 1)).toBe('1.000');
  });

  it('drops trailing zeros unless asked to keep them', () => {
    expect(fmt(1.5, 2)).toBe('1,5');
    expect(fmt(12, 1)).toBe('12');
    expect(fmt(1.2, 2, 'keep')).toBe('1,20');
    expect(fmt(0.5, 2, 'keep')).toBe('0,50');
  });

  it('keeps a sign only on what does not round to zero', () => {
    expect(fmt(-1234.56, 1)).toBe('-1.234,6');
    expect(fmt(-0.04, 1)).toBe('0');
    expect(fmt(Number.NaN)).toBe('NaN');
  });
});
