import { parseTakenAt } from './taken-at';

const iso = (raw: string | number | null) => parseTakenAt(raw)?.toISOString() ?? null;

describe('parseTakenAt', () => {
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
    expect(parseTakenAt(raw)).toBeNull();
  });

  it('refuses an empty cell, a number outside the years 2000-2099 and NaN', () => {
    expect(parseTakenAt(null)).toBeNull();
    expect(parseTakenAt(12)).toBeNull();
    expect(parseTakenAt(Number.NaN)).toBeNull();
  });
});
