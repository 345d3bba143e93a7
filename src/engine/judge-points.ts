import { AggregateResult, aggregateEntries, checkAggregation } from './mean';
import type { ContestRules } from './rules';
import { fastScore, rubricOf } from './rubric';
import { CardReading, generalTotal, scanCards, totalScorecards } from './scorecards';
import { CardRuns, notACard } from './card-runs';
import { indexEntryIds } from './index-ids';

export interface PreliminaryScorecard {
  entryId: string;
  judgeId: string;
  /** points per criterion code, human units with ≤ 2 decimals (numbers or decimal text) */
  scores: Record<string, number | string>;
  /** the judge has a conflict of interest with this entry: the card is not counted */
  recused?: boolean;
}

const scoresOf = (card: PreliminaryScorecard) => card.scores;

/**
 * The preliminary round's card loop: `scanCards` (scorecards.ts) with the card's values read
 * in line. This round has entries × judges cards (a million at 10.000 × 100), so the read is
 * written out here rather than called: up to six items, numbers only, through fixed
 * property-access sites (k0 … k5) with the read plan in locals. Each site always sees the same
 * key, so V8 keeps it monomorphic; a loop over `values[items[i].code]` is one megamorphic site
 * and about three times slower. The final round (a few thousand cards) uses `scanCards`: a
 * shared loop would see both rounds' codes at these sites. Anything the fast read cannot tell
 * (decimal text, more items, huge maxima, an invalid value) goes to `generalTotal`, which
 * also explains a bad card.
 */
function scanPreliminaryCards(
  cards: PreliminaryScorecard[],
  runs: CardRuns,
  reading: CardReading<PreliminaryScorecard>,
): void {
  const plan = reading.plan;
  if (!plan.fast) return scanCards(cards, runs, reading);
  const { k0, k1, k2, k3, k4, k5, m0, m1, m2, m3, m4, m5, itemCount: n, mask } = plan;
  const exact = plan.exact!;
  const expected = runs.expected;
  // As in scanCards: the current run's state in locals, `runs` called at its edges only.
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

    // The fast read: NaN unless every item is a number on the table and no key is unknown.
    const values = card.scores as Record<string, unknown>;
    let t = NaN;
    if (values !== null && typeof values === 'object') {
      let h = 0;
      let s = 0;
      read: {
        if (n > 0) {
          if ((h = fastScore(values[k0], m0, exact, mask)) < 0) break read;
          s += h;
        }
        if (n > 1) {
          if ((h = fastScore(values[k1], m1, exact, mask)) < 0) break read;
          s += h;
        }
        if (n > 2) {
          if ((h = fastScore(values[k2], m2, exact, mask)) < 0) break read;
          s += h;
        }
        if (n > 3) {
          if ((h = fastScore(values[k3], m3, exact, mask)) < 0) break read;
          s += h;
        }
        if (n > 4) {
          if ((h = fastScore(values[k4], m4, exact, mask)) < 0) break read;
          s += h;
        }
        if (n > 5) {
          if ((h = fastScore(values[k5], m5, exact, mask)) < 0) break read;
          s += h;
        }
        // No key beyond the items: keys are unique, so as many keys as items means none
        // unknown.
        let keys = 0;
        for (const _key in values) keys++;
        if (keys === n) t = s;
      }
    }
    // The fast read above refused it: straight to the general read (not `total`, which would
    // try the fast read again).
    if (!(t >= 0)) t = generalTotal(card, values, reading);
    // exact: a judge's total is never rounded
    count++;
    sum += t;
    if (t < low) low = t;
    if (t > high) high = t;
  }
  runs.endRun(cards.length, count, sum, low, high);
}

/**
 * Judges' points per entry (out of 70 by default), in `entryIds` order: each judge's total
 * over the criteria, then the mean or trimmed mean (see mean.ts). Entries with fewer than
 * `minJudges` counted scorecards are incomplete and get no points.
 */
export function computeJudgePoints(
  rules: ContestRules['judging'],
  entryIds: string[],
  scorecards: PreliminaryScorecard[],
): AggregateResult[] {
  checkAggregation(rules.aggregation, rules.minJudges, 'judging');
  return judgePointsOf(rules, entryIds, indexEntryIds(entryIds), scorecards);
}

/**
 * `computeJudgePoints` for an entry list already indexed by `indexEntryIds` (so already known
 * to list each entry once) and aggregation settings already checked.
 */
export function judgePointsOf(
  rules: ContestRules['judging'],
  entryIds: string[],
  entryIndex: Map<string, number>,
  scorecards: PreliminaryScorecard[],
): AggregateResult[] {
  const rubric = rubricOf(rules.criteria, rules.step, 'judging.criteria', 'tiêu chí');
  const cards = totalScorecards(
    rubric,
    entryIds,
    entryIndex,
    scorecards,
    scoresOf,
    scanPreliminaryCards,
  );
  return aggregateEntries(rules.aggregation, rules.minJudges, entryIds, cards);
}
