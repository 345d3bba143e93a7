import fc from 'fast-check';
import { vndInWords } from './amount-in-words';

const DIGIT_WORDS: Record<string, bigint> = {
  không: 0n,
  một: 1n,
  mốt: 1n,
  hai: 2n,
  ba: 3n,
  bốn: 4n,
  tư: 4n,
  năm: 5n,
  lăm: 5n,
  sáu: 6n,
  bảy: 7n,
  tám: 8n,
  chín: 9n,
};

/** An independent reader of the words, to check that every amount reads back as itself. */
function readBack(text: string): bigint {
  let total = 0n; // whole tỷ already read
  let section = 0n; // nghìn and triệu below the current tỷ
  let group = 0n; // below one thousand
  let pending = 0n; // the last digit word
  for (const word of text
    .toLowerCase()
    .replace(/ đồng$/, '')
    .split(' ')) {
    if (word in DIGIT_WORDS) pending = DIGIT_WORDS[word]!;
    else if (word === 'mười') group += 10n;
    else if (word === 'mươi') [group, pending] = [group + pending * 10n, 0n];
    else if (word === 'trăm') [group, pending] = [group + pending * 100n, 0n];
    else if (word === 'linh') continue;
    else if (word === 'nghìn' || word === 'triệu') {
      section += (group + pending) * (word === 'nghìn' ? 1000n : 1_000_000n);
      [group, pending] = [0n, 0n];
    } else if (word === 'tỷ') {
      total = (total + section + group + pending) * 1_000_000_000n;
      [section, group, pending] = [0n, 0n, 0n];
    } else throw new Error(`unexpected word "${word}" in "${text}"`);
  }
  return total + section + group + pending;
}

describe('amounts in words (Vietnamese)', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [500_000, 'Năm trăm nghìn đồng'],
    [2_000_000, 'Hai triệu đồng'],
    [6_000_000, 'Sáu triệu đồng'],
    [17_500_000, 'Mười bảy triệu năm trăm nghìn đồng'],
    [18_000_000, 'Mười tám triệu đồng'],
    [21_000_000, 'Hai mươi mốt triệu đồng'],
    [1_050_000, 'Một triệu không trăm năm mươi nghìn đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_200_000_000, 'Một tỷ hai trăm triệu đồng'],
    [2_000_000_000_000, 'Hai nghìn tỷ đồng'],
    [3_000_000_001_000, 'Ba nghìn tỷ không trăm linh một nghìn đồng'],
  ])('%d → %s', (amount, words) => {
    expect(vndInWords(amount)).toBe(words);
  });

  it('refuses what is not a whole, non-negative number of đồng', () => {
    for (const bad of [-1, 0.5, Number.NaN, 2 ** 60])
      expect(() => vndInWords(bad)).toThrow(expect.objectContaining({ code: 'NOT_AN_INTEGER' }));
  });

  it('every amount reads as well-formed words: capitalised, single spaces, ends in "đồng"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
        const words = vndInWords(amount);
        expect(words).toMatch(/^[A-ZĐÂĂÊÔƠƯ]\S*( \S+)* đồng$/u);
        expect(words).not.toMatch(/undefined|  /);
        // a scale never follows another one directly ("triệu nghìn"), except "nghìn tỷ"
        expect(words).not.toMatch(/(triệu|tỷ) nghìn(?! tỷ)|triệu triệu/);
        // and it reads back as the same amount
        expect(readBack(words)).toBe(BigInt(amount));
      }),
      { numRuns: 2000 },
    );
  });
});
