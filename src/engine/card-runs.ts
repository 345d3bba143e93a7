import { EngineError } from './errors';
import { duplicateCard, unknownEntry } from './card-errors';

export interface CardRef {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

/** Per entry (index as in the entry list): counted cards, sum, lowest and highest total. */
export interface Figures {
  count: Int32Array;
  sum: Float64Array;
  /** Infinity and −Infinity for an entry without counted cards */
  low: Float64Array;
  high: Float64Array;
}

/**
 * The part of a card loop that is not done per card. Cards usually come grouped by entry, in
 * the entry list's order, each entry's cards listing the same judges in the same order. A loop
 * keeps the current run of cards (one entry's) in locals: its figures, the position of the card
 * in the run, and whether every judge so far was the one at the same position of the previous
 * run. A card whose judge is that one needs neither a lookup nor a duplicate check: the
 * previous run's judges were distinct, and so is any prefix of them. The loop calls in here
 * only when a run starts (`startRun`) and when a judge is not the expected one (`checkJudge`).
 */
export class CardRuns {
  /** entry e's cards are first[e] … end[e] − 1 when the cards came grouped by entry */
  readonly first: Int32Array;
  readonly end: Int32Array;
  /** false when some entry's cards came in more than one run */
  grouped = true;
  readonly judgeIndex = new Map<string, number>();
  /** the previous run's judges, in order, at positions 0 … expectedLength − 1 */
  readonly expected: string[] = [];
  expectedLength = 0;
  /** the current run's entry, −1 before the first card */
  private entry = -1;
  private readonly seen: Uint8Array;
  private expectedIndex: Int32Array = new Int32Array(64);
  /** per judge: 1 + the entry of its latest checked card, to catch a second card for it */
  private stamps: Int32Array = new Int32Array(64);

  constructor(
    private readonly entryIds: readonly string[],
    private readonly entryIndex: Map<string, number>,
    readonly figures: Figures,
  ) {
    const entries = entryIds.length;
    this.first = new Int32Array(entries);
    this.end = new Int32Array(entries);
    this.seen = new Uint8Array(entries);
  }

  /**
   * `card` (at index c) opens a run: the current run, if any, ends before it with the figures
   * given and `judges` cards, and those judges become the expected ones.
   */
  startRun(
    card: CardRef,
    c: number,
    count: number,
    sum: number,
    low: number,
    high: number,
    judges: number,
  ): void {
    const e = this.entry;
    const entryId = card.entryId;
    // Entries usually come in the order of the list: then no lookup is needed.
    const next = this.entryIds[e + 1] === entryId ? e + 1 : (this.entryIndex.get(entryId) ?? -1);
    if (next < 0) throw unknownEntry(card);
    if (e >= 0) {
      this.endRun(c, count, sum, low, high);
      this.expectedLength = judges;
    }
    this.entry = next;
    if (this.seen[next] === 1) this.grouped = false;
    else this.first[next] = c;
    this.seen[next] = 1;
  }

  /** The current run ends before card c with these figures (merged into its entry's). */
  endRun(c: number, count: number, sum: number, low: number, high: number): void {
    const e = this.entry;
    if (e < 0) return;
    const f = this.figures;
    this.end[e] = c;
    f.count[e]! += count;
    f.sum[e]! += sum;
    if (low < f.low[e]!) f.low[e] = low;
    if (high > f.high[e]!) f.high[e] = high;
  }

  /**
   * The card at `position` in its run is not by the expected judge. From the first such card
   * of a run on (`leaving`: the judges before it are stamped with the entry then), every card
   * is checked: its judge must not have a card for this entry already.
   */
  checkJudge(card: CardRef, position: number, leaving: boolean): void {
    const stamp = this.entry + 1;
    if (leaving) for (let k = 0; k < position; k++) this.stamps[this.expectedIndex[k]!] = stamp;
    const judgeId = card.judgeId;
    const j = this.judgeIndex.get(judgeId) ?? this.newJudge(card);
    if (j >= this.stamps.length) this.stamps = grown(this.stamps, j);
    if (this.stamps[j] === stamp) throw duplicateCard(card);
    this.stamps[j] = stamp;
    if (position >= this.expectedIndex.length)
      this.expectedIndex = grown(this.expectedIndex, position);
    this.expected[position] = judgeId;
    this.expectedIndex[position] = j;
  }

  private newJudge(card: CardRef): number {
    const judgeId: unknown = card.judgeId;
    if (typeof judgeId !== 'string' || judgeId === '')
      throw new EngineError(
        'BAD_SCORECARD',
        `Phiếu chấm sản phẩm ${String(card.entryId)} thiếu giám khảo.`,
        { entryId: String(card.entryId) },
      );
    this.judgeIndex.set(judgeId, this.judgeIndex.size);
    return this.judgeIndex.size - 1;
  }
}

/** The error for a card that is not an object at all. */
export function notACard(c: number): EngineError {
  return new EngineError('BAD_SCORECARD', `Phiếu chấm thứ ${c + 1} không hợp lệ.`);
}

/** A copy of `array` long enough for `index`. */
function grown(array: Int32Array, index: number): Int32Array {
  let length = array.length * 2;
  while (length <= index) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
