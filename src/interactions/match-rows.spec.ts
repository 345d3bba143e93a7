import { type EntryKey, RowMatcher } from './match-rows';

const PAGE = 'https://www.facebook.com/hoithi';
const entry = (n: number, postUrl: string | null): EntryKey => ({
  entryId: `e${n}`,
  teamNumber: n,
  postUrl,
});

function match(entries: EntryKey[], rows: string[][]) {
  const matcher = new RowMatcher(entries, new Date('2022-08-20T08:00:00Z'), new Date());
  [['Địa chỉ bài đăng', 'Lượt thích', 'Lượt chia sẻ'], ...rows].forEach((cells, i) =>
    matcher.push(i + 1, cells),
  );
  return matcher.finish();
}

describe('matching a counts file by post address', () => {
  it('finds an entry by another spelling of its post, or by the post id alone', () => {
    const found = match(
      [entry(1, `${PAGE}/posts/11`), entry(2, `${PAGE}/videos/22`)],
      [
        ['https://m.facebook.com/hoithi/posts/11/?ref=share', '5', '1'],
        ['104_22', '7', '2'],
      ],
    );
    expect(found.errors).toEqual([]);
    expect(found.readings[0]!.rows.map((r) => [r.line, r.teamNumber])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it('refuses a row whose post two entries share, rather than giving it to either', () => {
    // recorded before two spellings of one post were refused at publication
    const shared = [
      entry(1, `${PAGE}/posts/11`),
      entry(2, 'https://m.facebook.com/hoithi/posts/11/'),
    ];
    const found = match(shared, [[`${PAGE}/posts/11`, '5', '1']]);
    expect(found.readings).toEqual([]);
    expect(found.errors).toEqual([
      {
        line: 2,
        column: 'Địa chỉ bài đăng',
        code: 'POST_SHARED',
        message:
          'Dòng 2, cột "Địa chỉ bài đăng": bài đăng này được gán cho nhiều đội (1, 2); sửa địa chỉ bài đăng của các đội đó rồi nhập lại.',
      },
    ]);
  });
});
