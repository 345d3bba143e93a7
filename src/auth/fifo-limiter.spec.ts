import { FifoLimiter } from './fifo-limiter';

describe('FifoLimiter', () => {
  it('runs at most `size` tasks at once and starts the waiting ones in arrival order', async () => {
    const limiter = new FifoLimiter(2);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      limiter.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((done) => release.push(done));
        running--;
        return i;
      }),
    );
    for (let round = 0; round < 6; round++) {
      await new Promise((r) => setImmediate(r));
      expect(limiter.load.running).toBeLessThanOrEqual(2);
      release.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new FifoLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(
      limiter.run(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});
