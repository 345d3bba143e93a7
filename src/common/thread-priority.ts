import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value a worker that parses a file gives itself (0 is normal, 19 the lowest). */
export const BACKGROUND_NICE = 10;

/**
 * Called first thing in a worker thread that parses or renders a file: the thread yields the
 * CPU to the main thread (judges' saves, uploads, the live board) and to PostgreSQL, so a large
 * import on a 2-core machine slows down itself rather than everyone else. On Linux every thread
 * has its own nice value, addressed by its thread id (read from /proc/thread-self), so this
 * lowers this thread only. Elsewhere, or without /proc, the thread keeps the process's priority.
 */
export function lowerThisThreadsPriority(): void {
  const tid = thisThreadsId();
  if (tid === null) return;
  try {
    setPriority(tid, BACKGROUND_NICE);
  } catch {
    // a sandbox may forbid it: the thread then runs at the process's priority, as before
  }
}

/** This thread's nice value (Linux), or null where it cannot be read. */
export function thisThreadsNice(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // fields after the command name (which may contain spaces) start with field 3, "state";
    // field 19 is the nice value
    const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
    return Number.isInteger(nice) ? nice : null;
  } catch {
    return null;
  }
}

function thisThreadsId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}
