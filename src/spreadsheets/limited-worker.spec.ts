import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { LimitedWorker, SPREADSHEET_WORKER_LIMITS } from './limited-worker';
import type { XlsxWorkerMessage } from './xlsx-worker';

describe('LimitedWorker', () => {
  it('close() settles only once the thread has exited (its heap given back), not before', async () => {
    const worker = new LimitedWorker<XlsxWorkerMessage>(
      join(__dirname, 'xlsx-worker'),
      { path: join(__dirname, 'no-such-file.xlsx') },
      SPREADSHEET_WORKER_LIMITS,
    );
    expect(await worker.next()).toHaveProperty('failed'); // it answered and waits to be ended
    const thread = (worker as unknown as { worker: Worker }).worker;
    let exited = false;
    thread.once('exit', () => (exited = true));
    await worker.close();
    expect(exited).toBe(true);
    await worker.close(); // a second close settles too
  });
});
