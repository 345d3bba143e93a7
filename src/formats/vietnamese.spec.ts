import { EngineError } from '../engine/errors';
import {
  formatDateTimeVi,
  formatDateVi,
  formatPoints,
  formatVnd,
  vietnamIsoDate,
} from './vietnamese';

describe('Vietnamese display', () => {
  it('formats points with a decimal comma and dot thousands', () => {
    expect(formatPoints(6412)).toBe('64,12');
    expect(formatPoints(9412)).toBe('94,12');
    expect(formatPoints(3000)).toBe('30,00');
    expect(formatPoints(123450)).toBe('1.234,50');
    expect(formatPoints(-50)).toBe('-0,50');
    expect(() => formatPoints(64.12)).toThrow(EngineError);
  });

  it('formats money in whole đồng', () => {
    expect(formatVnd(6_000_000)).toBe('6.000.000 đ');
    expect(formatVnd(18_000_000)).toBe('18.000.000 đ');
    expect(formatVnd(500_000)).toBe('500.000 đ');
    expect(formatVnd(0)).toBe('0 đ');
    expect(() => formatVnd(1.5)).toThrow(EngineError);
  });

  it('formats dates in Vietnam time (UTC+7), whatever the server time zone', () => {
    expect(formatDateVi('2022-09-08T01:00:00Z')).toBe('08/09/2022');
    expect(formatDateVi('2022-09-07T18:30:00Z')).toBe('08/09/2022'); // already the 8th in Vietnam
    expect(formatDateVi('2022-09-07T16:59:00Z')).toBe('07/09/2022');
    expect(vietnamIsoDate(new Date('2022-09-07T18:30:00Z'))).toBe('2022-09-08');
    expect(vietnamIsoDate(new Date('2022-09-07T16:59:00Z'))).toBe('2022-09-07');
    expect(formatDateVi(new Date('2022-09-08T01:00:00Z'))).toBe('08/09/2022');
    expect(formatDateVi('2021-12-31')).toBe('31/12/2021'); // a calendar date is not shifted
    expect(formatDateTimeVi('2022-09-08T01:00:00Z')).toBe('08/09/2022 08:00');
    expect(formatDateTimeVi('2022-09-08T08:37:00+07:00')).toBe('08/09/2022 08:37');
    expect(formatDateTimeVi('2022-09-08T08:37')).toBe('08/09/2022 08:37'); // written in Vietnam time
  });

  it.each(['2021-02-30', 'hôm qua', '2022-13-01', '', '08/09/2022'])(
    'refuses the date %p with a typed error',
    (value) => {
      expect(() => formatDateVi(value)).toThrow(expect.objectContaining({ code: 'BAD_DATE' }));
    },
  );
});
