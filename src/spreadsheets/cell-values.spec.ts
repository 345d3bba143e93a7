import fc from 'fast-check';
import { parseCount, parseCountText, parseDateTime } from './cell-values';

describe('counts as people type them', () => {
  it.each([
    ['1234', 1234],
    ['1.234', 1234],
    ['1,234', 1234],
    ['1 234', 1234],
    ['12.345.678', 12345678],
    [' 0 ', 0],
    [42, 42],
  ])('%p → %p', (raw, value) => {
    expect(parseCount(raw)).toBe(value);
  });

  it.each(['-5', '1.5', '12,5', 'mười', '1.23', '1.234,5', '', '1,234.567'])(
    'rejects %p',
    (raw) => {
      expect(parseCount(raw)).toBeNull();
    },
  );

  it('rejects negative and fractional numbers from spreadsheets', () => {
    expect(parseCount(-1)).toBeNull();
    expect(parseCount(2.5)).toBeNull();
  });
});

describe('count reading: the one-pass scan and the general path agree', () => {
  it('on any text of digits, separators, spaces and a few other characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789.., \u00a0\t-x'.split('')), { maxLength: 14 }),
        (chars) => {
          const text = chars.join('');
          expect(parseCount(text)).toBe(parseCountText(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('on long digit runs, where only safe integers are counts', () => {
    for (const text of ['9007199254740991', '9007199254740993', '1'.repeat(30), '999.999.999'])
      expect(parseCount(text)).toBe(parseCountText(text));
  });
});

const iso = (raw: string | number | null) => parseDateTime(raw)?.toISOString() ?? null;

describe('parseDateTime', () => {
  it.each([
    ['30/08/2022 17:00', '2022-08-30T10:00:00.000Z'],
    ['30/08/2022 17:00:30', '2022-08-30T10:00:30.000Z'],
    ['30/8/2022 7h05', '2022-08-30T00:05:00.000Z'],
    ['30-08-2022', '2022-08-29T17:00:00.000Z'],
    [' 01.09.2022 ', '2022-08-31T17:00:00.000Z'],
    ['2022-08-30 17:00', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T17:00:00', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T17:00:00+07:00', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T10:00:00Z', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T10:00:00.250Z', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T12:30:00+0230', '2022-08-30T10:00:00.000Z'],
    ['2022-08-30T05:00:00-05:00', '2022-08-30T10:00:00.000Z'],
  ])('%s is %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads an Excel date number as Vietnam time', () => {
    // 44803 is 30/08/2022; .5 is noon
    expect(iso(44803.5)).toBe('2022-08-30T05:00:00.000Z');
    expect(iso(44803)).toBe('2022-08-29T17:00:00.000Z');
  });

  it.each([
    ['31/02/2022'],
    ['29/02/2023'],
    ['30/08/2022 24:00'],
    ['30/08/2022 17:60'],
    ['13/13/2022'],
    ['2022-13-01'],
    ['30/08/1999'],
    ['hôm qua'],
    [''],
    ['2022-08-30T17:00:00+15:00'],
    ['1234'],
  ])('refuses %s', (raw) => {
    expect(parseDateTime(raw)).toBeNull();
  });

  it('refuses an empty cell, a number outside the years 2000-2099 and NaN', () => {
    expect(parseDateTime(null)).toBeNull();
    expect(parseDateTime(12)).toBeNull();
    expect(parseDateTime(Number.NaN)).toBeNull();
  });
});
