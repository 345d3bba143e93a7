import { MAX_ROWS_PER_SHEET, WorkbookParser } from './parse-workbook';
import { MAX_COLUMNS } from '../spreadsheets/xlsx-rows';

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

describe('WorkbookParser columns', () => {
  it('reads the first MAX_COLUMNS cells of a CSV row, as of an XLSX row (a header of millions of cells)', () => {
    const parser = new WorkbookParser();
    parser.push(null, 1, ['[Đội thi]']);
    const header = [
      'Ghi chú',
      ...Array<string>(MAX_COLUMNS - 1).fill(''),
      'Số đội',
      'Tên đội',
      'Đơn vị',
    ];
    parser.push(null, 2, header);
    const { errors } = parser.finish();
    expect(errors.map((e) => `${e.code} ${e.columnName}`)).toEqual([
      'COLUMN_MISSING Số đội',
      'COLUMN_MISSING Tên đội',
      'COLUMN_MISSING Đơn vị',
    ]);
  });
});

describe('WorkbookParser team numbers', () => {
  it('takes ASCII whole numbers only: not "1e3", Arabic-Indic or full-width digits, hex or decimals', () => {
    const parser = new WorkbookParser();
    parser.push('Đội thi', 1, ['Số đội', 'Tên đội', 'Đơn vị']);
    const typed: (string | number)[] = [
      '1e3',
      '٣',
      '１２',
      '0x10',
      '5.5',
      '-1',
      5.5,
      1e21,
      1000,
      ' 7 ',
    ];
    typed.forEach((number, i) => parser.push('Đội thi', i + 2, [number, `Đội ${i}`, 'Phường 1']));
    const { teams, errors } = parser.finish();
    expect(teams.map((t) => t.number)).toEqual([1000, 7]);
    expect(errors.map((e) => `${e.row} ${e.code}`)).toEqual(
      [2, 3, 4, 5, 6, 7, 8, 9].map((row) => `${row} TEAM_NUMBER_INVALID`),
    );
  });
});
