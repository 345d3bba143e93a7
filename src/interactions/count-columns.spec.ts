import fc from 'fast-check';
import { fieldOfHeader, mapHeader, parseCount, parseCountText } from './count-columns';

describe('column recognition', () => {
  it.each([
    ['Lượt thích', 'reactions'],
    ['LƯỢT CHIA SẺ', 'shares'],
    ['Bình luận', 'comments'],
    ['Post permalink', 'post'],
    ['Reactions', 'reactions'],
    ['Đội số', 'teamNumber'],
    ['Ghi chú', null],
  ])('%s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('needs a way to identify the entry and at least one count', () => {
    expect(mapHeader(['Đội số', 'Lượt thích'])?.get('reactions')).toBe(1);
    expect(mapHeader(['Tên đội', 'Lượt thích'])).toBeNull();
    expect(mapHeader(['Đội số', 'Ghi chú'])).toBeNull();
  });
});

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
