import { EngineError } from './errors';
import { CardScorer, ReadPlan, readPlan, Rubric, scoreValues } from './rubric';
import { duplicateCard, explainCard, unknownEntry } from './card-errors';

export interface CardRef {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

/**
 * What the scorecards say, per entry and per card, in typed arrays: at 10.000 entries × 100
 * judges one object per card would cost more than all the arithmetic. Filled by
 * `totalScorecards`; read by mean.ts.
 *
 * Per entry (index as in `entryIds`): how many judges counted, the exact sum of their
 * totals, and the lowest and highest totals with their judges (ties: the lowest is the first
 * judge by id, the highest the last, so a trimmed mean always drops two different judges).
 * Per card: its judge and exact total, for listing each judge's total on demand.
 */
export interface CardTotals {
  /** distinct judge ids, in order of first appearance */
  judgeIds: string[];
  count: Int32Array;
  sum: Float64Array;
  low: Float64Array;
  lowJudge: Int32Array;
  high: Float64Array;
  highJudge: Int32Array;
  /** entry e's cards: order[k] (or k itself when order is null) for k in first[e] … end[e] − 1 */
  first: Int32Array;
  end: Int32Array;
  order: Int32Array | null;
  judgeOf: Int32Array;
  /** the judge's total in hundredths (exact, never rounded), or RECUSED */
  totalOf: Int32Array | Float64Array;
}

/** Marks a recused judge's card: it still counts as that judge's one card, but not in means. */
export const RECUSED = -1;

/**
 * Checks every scorecard once — known entry, at most one card per judge × entry, every item
 * present, no unknown item, each score within 0..max and on the step — and sums each judge's
 * total exactly, keeping each entry's count, sum, lowest and highest. The first problem is
 * thrown as an EngineError naming entry, judge and item.
 */
export function totalScorecards<C extends CardRef>(
  rubric: Rubric,
  entryIds: string[],
  cards: C[],
  valuesOf: (card: C) => Record<string, unknown>,
  scoreCard: CardScorer<C>,
): CardTotals {
  const entryIndex = new Map<string, number>();
  entryIds.forEach((id, e) => {
    if (entryIndex.has(id))
      throw new EngineError('DUPLICATE_ENTRY', `Sản phẩm ${id} có hai lần trong danh sách.`, {
        entryId: id,
      });
    entryIndex.set(id, e);
  });
  const entries = entryIds.length;
  const totals: CardTotals = {
    judgeIds: [],
    count: new Int32Array(entries),
    sum: new Float64Array(entries),
    low: new Float64Array(entries),
    lowJudge: new Int32Array(entries),
    high: new Float64Array(entries),
    highJudge: new Int32Array(entries),
    first: new Int32Array(entries),
    end: new Int32Array(entries),
    order: null,
    judgeOf: new Int32Array(cards.length),
    // Half the memory when every possible total fits in 32 bits (always, for sane rubrics).
    totalOf:
      rubric.items.reduce((sum, item) => sum + item.max, 0) <= 0x7fffffff
        ? new Int32Array(cards.length)
        : new Float64Array(cards.length),
  };
  // What an entry without counted cards has (scanCards writes only the entries it sees).
  totals.low.fill(Infinity);
  totals.high.fill(-Infinity);
  totals.lowJudge.fill(-1);
  totals.highJudge.fill(-1);
  const plan = readPlan(rubric);
  const grouped = scanCards(rubric, plan, entryIndex, cards, valuesOf, scoreCard, totals);
  if (grouped) return totals;
  // An entry's cards came in several runs: the per-run figures scanCards kept are partial.
  const result = regroup(totals, entryIndex, cards);
  summarise(result);
  return result;
}

/**
 * Each entry's count, sum, lowest and highest total, from the per-card arrays, for cards that
 * did not come grouped by entry (grouped cards are summed in the card loop itself). Equal
 * totals: the lowest is the first judge by id and the highest the last, so a trimmed mean
 * always drops two different judges and never depends on the order of the cards.
 */
function summarise(t: CardTotals) {
  const { judgeIds, judgeOf, totalOf, order, first, end } = t;
  for (let e = 0; e < first.length; e++) {
    let count = 0;
    let sum = 0;
    let low = Infinity;
    let lowJudge = -1;
    let high = -Infinity;
    let highJudge = -1;
    for (let k = first[e]!, stop = end[e]!; k < stop; k++) {
      const c = order === null ? k : order[k]!;
      const total = totalOf[c]!;
      if (total === RECUSED) continue;
      count++;
      sum += total;
      if (total <= low || total >= high) {
        const j = judgeOf[c]!;
        if (total < low || (total === low && judgeIds[j]! < judgeIds[lowJudge]!)) {
          low = total;
          lowJudge = j;
        }
        if (total > high || (total === high && judgeIds[j]! > judgeIds[highJudge]!)) {
          high = total;
          highJudge = j;
        }
      }
    }
    keepFigures(t, e, count, sum, low, lowJudge, high, highJudge);
  }
}

/** Stores entry e's figures (see CardTotals). */
function keepFigures(
  t: CardTotals,
  e: number,
  count: number,
  sum: number,
  low: number,
  lowJudge: number,
  high: number,
  highJudge: number,
) {
  t.count[e] = count;
  t.sum[e] = sum;
  t.low[e] = low;
  t.lowJudge[e] = lowJudge;
  t.high[e] = high;
  t.highJudge[e] = highJudge;
}

/** Judges at these first positions of an entry's run are predicted from the previous run. */
const PREDICTED_POSITIONS = 1024;

/**
 * The hot loop, kept in a small function of its own so that V8 optimises it whole. Returns
 * whether the cards came grouped by entry (one run per entry); if not, duplicates across runs
 * are checked afterwards by `regroup`.
 */
function scanCards<C extends CardRef>(
  rubric: Rubric,
  plan: ReadPlan,
  entryIndex: Map<string, number>,
  cards: C[],
  valuesOf: (card: C) => Record<string, unknown>,
  scoreCard: CardScorer<C>,
  t: CardTotals,
): boolean {
  const { first, end, judgeOf, totalOf } = t;
  const fast = plan.fast;
  const judgeIds = t.judgeIds;
  const judgeIndex = new Map<string, number>();
  // Cards of successive entries usually list the judges in the same order: the judge at the
  // same position in the previous run is tried first (one string comparison, no hashing).
  const predicted = new Int32Array(PREDICTED_POSITIONS).fill(-1);
  // per judge: 1 + the entry of its latest card, to catch a second card for the same entry
  let stamps: Int32Array = new Int32Array(64);
  const visited = new Uint8Array(first.length);
  let grouped = true;
  let e = -1;
  let lastEntryId: unknown = undefined;
  let position = 0;
  // The current run's figures, as summarise computes them (same tie rules), kept in locals:
  // a second pass over the million cards' totals cost about 9 ms of the 50.
  let count = 0;
  let sum = 0;
  let low = Infinity;
  let lowJudge = -1;
  let high = -Infinity;
  let highJudge = -1;
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    if (card === null || typeof card !== 'object')
      throw new EngineError('BAD_SCORECARD', `Phiếu chấm thứ ${c + 1} không hợp lệ.`);
    const entryId = card.entryId;
    if (entryId !== lastEntryId) {
      const next = entryIndex.get(entryId);
      if (next === undefined) throw unknownEntry(card);
      if (e >= 0) {
        end[e] = c;
        keepFigures(t, e, count, sum, low, lowJudge, high, highJudge);
      }
      count = 0;
      sum = 0;
      low = Infinity;
      lowJudge = -1;
      high = -Infinity;
      highJudge = -1;
      e = next;
      lastEntryId = entryId;
      position = 0;
      if (visited[e] === 1) grouped = false;
      else first[e] = c;
      visited[e] = 1;
    }

    const judgeId = card.judgeId;
    let j = position < PREDICTED_POSITIONS ? predicted[position]! : -1;
    if (j < 0 || judgeIds[j] !== judgeId) {
      j = judgeIndex.get(judgeId) ?? newJudge(judgeId, card, judgeIds, judgeIndex);
      if (j >= stamps.length) stamps = grown(stamps);
      if (position < PREDICTED_POSITIONS) predicted[position] = j;
    }
    position++;
    if (stamps[j] === e + 1) throw duplicateCard(card);
    stamps[j] = e + 1;
    judgeOf[c] = j;
    if (card.recused === true) {
      totalOf[c] = RECUSED;
      continue;
    }

    let total = fast ? scoreCard(card, plan) : NaN;
    if (!(total >= 0)) {
      // Decimal text, a rubric beyond the fast path, or a real problem (then explained).
      total = scoreValues(valuesOf(card), plan);
      if (!(total >= 0)) throw explainCard(card, valuesOf(card), rubric);
    }
    totalOf[c] = total; // exact: a judge's total is never rounded
    count++;
    sum += total;
    if (total <= low || total >= high) {
      if (total < low || (total === low && judgeId < judgeIds[lowJudge]!)) {
        low = total;
        lowJudge = j;
      }
      if (total > high || (total === high && judgeId > judgeIds[highJudge]!)) {
        high = total;
        highJudge = j;
      }
    }
  }
  if (e >= 0) {
    end[e] = cards.length;
    keepFigures(t, e, count, sum, low, lowJudge, high, highJudge);
  }
  return grouped;
}

function newJudge(
  judgeId: unknown,
  card: CardRef,
  judgeIds: string[],
  judgeIndex: Map<string, number>,
): number {
  if (typeof judgeId !== 'string' || judgeId === '')
    throw new EngineError(
      'BAD_SCORECARD',
      `Phiếu chấm sản phẩm ${String(card.entryId)} thiếu giám khảo.`,
      { entryId: String(card.entryId) },
    );
  judgeIds.push(judgeId);
  judgeIndex.set(judgeId, judgeIds.length - 1);
  return judgeIds.length - 1;
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * For cards not grouped by entry: orders them by entry (a stable counting sort, linear) and
 * checks for two cards of one judge for one entry, which the single pass cannot see then.
 */
function regroup(t: CardTotals, entryIndex: Map<string, number>, cards: CardRef[]): CardTotals {
  const entries = t.first.length;
  const n = cards.length;
  const entryOf = new Int32Array(n);
  for (let c = 0; c < n; c++) entryOf[c] = entryIndex.get(cards[c]!.entryId)!;
  const first = new Int32Array(entries);
  for (let c = 0; c < n; c++) if (entryOf[c]! + 1 < entries) first[entryOf[c]! + 1]!++;
  for (let e = 1; e < entries; e++) first[e]! += first[e - 1]!;
  const end = first.slice();
  const order = new Int32Array(n);
  for (let c = 0; c < n; c++) order[end[entryOf[c]!]!++] = c;
  const seen = new Int32Array(t.judgeIds.length);
  for (let e = 0; e < entries; e++) {
    for (let k = first[e]!; k < end[e]!; k++) {
      const j = t.judgeOf[order[k]!]!;
      if (seen[j] === e + 1) throw duplicateCard(cards[order[k]!]!);
      seen[j] = e + 1;
    }
  }
  return { ...t, first, end, order };
}
