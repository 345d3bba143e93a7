/**
 * The rows of one reading of the counts (one future snapshot), kept column by column in typed
 * arrays: which entry (its index in the list the file was matched against), the file's line,
 * and the three counts. 20 bytes a row, outside the JS heap: a 100.000-row file makes no
 * object per row, so memory does not grow with the file and nothing is left for the garbage
 * collector to promote while the import waits for the database.
 */
export class Reading {
  size = 0;
  entry = new Int32Array(64);
  line = new Int32Array(64);
  // counts are at most MAX_COUNT (10^9), which fits in 32 bits
  reactions = new Int32Array(64);
  shares = new Int32Array(64);
  comments = new Int32Array(64);

  constructor(readonly takenAt: string) {}

  add(entry: number, line: number, reactions: number, shares: number, comments: number): void {
    if (this.size === this.entry.length) this.grow();
    const i = this.size++;
    this.entry[i] = entry;
    this.line[i] = line;
    this.reactions[i] = reactions;
    this.shares[i] = shares;
    this.comments[i] = comments;
  }

  private grow() {
    const twice = (column: Int32Array) => {
      const next = new Int32Array(column.length * 2);
      next.set(column);
      return next;
    };
    this.entry = twice(this.entry);
    this.line = twice(this.line);
    this.reactions = twice(this.reactions);
    this.shares = twice(this.shares);
    this.comments = twice(this.comments);
  }
}

/**
 * The counts of one earlier reading by entry index, to compare a reading with: -1 where that
 * reading had no row for the entry.
 */
export interface CountsByEntry {
  reactions: Int32Array;
  shares: Int32Array;
  comments: Int32Array;
}

export function noCounts(entries: number): CountsByEntry {
  return {
    reactions: new Int32Array(entries).fill(-1),
    shares: new Int32Array(entries).fill(-1),
    comments: new Int32Array(entries).fill(-1),
  };
}

export function countsOfReading(reading: Reading, entries: number): CountsByEntry {
  const counts = noCounts(entries);
  for (let i = 0; i < reading.size; i++) {
    const e = reading.entry[i]!;
    counts.reactions[e] = reading.reactions[i]!;
    counts.shares[e] = reading.shares[i]!;
    counts.comments[e] = reading.comments[i]!;
  }
  return counts;
}
