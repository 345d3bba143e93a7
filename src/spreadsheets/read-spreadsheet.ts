import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DomainError } from '../common/domain-error';
import { CsvReader } from './csv';
import type { Cell } from './sheet-row';
import { SpreadsheetError } from './spreadsheet-error';
import { readXlsx } from './xlsx-reader';
import { readXlsxRows } from './xlsx-rows';

/** `sheet`: the worksheet's name, given only when reading `allSheets` of an XLSX file. */
export type RowSink = (line: number, cells: readonly Cell[], sheet?: string) => void;

export interface ReadOptions {
  /** Every worksheet of an XLSX file, in order, each row with its worksheet's name (the
   * registration workbook); by default only the first. A CSV file has one sheet and no name. */
  allSheets?: boolean;
}

export interface SpreadsheetFile {
  format: 'csv' | 'xlsx';
  sha256: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Read size for CSV files: large enough that per-piece overhead vanishes, small for memory. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads an uploaded spreadsheet from disk and hands its rows to `onRow` as they are parsed.
 * CSV or XLSX is decided from the content, never from the file name. A CSV file is streamed:
 * hashed, checked, decoded and parsed piece by piece, so memory does not depend on its size.
 * An XLSX file is a zip: it is inflated with a hard cap and parsed in a worker thread with
 * heap and time limits (xlsx-reader.ts), its rows handed over here as they come.
 * Failures are domain errors: 415 for what is not a UTF-8 CSV or an XLSX, 413 for a zip bomb
 * or a file too big to read within the limits, 400 for a damaged file, 409 while another
 * file with the same `exclusiveKey` (a contest's import) is being read. Rows already handed
 * over before a failure must be discarded.
 */
export async function readSpreadsheet(
  path: string,
  onRow: RowSink,
  exclusiveKey?: string,
  options: ReadOptions = {},
): Promise<SpreadsheetFile> {
  const release = exclusiveKey === undefined ? () => {} : acquireImportSlot(exclusiveKey);
  try {
    return await readFile(path, onRow, (file, sink) =>
      readXlsx(file, sink, undefined, options.allSheets),
    );
  } finally {
    release();
  }
}

/**
 * The same for code that already runs in a worker thread with limits (`LimitedWorker`): an
 * XLSX file is parsed in this thread, without a second worker.
 */
export function readSpreadsheetHere(path: string, onRow: RowSink): Promise<SpreadsheetFile> {
  return readFile(path, onRow, (file, sink) =>
    readXlsxRows(file, (rows) => {
      for (const row of rows) sink(row.line, row.cells);
    }),
  );
}

/** Contests whose import file is being read by this process right now. */
const importsRunning = new Set<string>();

/**
 * One import at a time per contest: a second one while the first is read is 409, so that two
 * organisers (or one double click) cannot have two large files read side by side. Taken
 * synchronously, before anything is awaited. Per process: across instances, committing
 * imports are serialised anyway by the contest's row lock.
 */
export function acquireImportSlot(key: string): () => void {
  if (importsRunning.has(key))
    throw DomainError.conflict(
      'IMPORT_IN_PROGRESS',
      'Một tệp số liệu khác của hội thi này đang được đọc; vui lòng đợi nó xong rồi gửi lại.',
      'file',
    );
  importsRunning.add(key);
  return () => importsRunning.delete(key);
}

type XlsxReader = (path: string, onRow: RowSink) => Promise<{ sha256: string }>;

async function readFile(path: string, onRow: RowSink, xlsx: XlsxReader): Promise<SpreadsheetFile> {
  const file = await open(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    const { bytesRead } = await file.read(magic, 0, 4, 0);
    if (bytesRead === 4 && magic.equals(ZIP_MAGIC)) {
      const { sha256 } = await xlsx(path, onRow);
      return { format: 'xlsx', sha256 };
    }
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const reader = new CsvReader(onRow);
    for await (const chunk of file.createReadStream({
      start: 0,
      highWaterMark: CHUNK_BYTES,
      autoClose: false,
    }) as AsyncIterable<Buffer>) {
      if (chunk.includes(0))
        throw new SpreadsheetError('NOT_A_SPREADSHEET', 'Tệp không phải CSV hay Excel (.xlsx).');
      hash.update(chunk);
      reader.push(decoder.decode(chunk, { stream: true }));
    }
    reader.push(decoder.decode());
    reader.end();
    return { format: 'csv', sha256: hash.digest('hex') };
  } catch (error) {
    throw asDomainError(error);
  } finally {
    await file.close();
  }
}

const TOO_LARGE = new Set([
  'ZIP_BOMB',
  'SPREADSHEET_TOO_LARGE_UNCOMPRESSED',
  'SPREADSHEET_TOO_SLOW',
  'SPREADSHEET_TOO_COMPLEX',
]);

/** A SpreadsheetError (or bytes that are not UTF-8) as the DomainError a client gets; others as they are. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof SpreadsheetError) {
    const kind =
      error.code === 'NOT_A_SPREADSHEET'
        ? 'unsupported_type'
        : TOO_LARGE.has(error.code)
          ? 'too_large'
          : 'invalid';
    return new DomainError(kind, error.code, error.message, [
      { field: 'file', code: error.code, message: error.message },
    ]);
  }
  // TextDecoder's "fatal" failure: bytes that are not UTF-8
  if (
    error instanceof TypeError &&
    (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
  ) {
    return new DomainError(
      'unsupported_type',
      'NOT_UTF8',
      'Tệp CSV phải được lưu với bảng mã UTF-8.',
      [{ field: 'file', code: 'NOT_UTF8', message: 'UTF-8' }],
    );
  }
  return error;
}
