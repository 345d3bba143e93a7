import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorker } from '../common/start-worker';
import { SpreadsheetError } from './spreadsheet-error';

export interface WorkerLimits {
  /** The worker is terminated when it has not finished by then. */
  timeoutMs: number;
  resourceLimits: ResourceLimits;
}

/**
 * A 10 MB workbook (~100 MB of sheet XML) is read in 2-5 s with a heap under 100 MB (see
 * `npm run bench -- import-xlsx`); these limits leave room for a busy machine and stop a
 * hostile file long before it can hurt the server.
 */
export const SPREADSHEET_WORKER_LIMITS: WorkerLimits = {
  timeoutMs: 30_000,
  resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
};

/**
 * A worker thread (one of our modules, given without extension) that works on a spreadsheet
 * under a heap limit and a time limit. Its messages are awaited one at a time with `next()`;
 * past either limit it is terminated and `next()` rejects with a SpreadsheetError (413):
 * SPREADSHEET_TOO_SLOW or SPREADSHEET_TOO_COMPLEX. `what` names the file in those messages.
 */
export class LimitedWorker<Message> {
  private readonly worker: Worker;
  private readonly timer: NodeJS.Timeout;
  private readonly queue: Message[] = [];
  private waiting: { resolve(m: Message): void; reject(e: unknown): void } | null = null;
  private failure: unknown = null;
  /** Settles once the thread has stopped and its heap is given back (set by `fail`). */
  private exited: Promise<void> = Promise.resolve();

  constructor(modulePath: string, workerData: unknown, limits: WorkerLimits, what = 'Tệp Excel') {
    this.worker = startWorker(modulePath, { workerData, resourceLimits: limits.resourceLimits });
    this.timer = setTimeout(
      () =>
        this.fail(
          new SpreadsheetError(
            'SPREADSHEET_TOO_SLOW',
            `${what} không đọc xong trong ${limits.timeoutMs / 1000} giây; hãy chia thành nhiều tệp nhỏ hơn hoặc dùng CSV.`,
          ),
        ),
      limits.timeoutMs,
    );
    this.worker.on('message', (message: Message) => {
      const waiting = this.waiting;
      this.waiting = null;
      if (waiting) waiting.resolve(message);
      else this.queue.push(message);
    });
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new SpreadsheetError(
              'SPREADSHEET_TOO_COMPLEX',
              `${what} cần quá nhiều bộ nhớ để đọc; hãy chia thành nhiều tệp nhỏ hơn hoặc dùng CSV.`,
            )
          : error,
      ),
    );
    this.worker.on('exit', (code) =>
      this.fail(new Error(`worker exited with code ${code} before answering`)),
    );
  }

  /** The worker's next message, in order. */
  next(): Promise<Message> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  post(message: unknown): void {
    this.worker.postMessage(message);
  }

  /**
   * Ends the worker, whatever it is doing (always call it, e.g. in `finally`). Await it before
   * the next memory-heavy step: the worker's heap (tens of MiB after a large file) is only
   * given back once its thread has stopped, a few milliseconds later.
   */
  close(): Promise<void> {
    this.fail(new Error('worker closed'));
    return this.exited;
  }

  private fail(error: unknown) {
    if (this.failure !== null) return;
    this.failure = error;
    clearTimeout(this.timer);
    this.exited = this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
  }
}
