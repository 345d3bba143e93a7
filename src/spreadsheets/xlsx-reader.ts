import { join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { startWorker } from '../common/start-worker';
import type { Cell } from './sheet-row';
import { SpreadsheetError } from './spreadsheet-error';
import type { XlsxWorkerMessage } from './xlsx-worker';

export interface XlsxLimits {
  /** The worker is terminated when the file is not read by then. */
  timeoutMs: number;
  resourceLimits: ResourceLimits;
}

/**
 * A 10 MB workbook (~100 MB of sheet XML) is read in 2-5 s with a heap under 100 MB (see
 * `npm run bench -- import-xlsx`); these limits leave room for a busy machine and stop a
 * hostile file long before it can hurt the server.
 */
export const XLSX_LIMITS: XlsxLimits = {
  timeoutMs: 30_000,
  resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
};

/**
 * Reads the first worksheet of an XLSX file on disk in a worker thread (`xlsx-worker.ts`) and
 * hands its rows to `onRow` here, in order. The main thread only receives rows: inflating and
 * parsing ~100 MB of XML never stalls other requests. The worker has a heap limit and a time
 * limit and is terminated when it overruns either (413). Throws SpreadsheetError.
 */
export function readXlsx(
  path: string,
  onRow: (line: number, cells: readonly Cell[], sheet?: string) => void,
  limits: XlsxLimits = XLSX_LIMITS,
  allSheets = false,
): Promise<{ sha256: string }> {
  const worker = startWorker(join(__dirname, 'xlsx-worker'), {
    workerData: { path, allSheets },
    resourceLimits: limits.resourceLimits,
  });
  return new Promise<{ sha256: string }>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new SpreadsheetError(
              'SPREADSHEET_TOO_SLOW',
              `Tệp Excel không đọc xong trong ${limits.timeoutMs / 1000} giây; hãy chia thành nhiều tệp nhỏ hơn hoặc dùng CSV.`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (message: XlsxWorkerMessage) => {
      if (settled) return;
      if ('rows' in message) {
        try {
          for (const row of message.rows) onRow(row.line, row.cells, row.sheet);
        } catch (error) {
          settle(() => reject(error));
        }
      } else if ('done' in message) settle(() => resolve(message.done));
      else if ('refused' in message)
        settle(() => reject(new SpreadsheetError(message.refused.code, message.refused.message)));
      else settle(() => reject(new Error(`XLSX worker failed: ${message.failed}`)));
    });
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new SpreadsheetError(
                'SPREADSHEET_TOO_COMPLEX',
                'Tệp Excel cần quá nhiều bộ nhớ để đọc; hãy chia thành nhiều tệp nhỏ hơn hoặc dùng CSV.',
              )
            : error,
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`XLSX worker exited with code ${code} before answering`))),
    );
  });
}
