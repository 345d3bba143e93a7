import { EngineError } from './errors';
import { indexIds } from './index-ids';
import { CardScorer, ReadPlan, readPlan, Rubric, scoreValues } from './rubric';
import { duplicateCard, explainCard, unknownEntry } from './card-errors';

export interface CardRef {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

export interface JudgeTotal {
  judgeId: string;
  /** hundredths, exact */
  total: number;
}

/**
 * What the scorecards say per entry (index as in `entryIds`), in typed arrays: how many
 * judges counted, the exact sum of their totals, and the lowest and highest total. Filled by
 * `totalScorecards`; read by mean.ts.
 *
 * Nothing is kept per card: at 10.000 entries × 100 judges, two per-card arrays (judge,
 * total) cost more in allocation and page faults than the arithmetic they saved. Which judge
 * gave which total is only needed when somebody reads an entry's details, so `judgeTotals`
 * re-reads that entry's cards then. The scorecards must therefore not be changed between the
 * computation and that read (the services compute and read in one go).
 */
export interface CardTotals {
  count: Int32Array;
  sum: Float64Array;
  /** Infinity and −Infinity for an entry without counted cards */
  low: Float64Array;
  high: Float64Array;
  /** entry e's counted judges (recused ones left out) and their exact totals, in card order */
  judgeTotals(e: number): JudgeTotal[];
}

/** Each entry's figures, filled run by run by `scanCards`. */
type Figures = Omit<CardTotals, 'judgeTotals'>;

/** Where each entry's cards are: `first` … `end` − 1 when the cards came grouped by entry. */
interface Runs {
  first: Int32Array;
  end: Int32Array;
  grouped: boolean;
  judgeIndex: Map<string, number>;
}

/**
 * Checks every scorecard once — known entry, at most one card per judge × entry, every item
 * present, no unknown item, each score within 0..max and on the step — and sums each judge's
 * total exactly into its entry's count, sum, lowest and highest. The first problem is thrown
 * as an EngineError naming entry, judge and item.
 */
export function totalScorecards<C extends CardRef>(
  rubric: Rubric,
  entryIds: string[],
  cards: C[],
  valuesOf: (card: C) => Record<string, unknown>,
  scoreCard: CardScorer<C>,
): CardTotals {
  const entryIndex = indexIds(
    entryIds,
    (id) => id,
    (id) => `Sản phẩm ${id} có hai lần trong danh sách.`,
  );
  const entries = entryIds.length;
  const figures: Figures = {
    count: new Int32Array(entries),
    sum: new Float64Array(entries),
    low: new Float64Array(entries).fill(Infinity),
    high: new Float64Array(entries).fill(-Infinity),
  };
  const plan = readPlan(rubric);
  const runs = scanCards(rubric, plan, entryIds, entryIndex, cards, valuesOf, scoreCard, figures);
  // An entry's cards came in several runs: its figures are right (the runs were merged), but
  // a judge's second card in another run is only caught here, and its cards need an order.
  const order = runs.grouped ? null : regroup(runs, entryIndex, cards);
  /** A card's total again; the scan has checked it, so this is a valid number. */
  const totalOf = (card: C) => {
    const total = plan.fast ? scoreCard(card, plan) : NaN;
    return total >= 0 ? total : scoreValues(valuesOf(card), plan);
  };
  return {
    ...figures,
    judgeTotals(e) {
      const list: JudgeTotal[] = [];
      for (let k = runs.first[e]!; k < runs.end[e]!; k++) {
        const card = cards[order === null ? k : order[k]!]!;
        if (card.recused !== true) list.push({ judgeId: card.judgeId, total: totalOf(card) });
      }
      return list;
    },
  };
}

/** Adds one run of an entry's cards to that entry's figures. */
function addRun(f: Figures, e: number, count: number, sum: number, low: number, high: number) {
  f.count[e]! += count;
  f.sum[e]! += sum;
  if (low < f.low[e]!) f.low[e] = low;
  if (high > f.high[e]!) f.high[e] = high;
}

/**
 * The hot loop, kept in a small function of its own so that V8 optimises it whole. Cards
 * usually come grouped by entry, each entry's cards listing the same judges in the same order.
 * So the judges of the latest run are kept in order, and a card whose judge is the one at the
 * same position of that run needs neither a lookup nor a duplicate check: that run's judges
 * were distinct, and so is any prefix of them. At the first card that differs, the judges
 * before it are stamped with the entry and every further card of the run is checked.
 */
function scanCards<C extends CardRef>(
  rubric: Rubric,
  plan: ReadPlan,
  entryIds: string[],
  entryIndex: Map<string, number>,
  cards: C[],
  valuesOf: (card: C) => Record<string, unknown>,
  scoreCard: CardScorer<C>,
  figures: Figures,
): Runs {
  const entries = figures.count.length;
  const first = new Int32Array(entries);
  const end = new Int32Array(entries);
  const seen = new Uint8Array(entries);
  const judgeIndex = new Map<string, number>();
  const fast = plan.fast;
  // the latest run's judges (ids and indices) at positions 0 … expectedLength − 1
  const expected: string[] = [];
  let expectedIndex: Int32Array = new Int32Array(64);
  let expectedLength = 0;
  // per judge: 1 + the entry of its latest checked card, to catch a second card for the entry
  let stamps: Int32Array = new Int32Array(64);
  let grouped = true;
  let e = -1;
  // A string from the start, so that V8 sees only strings compared below (an undefined here
  // would make the comparison generic: a builtin call for every card). `e < 0` opens the
  // first run whatever its id.
  let lastEntryId = '';
  let position = 0;
  let onTrack = true;
  // the current run's figures, in locals
  let count = 0;
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    if (card === null || typeof card !== 'object')
      throw new EngineError('BAD_SCORECARD', `Phiếu chấm thứ ${c + 1} không hợp lệ.`);
    const entryId = card.entryId;
    if (entryId !== lastEntryId || e < 0) {
      // Entries usually come in the order of the list: then no lookup is needed.
      const next = entryIds[e + 1] === entryId ? e + 1 : (entryIndex.get(entryId) ?? -1);
      if (next < 0) throw unknownEntry(card);
      if (e >= 0) {
        end[e] = c;
        addRun(figures, e, count, sum, low, high);
        expectedLength = position;
      }
      count = 0;
      sum = 0;
      low = Infinity;
      high = -Infinity;
      e = next;
      lastEntryId = entryId;
      position = 0;
      onTrack = true;
      if (seen[e] === 1) grouped = false;
      else first[e] = c;
      seen[e] = 1;
    }

    const judgeId = card.judgeId;
    if (onTrack && position < expectedLength && expected[position] === judgeId) position++;
    else {
      if (onTrack) {
        onTrack = false;
        for (let k = 0; k < position; k++) stamps[expectedIndex[k]!] = e + 1;
      }
      const j = judgeIndex.get(judgeId) ?? newJudge(judgeId, card, judgeIndex);
      if (j >= stamps.length) stamps = grown(stamps, j);
      if (stamps[j] === e + 1) throw duplicateCard(card);
      stamps[j] = e + 1;
      if (position >= expectedIndex.length) expectedIndex = grown(expectedIndex, position);
      expected[position] = judgeId;
      expectedIndex[position] = j;
      position++;
    }
    if (card.recused === true) continue;

    let total = fast ? scoreCard(card, plan) : NaN;
    if (!(total >= 0)) {
      // Decimal text, a rubric beyond the fast path, or a real problem (then explained).
      total = scoreValues(valuesOf(card), plan);
      if (!(total >= 0)) throw explainCard(card, valuesOf(card), rubric);
    }
    // exact: a judge's total is never rounded
    count++;
    sum += total;
    if (total < low) low = total;
    if (total > high) high = total;
  }
  if (e >= 0) {
    end[e] = cards.length;
    addRun(figures, e, count, sum, low, high);
  }
  return { first, end, grouped, judgeIndex };
}

function newJudge(judgeId: unknown, card: CardRef, judgeIndex: Map<string, number>): number {
  if (typeof judgeId !== 'string' || judgeId === '')
    throw new EngineError(
      'BAD_SCORECARD',
      `Phiếu chấm sản phẩm ${String(card.entryId)} thiếu giám khảo.`,
      { entryId: String(card.entryId) },
    );
  judgeIndex.set(judgeId, judgeIndex.size);
  return judgeIndex.size - 1;
}

/** A copy of `array` long enough for `index`. */
function grown(array: Int32Array, index: number): Int32Array {
  let length = array.length * 2;
  while (length <= index) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}

/**
 * For cards not grouped by entry: orders them by entry (a stable counting sort, linear), sets
 * each entry's first and end in that order, and checks for two cards of one judge for one
 * entry, which the single pass cannot see then.
 */
function regroup(runs: Runs, entryIndex: Map<string, number>, cards: CardRef[]): Int32Array {
  const entries = runs.first.length;
  const n = cards.length;
  const entryOf = new Int32Array(n);
  for (let c = 0; c < n; c++) entryOf[c] = entryIndex.get(cards[c]!.entryId)!;
  const first = runs.first;
  first.fill(0);
  for (let c = 0; c < n; c++) if (entryOf[c]! + 1 < entries) first[entryOf[c]! + 1]!++;
  for (let e = 1; e < entries; e++) first[e]! += first[e - 1]!;
  const end = runs.end;
  end.set(first);
  const order = new Int32Array(n);
  for (let c = 0; c < n; c++) order[end[entryOf[c]!]!++] = c;
  const stamps = new Int32Array(runs.judgeIndex.size);
  for (let e = 0; e < entries; e++) {
    for (let k = first[e]!; k < end[e]!; k++) {
      const card = cards[order[k]!]!;
      const j = runs.judgeIndex.get(card.judgeId)!;
      if (stamps[j] === e + 1) throw duplicateCard(card);
      stamps[j] = e + 1;
    }
  }
  return order;
}
