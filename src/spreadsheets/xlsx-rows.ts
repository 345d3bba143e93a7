import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { InflateLimitError, type InflateBudget } from '../storage/sniff/bounded-inflate';
import { fileSource } from '../storage/sniff/sniff-file';
import { SniffError, ZIP_BOMB, type ByteSource } from '../storage/sniff/types';
import { readZipDirectory, type ZipEntry } from '../storage/sniff/zip';
import type { Cell, SheetRow } from './sheet-row';
import {
  attr,
  corrupt,
  findWorkbook,
  parsePart,
  readDateStyles,
  readSharedStrings,
} from './xlsx-parts';
import { SpreadsheetError } from './spreadsheet-error';

/**
 * The rows of an XLSX file's first worksheet, read as a stream: the zip's directory is checked
 * first, then each part is inflated by the bounded inflater (an entry that inflates past its
 * declared size, or all of them past MAX_INFLATED_BYTES, stops there) and parsed by a SAX
 * parser as it inflates. Memory holds the shared strings and one batch of rows, never the
 * sheet. Everything here is our own loop over our own streams: a damaged part is an error at
 * the byte where it is found, never a wait (ExcelJS's streaming reader hung on those).
 *
 * Runs in a worker thread (`xlsx-worker.ts`), with a heap limit and a time limit around it.
 */

/** A 10 MB workbook of plain figures inflates to ~100 MB of sheet XML; this leaves room. */
export const MAX_INFLATED_BYTES = 160 * 1024 * 1024;
const MAX_ENTRIES = 5000;
/** Import files have a handful of columns (an insights export ~30); later cells are ignored. */
export const MAX_COLUMNS = 200;
const ROWS_PER_BATCH = 500;

/** "AB12" → 27 (0-based column), or undefined when the reference has no letters. */
function columnOf(ref: string | undefined): number | undefined {
  if (!ref) return undefined;
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return i === 0 ? undefined : column - 1;
}

/** Excel's serial day number as the wall-clock time it shows, written without a zone. */
function serialDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 19).replace('T', ' ');
}

interface CellState {
  column: number;
  type: string;
  style: number;
  value: string[];
  inline: string[];
}

function cellValue(
  cell: CellState,
  strings: readonly string[],
  dateStyles: ReadonlySet<number>,
  date1904: boolean,
): Cell {
  const text = cell.value.join('');
  switch (cell.type) {
    case 's': {
      if (text === '') return null;
      const shared = strings[Number(text)];
      if (shared === undefined) throw corrupt();
      return shared;
    }
    case 'inlineStr':
      return cell.inline.join('');
    case 'str':
      return text;
    case 'b':
      return text === '' ? null : String(text === '1' || text === 'true');
    case 'e':
      return null;
    case 'd': {
      const date = new Date(text);
      return Number.isNaN(date.getTime())
        ? null
        : date.toISOString().slice(0, 19).replace('T', ' ');
    }
    default: {
      if (text.trim() === '') return null;
      const number = Number(text);
      if (!Number.isFinite(number)) return null;
      return dateStyles.has(cell.style) ? serialDate(number, date1904) : number;
    }
  }
}

/**
 * Reads the first worksheet of the XLSX file at `path` (or, with `allSheets`, every worksheet
 * in the workbook's order, each row carrying its worksheet's name) and hands its non-empty rows to
 * `onRows` in batches, values only: a formula gives its cached result (never evaluated), a
 * merged range its value once (Excel stores it in the top-left cell only), a date-formatted
 * number the wall-clock time it shows ("2022-08-30 17:00:00", no zone). Returns the file's
 * SHA-256. Throws SpreadsheetError.
 */
export async function readXlsxRows(
  path: string,
  onRows: (rows: SheetRow[]) => void,
  maxInflatedBytes = MAX_INFLATED_BYTES,
  allSheets = false,
): Promise<{ sha256: string }> {
  const file = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    for await (const piece of file.createReadStream({ start: 0, autoClose: false }))
      hash.update(piece as Buffer);
    const { size } = await file.stat();
    const src = fileSource(file, size);
    const budget: InflateBudget = { limit: maxInflatedBytes, used: 0 };
    const list = await readZipDirectory(src, {
      maxUncompressedBytes: maxInflatedBytes,
      maxEntries: MAX_ENTRIES,
    }).catch((error: unknown) => {
      throw asSpreadsheetError(error, 'CORRUPT_ZIP');
    });
    try {
      const entries = new Map(list.map((e) => [e.name, e]));
      const book = await findWorkbook(src, entries, budget);
      const strings = book.sharedStrings
        ? await readSharedStrings(src, book.sharedStrings, budget)
        : [];
      const dateStyles = book.styles
        ? await readDateStyles(src, book.styles, budget)
        : new Set<number>();
      const read = { strings, dateStyles, date1904: book.date1904 };
      if (!allSheets) await readSheet(src, book.sheets[0]!.entry, budget, read, onRows);
      else
        for (const { name, entry } of book.sheets)
          await readSheet(src, entry, budget, read, onRows, name);
    } catch (error) {
      throw asSpreadsheetError(error, 'CORRUPT_XLSX');
    }
    return { sha256: hash.digest('hex') };
  } finally {
    await file.close();
  }
}

async function readSheet(
  src: ByteSource,
  sheet: ZipEntry,
  budget: InflateBudget,
  {
    strings,
    dateStyles,
    date1904,
  }: { strings: readonly string[]; dateStyles: ReadonlySet<number>; date1904: boolean },
  onRows: (rows: SheetRow[]) => void,
  sheetName?: string,
) {
  let batch: SheetRow[] = [];
  let line = 0;
  let cells: Cell[] = [];
  let hasValue = false;
  let cell: CellState | null = null;
  let inValue = false;
  let inInlineText = false;
  let phonetic = 0;
  let nextColumn = 0;
  await parsePart(src, sheet, budget, {
    open(name, tag) {
      if (name === 'row') {
        const r = Number(attr(tag, 'r'));
        line = Number.isInteger(r) && r > line ? r : line + 1;
        cells = [];
        hasValue = false;
        nextColumn = 0;
      } else if (name === 'c') {
        const column = columnOf(attr(tag, 'r')) ?? nextColumn;
        nextColumn = column + 1;
        cell = {
          column,
          type: attr(tag, 't') ?? 'n',
          style: Number(attr(tag, 's') ?? 0),
          value: [],
          inline: [],
        };
      } else if (cell && name === 'v') inValue = true;
      else if (cell && name === 't') inInlineText = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 't') inInlineText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell) {
        const value = cellValue(cell, strings, dateStyles, date1904);
        if (cell.column < MAX_COLUMNS && value !== null) {
          while (cells.length < cell.column) cells.push(null);
          cells[cell.column] = value;
          hasValue = true;
        }
        cell = null;
      } else if (name === 'row') {
        if (hasValue)
          batch.push(sheetName === undefined ? { line, cells } : { line, cells, sheet: sheetName });
        if (batch.length >= ROWS_PER_BATCH) {
          onRows(batch);
          batch = [];
        }
      }
    },
    text(text) {
      if (!cell) return;
      if (inValue) cell.value.push(text);
      else if (inInlineText) cell.inline.push(text);
    },
  });
  if (batch.length > 0) onRows(batch);
}

/** `damaged`: the code for a damaged zip directory (CORRUPT_ZIP) or part (CORRUPT_XLSX). */
function asSpreadsheetError(error: unknown, damaged: string): SpreadsheetError {
  if (error instanceof SpreadsheetError) return error;
  if (error instanceof InflateLimitError)
    return new SpreadsheetError(
      'SPREADSHEET_TOO_LARGE_UNCOMPRESSED',
      error.reason === 'over_declared_size'
        ? 'Tệp Excel bị từ chối: một phần của tệp giải nén ra lớn hơn kích thước nó khai báo (nghi ngờ zip bomb).'
        : `Tệp Excel giải nén ra quá ${MAX_INFLATED_BYTES / 1024 / 1024} MiB; hãy chia thành nhiều tệp nhỏ hơn hoặc dùng CSV.`,
    );
  if (error instanceof SniffError)
    return error.code === ZIP_BOMB
      ? new SpreadsheetError(
          'ZIP_BOMB',
          'Tệp Excel giải nén ra quá lớn hoặc có quá nhiều thành phần (nghi ngờ zip bomb).',
        )
      : damaged === 'CORRUPT_ZIP'
        ? new SpreadsheetError('CORRUPT_ZIP', 'Tệp Excel bị hỏng (không đọc được mục lục zip).')
        : corrupt();
  // the SAX parser's errors, bytes that are not UTF-8, a shared string index out of range
  return corrupt();
}
