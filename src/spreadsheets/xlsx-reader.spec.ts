import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflatedZeros, xlsxWithSheet } from '../../test/support/zip';
import type { Cell } from './sheet-row';
import { readSpreadsheet } from './read-spreadsheet';
import { readXlsx, XLSX_LIMITS } from './xlsx-reader';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cchc-xlsx-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function rowsOf(path: string): Promise<[number, Cell[]][]> {
  const rows: [number, Cell[]][] = [];
  await readXlsx(path, (line, cells) => rows.push([line, [...cells]]));
  return rows;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('readXlsx (streamed, in a worker)', () => {
  it('with allSheets, reads every worksheet in order, each row with its worksheet name', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Đơn vị').addRows([['Tên đơn vị'], ['Phường 1']]);
    workbook.addWorksheet('Trống');
    workbook.addWorksheet('Đội thi').addRows([
      ['Số đội', 'Tên đội'],
      [1, { formula: '"Đội "&"A"', result: 'Đội A' }],
    ]);
    const path = await file('all-sheets.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const rows: [string | undefined, number, Cell[]][] = [];
    const read = await readSpreadsheet(
      path,
      (line, cells, sheet) => rows.push([sheet, line, [...cells]]),
      undefined,
      { allSheets: true },
    );
    expect(read.format).toBe('xlsx');
    expect(rows).toEqual([
      ['Đơn vị', 1, ['Tên đơn vị']],
      ['Đơn vị', 2, ['Phường 1']],
      ['Đội thi', 1, ['Số đội', 'Tên đội']],
      ['Đội thi', 2, [1, 'Đội A']],
    ]);
    // without it: the first worksheet only, rows without a name
    const first: unknown[] = [];
    await readSpreadsheet(path, (line, _cells, sheet) => first.push([sheet, line]));
    expect(first).toEqual([
      [undefined, 1],
      [undefined, 2],
    ]);
  });

  it('reads every kind of cell as ExcelJS gave it: values, never formulas; first sheet only', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['BẢNG TỔNG HỢP']);
    sheet.mergeCells('A1:C1');
    sheet.addRow(['Đội số', 'Lượt thích', 'Thời điểm', 'Ghi chú']);
    sheet.addRow([
      5,
      { formula: 'SUM(1000,700)', result: 1700 },
      new Date(Date.UTC(2022, 7, 30, 17)),
      true,
    ]);
    sheet.getCell('C3').numFmt = 'dd/mm/yyyy hh:mm';
    sheet.getRow(4).height = 30; // empty, but written
    sheet.addRow([
      { richText: [{ text: 'Đội ' }, { text: '1', font: { bold: true } }] },
      '830',
      { text: 'liên kết', hyperlink: 'https://example.org' },
      1.5,
    ]);
    sheet.getCell('F5').value = 'xa';
    workbook.addWorksheet('Ghi chú').addRow([7, 1, 1]);
    const path = await file('kinds.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(await rowsOf(path)).toEqual([
      [1, ['BẢNG TỔNG HỢP']],
      [2, ['Đội số', 'Lượt thích', 'Thời điểm', 'Ghi chú']],
      [3, [5, 1700, '2022-08-30 17:00:00', 'true']],
      [5, ['Đội 1', '830', 'liên kết', 1.5, null, 'xa']],
    ]);
  });

  it('stops a sheet that inflates past its declared 4 KiB (300 MiB of zeros): 413 code', async () => {
    const packed = await deflatedZeros(300 * 1024 * 1024);
    const path = await file('lying.xlsx', xlsxWithSheet({ packed, declaredSize: 4096 }));
    expect(await codeOf(rowsOf(path))).toBe('SPREADSHEET_TOO_LARGE_UNCOMPRESSED');
  });

  it('terminates the worker past its time limit', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('a').addRow([1, 2, 3]);
    const path = await file('slow.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    // a worker takes far more than 1 ms to start: the limit always passes first
    const slow = readXlsx(path, () => {}, { ...XLSX_LIMITS, timeoutMs: 1 });
    expect(await codeOf(slow)).toBe('SPREADSHEET_TOO_SLOW');
    expect(await rowsOf(path)).toEqual([[1, [1, 2, 3]]]);
  });

  it('a damaged sheet (bad XML, not UTF-8) is CORRUPT_XLSX, promptly', async () => {
    const badXml = await file('bad.xlsx', xlsxWithSheet({ data: '<worksheet><sheetData><row>' }));
    expect(await codeOf(rowsOf(badXml))).toBe('CORRUPT_XLSX');
    const latin1 = await file(
      'latin1.xlsx',
      xlsxWithSheet({
        data: Buffer.from('<worksheet><sheetData>é</sheetData></worksheet>', 'latin1'),
      }),
    );
    expect(await codeOf(rowsOf(latin1))).toBe('CORRUPT_XLSX');
  });
});

describe('readSpreadsheet: one import at a time per contest', () => {
  it('a second read for the same contest while the first runs is 409 IMPORT_IN_PROGRESS', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('a').addRow(['Đội số', 'Lượt thích']);
    const path = await file('one.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const first = readSpreadsheet(path, () => {}, 'contest-a');
    const second = readSpreadsheet(path, () => {}, 'contest-a').catch(
      (error: { kind: string; code: string; details: { field: string }[] }) => error,
    );
    const other = readSpreadsheet(path, () => {}, 'contest-b');
    expect(await second).toMatchObject({
      kind: 'conflict',
      code: 'IMPORT_IN_PROGRESS',
      details: [{ field: 'file' }],
    });
    expect((await first).format).toBe('xlsx');
    expect((await other).format).toBe('xlsx');
    // released once read, also after a failure
    await expect(readSpreadsheet(path, () => {}, 'contest-a')).resolves.toMatchObject({
      format: 'xlsx',
    });
    const broken = await file('broken.xlsx', Buffer.from('PK\x03\x04 nothing else'));
    await expect(readSpreadsheet(broken, () => {}, 'contest-a')).rejects.toMatchObject({
      code: 'CORRUPT_ZIP',
    });
    await expect(readSpreadsheet(path, () => {}, 'contest-a')).resolves.toBeDefined();
  });
});
