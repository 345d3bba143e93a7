import fc from 'fast-check';
import { defaultRules } from './default-rules';
import { computeInteractionPoints } from './interaction';
import { aggregateTotals } from './judges';
import { allocatePrizes } from './prizes';
import { RankingInput, rankTeams } from './ranking';

const RUNS = { numRuns: 1000 };
const rules = defaultRules();

const countsArb = fc.uniqueArray(
  fc.record({
    entryId: fc.string({ minLength: 1, maxLength: 6 }),
    reactions: fc.nat({ max: 1_000_000 }),
    shares: fc.nat({ max: 100_000 }),
    comments: fc.nat({ max: 100_000 }),
  }),
  { selector: (e) => e.entryId, minLength: 1, maxLength: 40 },
);

const byId = <T extends { entryId: string }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.entryId < b.entryId ? -1 : 1));

describe('properties (1.000 runs each)', () => {
  it('interaction points do not depend on input order', () => {
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

  it('interaction points lie in [0, max] and the top entry gets exactly the max (proportional)', () => {
    fc.assert(
      fc.property(countsArb, (entries) => {
        const result = computeInteractionPoints(rules.interaction, entries);
        const top = Math.max(...result.map((r) => r.rawHundredths));
        for (const r of result) {
          expect(r.points).toBeGreaterThanOrEqual(0);
          expect(r.points).toBeLessThanOrEqual(3000);
          if (top > 0 && r.rawHundredths === top) expect(r.points).toBe(3000);
          // reference in BigInt: round half up of 3000 × raw / top
          if (top > 0) {
            const ref = Number(
              (3000n * BigInt(r.rawHundredths) * 2n + BigInt(top)) / (2n * BigInt(top)),
            );
            expect(r.points).toBe(ref);
          }
        }
      }),
      RUNS,
    );
  });

  it('a trimmed mean lies between the lowest and highest judge totals and matches a BigInt reference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7000 }), { minLength: 1, maxLength: 100 }),
        (totals) => {
          const judgeTotals = totals.map((total, i) => ({ judgeId: `j${i}`, total }));
          const result = aggregateTotals(
            { kind: 'trimmedMean', minJudges: 5 },
            1,
            'x',
            judgeTotals,
          );
          expect(result.points).not.toBeNull();
          expect(result.points!).toBeGreaterThanOrEqual(Math.min(...totals));
          expect(result.points!).toBeLessThanOrEqual(Math.max(...totals));
          const sorted = [...totals].sort((a, b) => a - b);
          const counted = totals.length >= 5 ? sorted.slice(1, -1) : sorted;
          const sum = counted.reduce((a, b) => a + BigInt(b), 0n);
          const n = BigInt(counted.length);
          expect(result.points).toBe(Number((sum * 2n + n) / (2n * n)));
        },
      ),
      RUNS,
    );
  });

  const rowsArb = fc
    .uniqueArray(
      fc.record({
        entryId: fc.string({ minLength: 1, maxLength: 5 }),
        interaction: fc.integer({ min: 0, max: 3000 }),
        judges: fc.integer({ min: 0, max: 7000 }),
        final: fc.integer({ min: 0, max: 10000 }),
      }),
      { selector: (r) => r.entryId, minLength: 1, maxLength: 30 },
    )
    .map((rows) =>
      rows.map((r): RankingInput => ({ ...r, preliminary: r.interaction + r.judges })),
    );

  it('ranking is a permutation of the input with ranks consistent with the scores, independent of input order', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const ranked = rankTeams(rules, rows);
        expect(ranked.map((r) => r.entryId).sort()).toEqual(rows.map((r) => r.entryId).sort());
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          expect(a.rankingScore).toBeGreaterThanOrEqual(b.rankingScore);
          expect(a.rank).toBeLessThanOrEqual(b.rank);
          if (a.rankingScore > b.rankingScore) expect(a.rank).toBeLessThan(b.rank);
          if (a.rank === b.rank) expect(a.needsDecision && b.needsDecision).toBe(true);
        }
        const reversed = rankTeams(rules, [...rows].reverse());
        expect(reversed.map((r) => [r.entryId, r.rank])).toEqual(
          ranked.map((r) => [r.entryId, r.rank]),
        );
      }),
      RUNS,
    );
  });

  it('prize counts never exceed the table and the printed total equals the sum of the awards', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        (rows, cap) => {
          const allocation = allocatePrizes(
            { ...rules, prizeCapPercent: cap },
            rankTeams(rules, rows),
          );
          for (const prize of rules.prizes.filter((p) => p.kind === 'ranked')) {
            expect(
              allocation.awards.filter((a) => a.prizeCode === prize.code).length,
            ).toBeLessThanOrEqual(prize.count);
          }
          const ranked = allocation.awards.filter((a) => a.kind === 'ranked').length;
          if (cap !== null)
            expect(ranked).toBeLessThanOrEqual(Math.floor((rows.length * cap) / 100));
          expect(allocation.totalVnd).toBe(
            allocation.awards.reduce((sum, a) => sum + a.amountVnd, 0),
          );
          const awarded = new Set(allocation.awards.map((a) => a.entryId));
          expect(awarded.size).toBe(allocation.awards.length); // one prize or certificate per team
        },
      ),
      RUNS,
    );
  });
});
