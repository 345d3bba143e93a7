import { fastTotal, ReadPlan, readPlan, Rubric, scoreValues } from './rubric';
import { duplicateCard, explainCard } from './card-errors';
import { CardRef, CardRuns, Figures, notACard } from './card-runs';

export type { CardRef } from './card-runs';

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
export interface CardTotals extends Figures {
  /** entry e's counted judges (recused ones left out) and their exact totals, in card order */
  judgeTotals(e: number): JudgeTotal[];
}

/** What a card loop needs to read and check a round's cards. */
export interface CardReading<C extends CardRef> {
  rubric: Rubric;
  plan: ReadPlan;
  valuesOf: (card: C) => Record<string, unknown>;
}

/**
 * A round's card loop: reads every card once, checks it and adds its total to its entry's
 * figures through `runs`. `scanCards` is the general one; the preliminary round has its own
 * fast loop (judge-points.ts), because it has entries × judges cards.
 */
export type CardLoop<C extends CardRef> = (
  cards: C[],
  runs: CardRuns,
  reading: CardReading<C>,
) => void;

/**
 * Checks every scorecard once — known entry, at most one card per judge × entry, every item
 * present, no unknown item, each score within 0..max and on the step — and sums each judge's
 * total exactly into its entry's count, sum, lowest and highest. The first problem is thrown
 * as an EngineError naming entry, judge and item. `entryIndex` is `entryIds` indexed by
 * `indexEntryIds` (which refused an id listed twice).
 */
export function totalScorecards<C extends CardRef>(
  rubric: Rubric,
  entryIds: string[],
  entryIndex: Map<string, number>,
  cards: C[],
  valuesOf: (card: C) => Record<string, unknown>,
  loop: CardLoop<C> = scanCards,
): CardTotals {
  const entries = entryIds.length;
  const figures: Figures = {
    count: new Int32Array(entries),
    sum: new Float64Array(entries),
    low: new Float64Array(entries).fill(Infinity),
    high: new Float64Array(entries).fill(-Infinity),
  };
  const reading: CardReading<C> = { rubric, plan: readPlan(rubric), valuesOf };
  const runs = new CardRuns(entryIds, entryIndex, figures);
  loop(cards, runs, reading);
  // An entry's cards came in several runs: its figures are right (the runs were merged), but
  // a judge's second card in another run is only caught here, and its cards need an order.
  const order = runs.grouped ? null : regroup(runs, entryIndex, cards);
  return {
    ...figures,
    judgeTotals(e) {
      const list: JudgeTotal[] = [];
      for (let k = runs.first[e]!; k < runs.end[e]!; k++) {
        const card = cards[order === null ? k : order[k]!]!;
        // The loop has checked every card, so this is a valid total.
        if (card.recused !== true)
          list.push({ judgeId: card.judgeId, total: total(card, reading) });
      }
      return list;
    },
  };
}

/**
 * A card's total in hundredths: the fast read first, else the general one (decimal text, any
 * number of items); a card that is not valid is explained as an EngineError.
 */
export function total<C extends CardRef>(card: C, reading: CardReading<C>): number {
  const values = reading.valuesOf(card);
  const fast = fastTotal(values, reading.plan);
  return fast >= 0 ? fast : generalTotal(card, values, reading);
}

/**
 * A card's total read the general way only (numbers or decimal text, any number of items),
 * for a card the fast read has already refused; an invalid card is explained.
 */
export function generalTotal<C extends CardRef>(
  card: C,
  values: unknown,
  reading: CardReading<C>,
): number {
  const sum = scoreValues(values, reading.plan);
  if (!(sum >= 0)) throw explainCard(card, values, reading.rubric);
  return sum;
}

/** The general card loop: the run bookkeeping of `CardRuns`, each card read by `total`. */
export function scanCards<C extends CardRef>(
  cards: C[],
  runs: CardRuns,
  reading: CardReading<C>,
): void {
  const expected = runs.expected;
  // A string from the start, so that V8 sees only strings compared below; `open` is false
  // until the first card has opened a run, whatever its entry id.
  let runEntryId = '';
  let open = false;
  let expectedLength = 0;
  let position = 0;
  let onTrack = true;
  let count = 0;
  let sum = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    if (card === null || typeof card !== 'object') throw notACard(c);
    const entryId = card.entryId;
    if (entryId !== runEntryId || !open) {
      runs.startRun(card, c, count, sum, low, high, position);
      runEntryId = entryId;
      open = true;
      expectedLength = runs.expectedLength;
      position = 0;
      onTrack = true;
      count = 0;
      sum = 0;
      low = Infinity;
      high = -Infinity;
    }
    if (onTrack && position < expectedLength && expected[position] === card.judgeId) position++;
    else {
      runs.checkJudge(card, position++, onTrack);
      onTrack = false;
    }
    if (card.recused === true) continue;
    // exact: a judge's total is never rounded
    const t = total(card, reading);
    count++;
    sum += t;
    if (t < low) low = t;
    if (t > high) high = t;
  }
  runs.endRun(cards.length, count, sum, low, high);
}

/**
 * For cards not grouped by entry: orders them by entry (a stable counting sort, linear), sets
 * each entry's first and end in that order, and checks for two cards of one judge for one
 * entry, which the single pass cannot see then.
 */
function regroup(runs: CardRuns, entryIndex: Map<string, number>, cards: CardRef[]): Int32Array {
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
