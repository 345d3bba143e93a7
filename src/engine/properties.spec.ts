import fc from 'fast-check';
import { defaultRules } from './default-rules';
import { EngineError } from './errors';
import { computeFinalScores, FinalScorecard } from './rounds';
import { computeInteractionPoints, InteractionInput } from './interaction-points';
import { computeJudgePoints, PreliminaryScorecard } from './rounds';
import { selectFinalists } from './finalists';
import { aggregateTotals } from './mean';
import { computePreliminary } from './preliminary';
import { scorePreliminaryRound } from './preliminary';
import { allocatePrizes } from './prizes';
import { RankingInput, rankTeams } from './ranking';
import type { ContestRules } from './rules';

/** Every property runs 1.000 times. */
const RUNS = { numRuns: 1000 };
// These examples exercise the trimmed-mean option (the default is the plain mean).
const trimmed = { kind: 'trimmedMean', minJudges: 5 } as const;
const rules = {
  ...defaultRules(),
  judging: { ...defaultRules().judging, aggregation: trimmed },
  final: { ...defaultRules().final, aggregation: trimmed },
};
const byId = <T extends { entryId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
/** Rows as plain JSON (includes judgeTotals, computed on first read). */
const plain = (rows: unknown[]) => JSON.parse(JSON.stringify(rows)) as unknown[];
/** round-half-up(n / d) in BigInt: the reference for every mean. */
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

const idArb = fc.string({ minLength: 1, maxLength: 4 });
const countsArb = fc.uniqueArray(
  fc.record({
    entryId: idArb,
    reactions: fc.nat({ max: 1_000_000 }),
    shares: fc.nat({ max: 100_000 }),
    comments: fc.nat({ max: 100_000 }),
  }),
  { selector: (e) => e.entryId, minLength: 1, maxLength: 40 },
);

describe('interaction points (properties)', () => {
  it('do not depend on input order', () => {
    fc.assert(
      fc.property(countsArb, (entries) => {
        const shuffled = [...entries].reverse();
        expect(byId(computeInteractionPoints(rules.interaction, shuffled))).toEqual(
          byId(computeInteractionPoints(rules.interaction, entries)),
        );
      }),
      RUNS,
    );
  });

  it('lie in [0, 30], give the top entry exactly 30 and match a BigInt reference', () => {
    fc.assert(
      fc.property(countsArb, (entries) => {
        const result = computeInteractionPoints(rules.interaction, entries);
        const raw = (e: InteractionInput) => BigInt(e.reactions) + 2n * BigInt(e.shares);
        const top = entries.reduce((m, e) => (raw(e) > m ? raw(e) : m), 0n);
        result.forEach((r, i) => {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(3000);
          if (top === 0n) expect(r.points).toBe(0);
          else {
            if (raw(entries[i]!) === top) expect(r.points).toBe(3000);
            expect(r.points).toBe(Number(halfUp(3000n * raw(entries[i]!), top)));
          }
          const better = entries.filter((e) => raw(e) > raw(entries[i]!)).length;
          expect(r.rank).toBe(better + 1);
        });
      }),
      RUNS,
    );
  });

  it('stay within [0, max] under rank tiers and points per N interactions', () => {
    const formulas: ContestRules['interaction']['formula'][] = [
      { kind: 'rankTiers', points: [30, 28, 26, 24], otherPoints: 20 },
      { kind: 'perInteractions', per: 50, pointsPer: 0.75 },
    ];
    fc.assert(
      fc.property(countsArb, fc.constantFrom(...formulas), (entries, formula) => {
        for (const r of computeInteractionPoints({ ...rules.interaction, formula }, entries)) {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(3000);
        }
      }),
      RUNS,
    );
  });
});

/** A random preliminary round: entries, judges, 0,25-step scores, some recusals. */
const roundArb = fc
  .record({
    entries: fc.uniqueArray(idArb, { minLength: 1, maxLength: 6 }),
    judges: fc.uniqueArray(idArb, { minLength: 1, maxLength: 8 }),
    seed: fc.array(fc.nat({ max: 60 }), { minLength: 300, maxLength: 300 }),
    recused: fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
    order: fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
  })
  .map(({ entries, judges, seed, recused, order }) => {
    const criteria = rules.judging.criteria;
    let k = 0;
    const cards: PreliminaryScorecard[] = [];
    for (const entryId of entries) {
      for (const judgeId of judges) {
        const scores: Record<string, number> = {};
        for (const c of criteria)
          scores[c.code] = (seed[k++ % seed.length]! % (c.maxPoints * 4 + 1)) / 4;
        cards.push({
          entryId,
          judgeId,
          scores,
          recused: recused[cards.length % 48]! && cards.length % 3 === 0,
        });
      }
    }
    // A shuffled copy, from random sort keys.
    const shuffled = cards
      .map((card, i) => ({ card, key: order[i % 48]! * 1000 + i }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.card);
    return { entries, cards, shuffled };
  });

describe("judges' points and final scores (properties)", () => {
  it('do not depend on the order of the scorecards', () => {
    fc.assert(
      fc.property(roundArb, ({ entries, cards, shuffled }) => {
        expect(plain(computeJudgePoints(rules.judging, entries, shuffled))).toEqual(
          plain(computeJudgePoints(rules.judging, entries, cards)),
        );
      }),
      RUNS,
    );
  });

  it('refuse a second card of a judge for an entry wherever it is, grouped or not', () => {
    const withCopy = roundArb.chain((round) =>
      fc.record({
        round: fc.constant(round),
        // grouped in the list's order, or grouped with each entry's judges shuffled, or not
        layout: fc.constantFrom('grouped', 'judgesShuffled', 'shuffled'),
        copyOf: fc.nat({ max: round.cards.length - 1 }),
        at: fc.nat({ max: round.cards.length }),
      }),
    );
    fc.assert(
      fc.property(withCopy, ({ round: { entries, cards, shuffled }, layout, copyOf, at }) => {
        const position = (c: PreliminaryScorecard) => entries.indexOf(c.entryId);
        const list =
          layout === 'grouped'
            ? [...cards]
            : layout === 'shuffled'
              ? [...shuffled]
              : [...shuffled].sort((a, b) => position(a) - position(b));
        expect(() => computeJudgePoints(rules.judging, entries, list)).not.toThrow();
        const copy = { ...list[copyOf]!, recused: false };
        list.splice(at, 0, copy);
        const error = (() => {
          try {
            computeJudgePoints(rules.judging, entries, list);
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(EngineError);
        expect(error).toMatchObject({
          code: 'DUPLICATE_SCORECARD',
          entryId: copy.entryId,
          judgeId: copy.judgeId,
        });
      }),
      RUNS,
    );
  });

  it('equal a BigInt reference of the (trimmed) mean and lie between the lowest and highest total', () => {
    fc.assert(
      fc.property(roundArb, ({ entries, cards }) => {
        const result = computeJudgePoints(rules.judging, entries, cards);
        entries.forEach((entryId, e) => {
          // Reference: totals in BigInt from quarters (every score here is a multiple of 0,25).
          const totals = cards
            .filter((c) => c.entryId === entryId && !c.recused)
            .map((c) =>
              Object.values(c.scores).reduce<bigint>((s, x) => s + BigInt(Number(x) * 4) * 25n, 0n),
            )
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const row = result[e]!;
          if (totals.length < rules.judging.minJudges) {
            expect(row.points).toBeNull();
            return;
          }
          const counted = totals.length >= 5 ? totals.slice(1, -1) : totals;
          const sum = counted.reduce((s, t) => s + t, 0n);
          expect(row.points).toBe(Number(halfUp(sum, BigInt(counted.length))));
          expect(row.points!).toBeGreaterThanOrEqual(Number(totals[0]));
          expect(row.points!).toBeLessThanOrEqual(Number(totals[totals.length - 1]));
          expect(row.points!).toBeLessThanOrEqual(7000);
        });
      }),
      RUNS,
    );
  });

  it('final scores do not depend on card order either', () => {
    fc.assert(
      fc.property(roundArb, ({ entries, cards, shuffled }) => {
        const asFinal = (list: PreliminaryScorecard[]): FinalScorecard[] =>
          list.map((c) => ({
            entryId: c.entryId,
            judgeId: c.judgeId,
            recused: c.recused,
            parts: {
              presentation: Number(c.scores.novelty) * 2,
              debate: Number(c.scores.usefulness) * 2,
              questions: Number(c.scores.quality) * 2,
            },
          }));
        expect(plain(computeFinalScores(rules.final, entries, asFinal(shuffled)))).toEqual(
          plain(computeFinalScores(rules.final, entries, asFinal(cards))),
        );
      }),
      RUNS,
    );
  });

  it('the whole preliminary round in one call equals its three steps, count rows in any order', () => {
    fc.assert(
      fc.property(
        roundArb,
        fc.array(fc.nat({ max: 5000 }), { minLength: 18, maxLength: 18 }),
        ({ entries, cards, shuffled }, seed) => {
          const counts: InteractionInput[] = entries.map((entryId, i) => ({
            entryId,
            reactions: seed[i % 18]!,
            shares: seed[(i + 6) % 18]! % 700,
            comments: seed[(i + 12) % 18]! % 300,
            ...(i % 2 === 0
              ? { excluded: { reactions: seed[i % 18]! % 5, shares: 0, comments: 0 } }
              : {}),
          }));
          const interaction = computeInteractionPoints(rules.interaction, counts);
          const judges = computeJudgePoints(rules.judging, entries, cards);
          const expected = {
            interaction,
            judges: plain(judges),
            preliminary: computePreliminary(interaction, judges),
          };
          for (const [rows, list] of [
            [counts, cards],
            [[...counts].reverse(), shuffled],
          ] as const) {
            const round = scorePreliminaryRound(rules, entries, [...rows], [...list]);
            expect({ ...round, judges: plain(round.judges) }).toEqual(expected);
          }
        },
      ),
      RUNS,
    );
  });

  it('a trimmed mean of any totals lies between the lowest and highest and matches BigInt', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 100 }),
        (totals) => {
          const result = aggregateTotals(
            { kind: 'trimmedMean', minJudges: 5 },
            1,
            'x',
            totals.map((total, i) => ({ judgeId: `j${i}`, total })),
          );
          expect(result.points!).toBeGreaterThanOrEqual(Math.min(...totals));
          expect(result.points!).toBeLessThanOrEqual(Math.max(...totals));
          const sorted = [...totals].sort((a, b) => a - b);
          const counted = totals.length >= 5 ? sorted.slice(1, -1) : sorted;
          const sum = counted.reduce((s, t) => s + BigInt(t), 0n);
          expect(result.points).toBe(Number(halfUp(sum, BigInt(counted.length))));
        },
      ),
      RUNS,
    );
  });
});

const rowsArb = fc
  .uniqueArray(
    fc.record({
      entryId: idArb,
      // few distinct values, so that ties (and ties surviving the chain) are frequent
      interaction: fc.integer({ min: 0, max: 3 }).map((x) => x * 1000),
      judges: fc.integer({ min: 0, max: 3 }).map((x) => x * 2000),
      final: fc.integer({ min: 0, max: 3 }).map((x) => x * 3000),
    }),
    { selector: (r) => r.entryId, minLength: 1, maxLength: 15 },
  )
  .map((rows) => rows.map((r): RankingInput => ({ ...r, preliminary: r.interaction + r.judges })));

/**
 * Scorecard reads against an integer reference, for rubrics of 1 to 8 items (up to six are
 * read on the fast path, more on the general one) with various maxima and steps, and values
 * that are valid, off the step, out of range, with three decimals, not numbers, or extra keys.
 * The same cards with every value written as text (always the general path) must agree.
 */
const readingArb = fc
  .record({
    maxima: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
    stepH: fc.constantFrom(1, 5, 25, 50, 100),
    judges: fc.integer({ min: 1, max: 4 }),
    values: fc.array(
      fc.oneof(
        { weight: 40, arbitrary: fc.integer({ min: 0, max: 3000 }).map((h) => ({ h })) },
        { weight: 1, arbitrary: fc.integer({ min: -300, max: 3300 }).map((h) => ({ h })) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 30000 }).map((m) => ({ m })) },
        { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, null, true, 'x') },
      ),
      { minLength: 32, maxLength: 32 },
    ),
    extraKey: fc.integer({ min: 0, max: 40 }),
  })
  .map(({ maxima, stepH, judges, values, extraKey }) => {
    const items = maxima.map((max, i) => ({
      code: `c${i}`,
      name: `Tiêu chí ${i}`,
      maxPoints: max,
    }));
    const cards: PreliminaryScorecard[] = [];
    let valid = true;
    const totals: number[] = [];
    let k = 0;
    for (let j = 0; j < judges; j++) {
      const scores: Record<string, unknown> = {};
      let total = 0;
      for (const item of items) {
        const raw = values[k++ % values.length]!;
        const maxH = item.maxPoints * 100;
        let value: unknown;
        if (raw !== null && typeof raw === 'object' && 'h' in raw) {
          // whole hundredths: valid when within the maximum and on the step
          const h = Math.round((raw.h * maxH) / 3000 / stepH) * stepH + (raw.h % 7 === 0 ? 1 : 0);
          value = h / 100;
          if (h >= 0 && h <= maxH && h % stepH === 0) total += h;
          else valid = false;
        } else if (raw !== null && typeof raw === 'object') {
          value = raw.m / 1000 + 0.0005; // three decimals: never valid
          valid = false;
        } else {
          value = raw;
          valid = false;
        }
        scores[item.code] = value;
      }
      if (extraKey === j) {
        scores.extra = 1;
        valid = false;
      }
      totals.push(total);
      cards.push({ entryId: 'x', judgeId: `j${j}`, scores: scores as Record<string, number> });
    }
    const judging = {
      ...rules.judging,
      criteria: items,
      step: stepH / 100,
      minJudges: 0,
      aggregation: { kind: 'mean' as const },
    };
    return { judging, cards, valid, totals };
  });

describe('scorecard reads (properties)', () => {
  it('accept exactly the valid cards and total them exactly, as numbers and as text, in both rounds', () => {
    fc.assert(
      fc.property(readingArb, ({ judging, cards, valid, totals }) => {
        const asText = cards.map((card) => ({
          ...card,
          scores: Object.fromEntries(
            Object.entries(card.scores).map(([code, v]) => [
              code,
              typeof v === 'number' && Number.isFinite(v) ? String(v) : v,
            ]),
          ) as Record<string, string>,
        }));
        // The final round reads its cards through the general loop, the preliminary round
        // through its own fast loop: both must accept and total the same cards alike.
        const final = { ...rules.final, ...judging, parts: judging.criteria };
        const asParts = (input: PreliminaryScorecard[]): FinalScorecard[] =>
          input.map(({ scores, ...card }) => ({ ...card, parts: scores }));
        for (const input of [cards, asText]) {
          if (!valid) {
            expect(() => computeJudgePoints(judging, ['x'], input)).toThrow(EngineError);
            expect(() => computeFinalScores(final, ['x'], asParts(input))).toThrow(EngineError);
            continue;
          }
          const [row] = computeJudgePoints(judging, ['x'], input);
          expect(row!.judgeTotals.map((t) => t.total)).toEqual(totals);
          const [finalRow] = computeFinalScores(final, ['x'], asParts(input));
          expect(finalRow!.judgeTotals.map((t) => t.total)).toEqual(totals);
        }
      }),
      RUNS,
    );
  });
});

describe('finalists (properties)', () => {
  it('the top-N cut is the value sorting gives at that place, and partitions around it', () => {
    // Moved from the quickselect helper (removed) to selectFinalists, which did the selection.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (list, at) => {
          const k = at % list.length;
          const rows = list.map((v, i) => {
            const preliminary = (v + 5) * 100;
            return {
              entryId: `e${i}`,
              interaction: 0,
              judges: preliminary,
              preliminary,
              complete: true,
            };
          });
          // top N with N = length − k: the cut is the k-th value of the ascending sort
          const result = selectFinalists({ kind: 'topN', n: list.length - k }, rows);
          const kth = ([...list].sort((a, b) => a - b)[k]! + 5) * 100;
          const chosen = new Set([...result.finalists, ...(result.tieAtCut ?? [])]);
          const scores = rows.filter((r) => chosen.has(r.entryId)).map((r) => r.preliminary);
          expect(Math.min(...scores)).toBe(kth);
          for (const r of rows) expect(chosen.has(r.entryId)).toBe(r.preliminary >= kth);
        },
      ),
      RUNS,
    );
  });

  it('top N takes the N best, or leaves a tie across the cut to the organisers', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(idArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (ids, scores, n) => {
          const rows = ids.map((entryId, i) => {
            const preliminary = scores[i]! * 50;
            return { entryId, interaction: 0, judges: preliminary, preliminary, complete: true };
          });
          const result = selectFinalists({ kind: 'topN', n }, rows);
          const best = rows.map((r) => r.preliminary).sort((a, b) => b - a);
          const sortedIds = (list: string[]) => [...list].sort();
          if (rows.length <= n || best[n - 1] !== best[n]) {
            const cut = rows.length <= n ? -1 : best[n - 1]!;
            expect(result.tieAtCut).toBeNull();
            expect(sortedIds(result.finalists)).toEqual(
              sortedIds(rows.filter((r) => r.preliminary >= cut).map((r) => r.entryId)),
            );
          } else {
            const cut = best[n - 1]!;
            expect(sortedIds(result.finalists)).toEqual(
              sortedIds(rows.filter((r) => r.preliminary > cut).map((r) => r.entryId)),
            );
            expect(sortedIds(result.tieAtCut!)).toEqual(
              sortedIds(rows.filter((r) => r.preliminary === cut).map((r) => r.entryId)),
            );
          }
          // best first
          const order = result.finalists.map(
            (id) => rows.find((r) => r.entryId === id)!.preliminary,
          );
          expect(order).toEqual([...order].sort((a, b) => b - a));
        },
      ),
      RUNS,
    );
  });
});

describe('ranking and prizes (properties)', () => {
  it('ranking is a permutation with ranks consistent with scores, independent of input order', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const ranked = rankTeams(rules, rows);
        expect(ranked.map((r) => r.entryId).sort()).toEqual(rows.map((r) => r.entryId).sort());
        ranked.forEach((row, i) => {
          expect(row.rankingScore).toBe(row.preliminary + row.final);
          // competition ranking: 1 + the number of rows ranked strictly better
          expect(row.rank).toBe(1 + ranked.filter((o) => o.rank < row.rank).length);
          for (const other of ranked) {
            if (other.rankingScore > row.rankingScore) expect(other.rank).toBeLessThan(row.rank);
          }
          const next = ranked[i + 1];
          if (next) {
            expect(row.rankingScore).toBeGreaterThanOrEqual(next.rankingScore);
            if (row.rank === next.rank) expect(row.needsDecision && next.needsDecision).toBe(true);
          }
        });
        expect(rankTeams(rules, [...rows].reverse())).toEqual(ranked);
      }),
      RUNS,
    );
  });

  it('a recorded decision for every tie leaves no tie and keeps the order of scores', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const first = rankTeams(rules, rows);
        const groups = new Map<number, string[]>();
        for (const r of first) groups.set(r.rank, [...(groups.get(r.rank) ?? []), r.entryId]);
        const decisions = [...groups.values()]
          .filter((ids) => ids.length > 1)
          .map((ids) => ({ entryIds: [...ids].reverse() }));
        const decided = rankTeams(rules, rows, decisions);
        expect(decided.map((r) => r.rank)).toEqual(decided.map((_, i) => i + 1));
        expect(decided.every((r) => !r.needsDecision)).toBe(true);
        decided.forEach((r, i) => {
          if (i > 0) expect(decided[i - 1]!.rankingScore).toBeGreaterThanOrEqual(r.rankingScore);
        });
      }),
      RUNS,
    );
  });

  it('prize counts never exceed the table or the cap; the total is the sum of the awards', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        (rows, cap) => {
          const ranking = rankTeams(rules, rows);
          const allocation = allocatePrizes({ ...rules, prizeCapPercent: cap }, ranking, {
            sideAwards: [{ prizeCode: 'phu_tap_the', entryId: rows[0]!.entryId }],
          });
          for (const prize of rules.prizes.filter((p) => p.kind !== 'certificate')) {
            expect(
              allocation.awards.filter((a) => a.prizeCode === prize.code).length,
            ).toBeLessThanOrEqual(prize.count);
          }
          const ranked = allocation.awards.filter((a) => a.kind === 'ranked');
          if (cap !== null)
            expect(ranked.length).toBeLessThanOrEqual(Math.floor((rows.length * cap) / 100));
          expect(allocation.totalVnd).toBe(allocation.awards.reduce((s, a) => s + a.amountVnd, 0));
          // one ranked prize or certificate per team, never both; blocked teams get neither
          const main = allocation.awards.filter(
            (a) => a.kind === 'ranked' || a.kind === 'certificate',
          );
          expect(new Set(main.map((a) => a.entryId)).size).toBe(main.length);
          const blocked = (allocation.blockedByTie ?? []).flatMap((b) => b.entryIds);
          expect(main.length + blocked.length).toBe(rows.length);
          // a better rank never gets a smaller ranked prize than a worse one
          const amountOf = (id: string) => ranked.find((a) => a.entryId === id)?.amountVnd ?? 0;
          for (const a of ranking)
            for (const b of ranking)
              if (a.rank < b.rank && !blocked.includes(a.entryId) && !blocked.includes(b.entryId))
                expect(amountOf(a.entryId)).toBeGreaterThanOrEqual(amountOf(b.entryId));
          // independent of input order
          expect(
            allocatePrizes({ ...rules, prizeCapPercent: cap }, [...ranking].reverse(), {
              sideAwards: [{ prizeCode: 'phu_tap_the', entryId: rows[0]!.entryId }],
            }),
          ).toEqual(allocation);
        },
      ),
      RUNS,
    );
  });
});
