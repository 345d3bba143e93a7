import { MAX_ROWS_PER_SHEET, WorkbookParser } from './parse-workbook';

describe('WorkbookParser', () => {
  it('bounds the errors of a CSV made of rows outside any sheet (memory and time)', () => {
    const parser = new WorkbookParser();
    const rows = MAX_ROWS_PER_SHEET * 3;
    for (let line = 1; line <= rows; line++) parser.push(null, line, ['a']);
    const { errors } = parser.finish();
    expect(errors.filter((e) => e.code === 'OUTSIDE_SHEET')).toHaveLength(MAX_ROWS_PER_SHEET);
    expect(errors.filter((e) => e.code === 'TOO_MANY_ROWS')).toEqual([
      expect.objectContaining({ sheet: 'Tệp CSV', row: MAX_ROWS_PER_SHEET + 1 }),
    ]);
  });
});
