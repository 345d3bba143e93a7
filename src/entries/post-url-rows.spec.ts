import { planPostUrls, type PostTarget } from './post-url-rows';

const PAGE = 'https://www.facebook.com/hoithi';
const target = (n: number, name: string, extra: Partial<PostTarget> = {}): PostTarget => ({
  entryId: `e${n}`,
  teamNumber: n,
  teamName: name,
  status: 'approved',
  postUrl: null,
  ...extra,
});

describe('post addresses from CSV lines', () => {
  const targets = [
    target(1, 'Đội Tài chính'),
    target(2, 'Đội Tư pháp', { postUrl: `${PAGE}/posts/2` }),
    target(3, 'Đội Một cửa'),
    target(4, 'Đội Một cửa'),
    target(5, 'Đội Nội vụ', { status: 'submitted' }),
  ];

  it('reads numbers in several spellings and names without diacritics; skips a header line', () => {
    const plan = planPostUrls(
      `Đội;Địa chỉ\nĐội số 1;${PAGE}/posts/1\ndoi tu phap;${PAGE}/posts/22\n`,
      PAGE,
      targets,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.teamNumber, r.change, r.previous])).toEqual([
      [2, 1, 'new', null],
      [3, 2, 'replace', `${PAGE}/posts/2`],
    ]);
    expect(plan.stillMissing.map((m) => m.teamNumber)).toEqual([3, 4]);
  });

  it('asks for the number when a name is shared, and refuses entries not approved', () => {
    const plan = planPostUrls(`Đội Một cửa,${PAGE}/posts/3\n5,${PAGE}/posts/5`, PAGE, targets);
    expect(plan.errors.map((e) => e.message)).toEqual([
      'Dòng 1: có 2 đội tên “Đội Một cửa”; hãy ghi số đội (3, 4).',
      'Dòng 2: sản phẩm của đội 5 chưa được duyệt (đang: đã nộp, chờ duyệt); chỉ nhập địa chỉ cho sản phẩm đã duyệt.',
    ]);
  });

  it('an address may move between entries of the file, not onto one the file leaves alone', () => {
    const swap = planPostUrls(`1,${PAGE}/posts/2\n2,${PAGE}/posts/1`, PAGE, targets);
    expect(swap.errors).toEqual([]);
    const taken = planPostUrls(`1,${PAGE}/posts/2`, PAGE, targets);
    expect(taken.errors[0]!.message).toBe('Dòng 1: địa chỉ đã gán cho đội 2 (Đội Tư pháp).');
  });

  it('the same post written two ways is one address (mobile site, tracking, post id)', () => {
    const twice = planPostUrls(
      `1,${PAGE}/posts/7\n3,https://m.facebook.com/hoithi/posts/7/?ref=share`,
      PAGE,
      targets,
    );
    expect(twice.errors.map((e) => e.code)).toEqual(['POST_ROW_DUPLICATE_URL']);
    const held = planPostUrls(
      `1,https://www.facebook.com/permalink.php?story_fbid=2&id=hoithi`,
      PAGE,
      targets,
    );
    expect(held.errors[0]!.message).toBe('Dòng 1: địa chỉ đã gán cho đội 2 (Đội Tư pháp).');
  });

  it('an empty text says what a line should hold', () => {
    expect(planPostUrls('\n\n', PAGE, targets).errors[0]!.code).toBe('POST_ROWS_EMPTY');
  });
});
