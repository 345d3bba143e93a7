import { sampleResultsDocument } from '../../test/support/sample-results';
import { ceremonyAwards } from './ceremony-order';

describe('ceremonyAwards', () => {
  it('announces side prizes first, then the ranked prizes from the last place to the first', () => {
    const order = ceremonyAwards(sampleResultsDocument()).map(
      (a) => `${a.prizeName} · ${a.teamNumber}`,
    );
    expect(order).toEqual([
      'Giải phụ cá nhân · 2',
      'Giải phụ tập thể · 4',
      'Giải Khuyến khích · 5',
      'Giải Khuyến khích · 4',
      'Giải Ba · 3',
      'Giải Nhì · 2',
      'Giải Nhất · 1',
    ]);
  });

  it('leaves out certificates and carries what the screen shows', () => {
    const awards = ceremonyAwards(sampleResultsDocument());
    expect(awards.some((a) => a.prizeName.startsWith('Giấy khen'))).toBe(false);
    expect(awards.at(-1)).toEqual({
      prizeName: 'Giải Nhất',
      kind: 'ranked',
      teamNumber: 1,
      teamName: 'Đội phường Hiệp Thành',
      unitName: 'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
      entryName: 'Chính quyền 24 giờ',
      rankingScore: '179.12',
      memberName: null,
      sponsor: null,
    });
    expect(awards[0]!.memberName).toBe('Đặng Thị Thúy Hằng');
  });
});
