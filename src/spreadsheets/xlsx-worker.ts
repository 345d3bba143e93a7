import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadsPriority } from '../common/thread-priority';
import type { SheetRow } from './sheet-row';
import { SpreadsheetError } from './spreadsheet-error';
import { readXlsxRows } from './xlsx-rows';

/** Messages from the worker to `xlsx-reader.ts`. */
export type XlsxWorkerMessage =
  | { rows: SheetRow[] }
  | { done: { sha256: string } }
  | { refused: { code: string; message: string } }
  | { failed: string };

const post = (message: XlsxWorkerMessage) => parentPort!.postMessage(message);

lowerThisThreadsPriority();
const { path, allSheets } = workerData as { path: string; allSheets?: boolean };
readXlsxRows(path, (rows) => post({ rows }), undefined, allSheets).then(
  (done) => post({ done }),
  (error: unknown) =>
    post(
      error instanceof SpreadsheetError
        ? { refused: { code: error.code, message: error.message } }
        : { failed: error instanceof Error ? (error.stack ?? error.message) : String(error) },
    ),
);
