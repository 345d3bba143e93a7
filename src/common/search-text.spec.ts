import { foldText, containsPattern } from './search-text';

describe('search text folding', () => {
  it('folds Vietnamese letters in either case and in decomposed form to their base letters', () => {
    expect(foldText('Nguyễn Văn Đạt')).toBe('nguyen van dat');
    expect(foldText('ĐẶNG THỊ MỚI')).toBe('dang thi moi');
    expect(foldText('Trương Thị Hồng'.normalize('NFD'))).toBe('truong thi hong');
  });

  it('makes a contains-pattern whose wildcards are literal', () => {
    expect(containsPattern('  Văn An ')).toBe('%van an%');
    expect(containsPattern('50%_a')).toBe('%50\\%\\_a%');
  });
});
