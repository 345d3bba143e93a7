/**
 * Runs at most `size` tasks at a time; the others wait in a queue and start in the order they
 * arrived, so under a burst the first caller is answered first.
 */
export class FifoLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error('FifoLimiter size must be ≥ 1');
  }

  /** Tasks running now and tasks waiting (for tests and diagnostics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((go) => this.waiting.push(go));
    else this.running++;
    try {
      return await task();
    } finally {
      // hand the slot straight to the next in line (running stays the same), or free it
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
