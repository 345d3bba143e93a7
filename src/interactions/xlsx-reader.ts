import ExcelJS from 'exceljs';
import type { SheetRow } from './match-rows';

export class SpreadsheetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_UNCOMPRESSED = 100 * 1024 * 1024;
const MAX_ENTRIES = 5000;

/**
 * Checks a zip's central directory before anything inflates it: the declared uncompressed
 * total and the entry count must stay under caps (zip bombs are refused unread).
 */
export function assertSafeZip(buffer: Buffer): void {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), buffer.length - 22);
  if (eocd < 0 || eocd + 22 > buffer.length)
    throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng (không đọc được mục lục zip).');
  const entries = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff)
    throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel quá lớn hoặc dùng ZIP64.');
  if (entries > MAX_ENTRIES)
    throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel có quá nhiều thành phần.');
  if (offset + size > eocd) throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng.');
  let total = 0;
  let p = offset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buffer.length || buffer.readUInt32LE(p) !== 0x02014b50) {
      throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng.');
    }
    const compressed = buffer.readUInt32LE(p + 20);
    const uncompressed = buffer.readUInt32LE(p + 24);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel dùng ZIP64, không được hỗ trợ.');
    total += uncompressed;
    if (total > MAX_UNCOMPRESSED)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel giải nén ra quá lớn (nghi ngờ zip bomb).');
    p +=
      46 + buffer.readUInt16LE(p + 28) + buffer.readUInt16LE(p + 30) + buffer.readUInt16LE(p + 32);
  }
}

/**
 * Rows of the first worksheet, values only: formula cells give their cached result and are
 * never evaluated; merged cells give their value once (in the top-left cell).
 */
export async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  assertSafeZip(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError('CORRUPT_XLSX', 'Không đọc được tệp Excel (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('EMPTY_XLSX', 'Tệp Excel không có trang tính nào.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plainValue(cell);
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? null) });
  });
  return rows;
}

function plainValue(cell: ExcelJS.Cell): string | number | null {
  if (cell.isMerged && cell.master !== cell) return null;
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // ExcelJS gives a date cell's wall-clock time as if it were UTC; it is passed on without a
  // zone ("2022-08-30 17:00:00"), so the reader of the cell takes it as Vietnam's time.
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    if ('result' in value) {
      const result = (value as { result?: unknown }).result;
      return typeof result === 'number' || typeof result === 'string' ? result : null;
    }
    if ('richText' in value)
      return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return null;
}
