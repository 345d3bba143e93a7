import { foldText, matchesSearch, paginate } from './paging';

describe('paging and search of the list routes', () => {
  const rows = Array.from({ length: 57 }, (_, i) => ({ n: i + 1, name: `Đội Tài chính ${i + 1}` }));

  it('cuts one page and counts every matching row', () => {
    const page = paginate(rows, { page: 3, limit: 25 }, (r) => [r.name]);
    expect(page.body.map((r) => r.n)).toEqual([51, 52, 53, 54, 55, 56, 57]);
    expect(page.total).toBe(57);
    expect(paginate(rows, { page: 4, limit: 25 }).body).toEqual([]);
  });

  it('answers every row when no page is asked for (callers written before paging)', () => {
    expect(paginate(rows, {}).body).toHaveLength(57);
  });

  it('searches every word, without case or Vietnamese diacritics', () => {
    expect(foldText('  Đội  TÀI chính ')).toBe('doi tai chinh');
    expect(matchesSearch('tai chinh 12', ['Đội Tài chính 12'])).toBe(true);
    expect(matchesSearch('12 doi', ['Đội Tài chính 12'])).toBe(true);
    expect(matchesSearch('tu phap', ['Đội Tài chính 12'])).toBe(false);
    expect(matchesSearch('   ', ['x'])).toBe(true);
    const found = paginate(rows, { q: 'chinh 5', limit: 3 }, (r) => [r.name]);
    expect(found.body.map((r) => r.n)).toEqual([5, 15, 25]);
    expect(found.total).toBe(13); // 5, 15, 25, 35, 45 and 50-57
  });
});
