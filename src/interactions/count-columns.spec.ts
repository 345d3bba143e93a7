import { fieldOfHeader, mapHeader } from './count-columns';

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
