import ExcelJS from 'exceljs';
import { open } from 'node:fs/promises';
import type { Cell } from './match-rows';

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
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** The end record (22 bytes) follows at most a 65.535-byte comment. */
const MAX_TAIL = 22 + 0xffff;

/**
 * Checks a zip's central directory before anything inflates it: the declared uncompressed
 * total and the entry count must stay under caps (zip bombs are refused unread). Only the end
 * of the file and the directory are read.
 */
export async function assertSafeZip(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, MAX_TAIL);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const end = tailLength >= 22 ? tail.lastIndexOf(END_OF_CENTRAL_DIRECTORY, tailLength - 22) : -1;
    if (end < 0)
      throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng (không đọc được mục lục zip).');
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const offset = tail.readUInt32LE(end + 16);
    if (entries === 0xffff || offset === 0xffffffff)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel quá lớn hoặc dùng ZIP64.');
    if (entries > MAX_ENTRIES)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel có quá nhiều thành phần.');
    if (offset + directorySize > size - tailLength + end)
      throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng.');
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, offset);
    checkDirectory(directory, entries);
  } finally {
    await file.close();
  }
}

function checkDirectory(directory: Buffer, entries: number) {
  let total = 0;
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) {
      throw new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng.');
    }
    const compressed = directory.readUInt32LE(p + 20);
    const uncompressed = directory.readUInt32LE(p + 24);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel dùng ZIP64, không được hỗ trợ.');
    total += uncompressed;
    if (total > MAX_UNCOMPRESSED)
      throw new SpreadsheetError('ZIP_BOMB', 'Tệp Excel giải nén ra quá lớn (nghi ngờ zip bomb).');
    p +=
      46 +
      directory.readUInt16LE(p + 28) +
      directory.readUInt16LE(p + 30) +
      directory.readUInt16LE(p + 32);
  }
}

/**
 * Hands over the rows of the first worksheet as they are read, values only: formula cells
 * give their cached result and are never evaluated; empty rows are skipped. The workbook is
 * streamed (ExcelJS's streaming reader): a 100.000-row sheet is never held whole as cell
 * objects, which took ~235 MB for a 2,3 MB file read at once. A merged area's value comes once,
 * from its top-left cell (the file stores no value in the others). "First" is the first
 * worksheet stored in the file, which is the first tab in files saved by Excel; the others are
 * read through and ignored.
 */
export async function readXlsx(path: string, onRow: (line: number, cells: Cell[]) => void) {
  await assertSafeZip(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // to tell date cells
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  let rowError: unknown = null;
  try {
    for await (const sheet of reader) {
      const first = sheets++ === 0;
      for await (const row of sheet) {
        if (!first || !row.hasValues) continue;
        const cells: Cell[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = plainValue(cell);
        });
        try {
          onRow(
            row.number,
            Array.from(cells, (c) => c ?? null),
          );
        } catch (error) {
          rowError = error;
          throw error;
        }
      }
    }
  } catch (error) {
    if (error === rowError) throw error;
    throw new SpreadsheetError('CORRUPT_XLSX', 'Không đọc được tệp Excel (.xlsx).');
  }
  if (sheets === 0) throw new SpreadsheetError('EMPTY_XLSX', 'Tệp Excel không có trang tính nào.');
}

function plainValue(cell: ExcelJS.Cell): Cell {
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
