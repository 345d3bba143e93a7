import type { Readable } from 'node:stream';

/**
 * Where test/support/cluster-environment.ts finds the clusters of the running test file (a
 * Set on the test's own global; Symbol.for is the same symbol in the environment's realm).
 */
export const CLUSTERS_OF_THIS_FILE = Symbol.for('cchc.clusters-of-this-file');
export interface PrintsRecentOutput {
  printRecentOutput(why: string): void;
}

/** Lines kept per process: enough to see what led to a failure, bounded in memory. */
export const RECENT_LINES = 200;
/** A longer line (a stack trace on one line, a dumped object) is cut. */
const LINE_CHARS = 2000;

/**
 * The last lines a child process wrote (stdout and stderr together, in arrival order), so a
 * failing test can show what the process was doing without keeping a long run's whole log.
 */
export class RecentOutput {
  private readonly lines: string[] = [];
  private partial = '';
  /** Characters written since the start (kept or not): tells a print whether anything is new. */
  written = 0;

  constructor(private readonly limit = RECENT_LINES) {}

  /** Keeps what `stream` writes, decoded as UTF-8 (a letter split between chunks stays whole). */
  follow(stream: Readable | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.write(chunk));
  }

  write(chunk: string): void {
    this.written += chunk.length;
    const parts = (this.partial + chunk).split('\n');
    const last = parts.pop()!;
    // enough of an unfinished line to cut it like the others once it ends
    this.partial = last.length > LINE_CHARS ? last.slice(0, LINE_CHARS + 1) : last;
    for (const line of parts) this.lines.push(cut(line));
    if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
  }

  /** The kept lines, the unfinished last one included. */
  get text(): string {
    return [...this.lines, ...(this.partial ? [cut(this.partial)] : [])].join('\n');
  }

  /** The kept lines, each prefixed with `name` (so several processes' lines can be told apart). */
  prefixed(name: string): string {
    const text = this.text;
    return text ? text.replace(/^/gm, `${name} | `) : `${name} | (nothing written)`;
  }
}

const cut = (line: string) =>
  line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}… (cut)` : line;
