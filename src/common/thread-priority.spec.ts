import { once } from 'node:events';
import { join } from 'node:path';
import { startWorker } from './start-worker';
import { BACKGROUND_NICE, thisThreadsNice } from './thread-priority';

describe('a parsing worker yields the CPU to the threads that answer users', () => {
  it('lowers its own thread only, not the main thread (Linux; elsewhere nothing changes)', async () => {
    const mainBefore = thisThreadsNice();
    const worker = startWorker(join(__dirname, 'thread-priority.fixture'), {});
    const [answer] = (await once(worker, 'message')) as [{ before: number; after: number }];
    await worker.terminate();
    expect(answer.before).toBe(mainBefore);
    expect(answer.after).toBe(process.platform === 'linux' ? BACKGROUND_NICE : null);
    expect(thisThreadsNice()).toBe(mainBefore);
  });
});
