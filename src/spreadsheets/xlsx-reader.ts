import { join } from 'node:path';
import type { Cell } from './sheet-row';
import { LimitedWorker, SPREADSHEET_WORKER_LIMITS, type WorkerLimits } from './limited-worker';
import { SpreadsheetError } from './spreadsheet-error';
import type { XlsxWorkerMessage } from './xlsx-worker';

export type XlsxLimits = WorkerLimits;
export const XLSX_LIMITS = SPREADSHEET_WORKER_LIMITS;

/**
 * Reads the first worksheet (or with `allSheets` every worksheet, rows carrying its name) of an
 * XLSX file on disk in a worker thread (`xlsx-worker.ts`) and
 * hands its rows to `onRow` here, in order. The main thread only receives rows: inflating and
 * parsing ~100 MB of XML never stalls other requests. The worker has a heap limit and a time
 * limit and is terminated when it overruns either (413). Throws SpreadsheetError.
 */
export async function readXlsx(
  path: string,
  onRow: (line: number, cells: readonly Cell[], sheet?: string) => void,
  limits: XlsxLimits = XLSX_LIMITS,
  allSheets = false,
): Promise<{ sha256: string }> {
  const worker = new LimitedWorker<XlsxWorkerMessage>(
    join(__dirname, 'xlsx-worker'),
    { path, allSheets },
    limits,
  );
  try {
    for (;;) {
      const message = await worker.next();
      if ('rows' in message) for (const row of message.rows) onRow(row.line, row.cells, row.sheet);
      else if ('done' in message) return message.done;
      else if ('refused' in message)
        throw new SpreadsheetError(message.refused.code, message.refused.message);
      else throw new Error(`XLSX worker failed: ${message.failed}`);
    }
  } finally {
    await worker.close();
  }
}
