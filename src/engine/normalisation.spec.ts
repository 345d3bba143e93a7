import fc from 'fast-check';
import { defaultRules } from './default-rules';
import { computeJudgePoints, PreliminaryScorecard } from './rounds';
import type { ContestRules, Normalisation } from './rules';

const RUNS = { numRuns: 500 };
const judging = (normalisation?: Normalisation): ContestRules['judging'] => ({
  ...defaultRules().judging,
  aggregation: { kind: 'mean' },
  minJudges: 1,
  ...(normalisation === undefined ? {} : { normalisation }),
});
/** A card whose criteria add up to `total` (the split does not matter). */
const card = (entryId: string, judgeId: string, total: number): PreliminaryScorecard => ({
  entryId,
  judgeId,
  scores: {
    novelty: Math.min(15, total),
    usefulness: Math.min(15, Math.max(0, total - 15)),
    practicality: Math.min(15, Math.max(0, total - 30)),
    breakthrough: Math.min(15, Math.max(0, total - 45)),
    quality: Math.max(0, total - 60),
  },
});
const plain = (rows: unknown) => JSON.parse(JSON.stringify(rows)) as unknown;

describe('normalisation: the worked example of docs/scoring.md', () => {
  // Three judges on panels: A scores x, y, z; B (generous) x, y; C (strict) y, z.
  const cards = [
    card('x', 'A', 60),
    card('y', 'A', 50),
    card('z', 'A', 40),
    card('x', 'B', 66),
    card('y', 'B', 62),
    card('y', 'C', 30),
    card('z', 'C', 20),
  ];
  const entries = ['x', 'y', 'z'];
  const figures = (method: Normalisation) =>
    computeJudgePoints(judging(method), entries, cards).map((r) => ({
      entryId: r.entryId,
      raw: r.rawPoints,
      points: r.points,
      cards: r.judgeTotals.map((t) => [t.judgeId, t.total, t.normalised]),
    }));

  it('mean-centering: 35 + (total − the judge mean), then the mean per entry', () => {
    // A's mean 50, B's 64, C's 25; the centre of 0..70 is 35.
    expect(figures('meanCentering')).toEqual([
      {
        entryId: 'x',
        raw: 6300,
        points: 4100, // (45 + 37) / 2
        cards: [
          ['A', 6000, 4500],
          ['B', 6600, 3700],
        ],
      },
      {
        entryId: 'y',
        raw: 4733, // (50 + 62 + 30) / 3 = 47,33
        points: 3600, // (35 + 33 + 40) / 3
        cards: [
          ['A', 5000, 3500],
          ['B', 6200, 3300],
          ['C', 3000, 4000],
        ],
      },
      {
        entryId: 'z',
        raw: 3000,
        points: 2750, // (25 + 30) / 2
        cards: [
          ['A', 4000, 2500],
          ['C', 2000, 3000],
        ],
      },
    ]);
  });

  it('z-score: 35 + z × 70 / 6 per card, rounded to 0,01, then the mean per entry', () => {
    // A: mean 50, σ = √(200/3) = 8,165, z(60) = √1,5 = 1,2247 → 35 + 14,2887 = 49,29.
    // B: mean 64, σ = 2, z = ±1 → 35 ± 11,6667 = 46,67 / 23,33. C: mean 25, σ = 5, z = ±1.
    expect(figures('zScore').map((r) => [r.entryId, r.points, r.cards])).toEqual([
      [
        'x',
        4798, // (49,29 + 46,67) / 2
        [
          ['A', 6000, 4929],
          ['B', 6600, 4667],
        ],
      ],
      [
        'y',
        3500, // (35,00 + 23,33 + 46,67) / 3
        [
          ['A', 5000, 3500],
          ['B', 6200, 2333],
          ['C', 3000, 4667],
        ],
      ],
      [
        'z',
        2202, // (20,71 + 23,33) / 2
        [
          ['A', 4000, 2071],
          ['C', 2000, 2333],
        ],
      ],
    ]);
  });

  it('puts a judge with one card or no spread at the centre, 35,00', () => {
    const rows = computeJudgePoints(
      judging('zScore'),
      ['x', 'y'],
      [card('x', 'A', 70), card('x', 'B', 50), card('y', 'B', 50)],
    );
    expect(rows.map((r) => r.judgeTotals.map((t) => t.normalised))).toEqual([[3500, 3500], [3500]]);
  });

  it('is validated: an unknown method is refused', () => {
    expect(() =>
      computeJudgePoints({ ...judging(), normalisation: 'median' as never }, ['x'], []),
    ).toThrow(expect.objectContaining({ code: 'BAD_RULES', field: 'judging.normalisation' }));
  });
});

/** A panel round: entries, judges each scoring a random subset, novelty kept ≤ 10 (room for +5). */
const panelArb = fc
  .record({
    entries: fc.integer({ min: 1, max: 8 }),
    judges: fc.integer({ min: 1, max: 6 }),
    scores: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 48, maxLength: 48 }),
    seats: fc.array(fc.boolean(), { minLength: 48, maxLength: 48 }),
    method: fc.constantFrom<Normalisation>('zScore', 'meanCentering'),
    shifted: fc.nat(),
  })
  .map(({ entries, judges, scores, seats, method, shifted }) => {
    const entryIds = Array.from({ length: entries }, (_, e) => `e${e}`);
    const cards: PreliminaryScorecard[] = [];
    entryIds.forEach((entryId, e) => {
      for (let j = 0; j < judges; j++) {
        const i = e * judges + j;
        if (!seats[i % 48]) continue;
        const s = scores[i % 48]!;
        cards.push({
          entryId,
          judgeId: `j${j}`,
          scores: {
            novelty: (s % 41) / 4, // 0 … 10
            usefulness: (s % 13) + 1,
            practicality: (s % 7) * 2,
            breakthrough: 15 - (s % 9),
            quality: (s % 5) * 2.25,
          },
        });
      }
    });
    return { entryIds, cards, method, judge: `j${shifted % judges}` };
  });

describe('normalisation (properties)', () => {
  it('keeps every normalised total and the points within [0, 70]', () => {
    fc.assert(
      fc.property(panelArb, ({ entryIds, cards, method }) => {
        for (const row of computeJudgePoints(judging(method), entryIds, cards)) {
          for (const t of row.judgeTotals) {
            expect(t.normalised).toBeGreaterThanOrEqual(0);
            expect(t.normalised).toBeLessThanOrEqual(7000);
          }
          if (row.points !== null) expect(row.points).toBeLessThanOrEqual(7000);
        }
      }),
      RUNS,
    );
  });

  it('changes nothing when one judge scores everyone 5 points higher', () => {
    fc.assert(
      fc.property(panelArb, ({ entryIds, cards, method, judge }) => {
        const generous = cards.map((c) =>
          c.judgeId === judge
            ? { ...c, scores: { ...c.scores, novelty: Number(c.scores.novelty) + 5 } }
            : c,
        );
        const normalisedOf = (list: PreliminaryScorecard[]) =>
          computeJudgePoints(judging(method), entryIds, list).map((r) => ({
            points: r.points,
            normalised: r.judgeTotals.map((t) => [t.judgeId, t.normalised]),
          }));
        expect(normalisedOf(generous)).toEqual(normalisedOf(cards));
      }),
      RUNS,
    );
  });

  it('z-scores match a floating-point reference to within rounding', () => {
    fc.assert(
      fc.property(panelArb, ({ entryIds, cards }) => {
        const rows = computeJudgePoints(judging('zScore'), entryIds, cards);
        const totalsOf = new Map<string, number[]>();
        for (const t of rows.flatMap((r) => r.judgeTotals))
          totalsOf.set(t.judgeId, [...(totalsOf.get(t.judgeId) ?? []), t.total]);
        for (const t of rows.flatMap((r) => r.judgeTotals)) {
          const list = totalsOf.get(t.judgeId)!;
          const mean = list.reduce((s, x) => s + x, 0) / list.length;
          const sd = Math.sqrt(list.reduce((s, x) => s + (x - mean) ** 2, 0) / list.length);
          const z = sd < 1e-9 ? 0 : (t.total - mean) / sd;
          const expected = Math.min(7000, Math.max(0, 3500 + (z * 7000) / 6));
          expect(Math.abs(t.normalised! - expected)).toBeLessThanOrEqual(0.5 + 1e-6);
        }
      }),
      RUNS,
    );
  });

  it('none (and no setting) gives exactly the results without normalisation', () => {
    fc.assert(
      fc.property(panelArb, ({ entryIds, cards }) => {
        const without = plain(computeJudgePoints(judging(), entryIds, cards));
        expect(plain(computeJudgePoints(judging('none'), entryIds, cards))).toEqual(without);
        expect(JSON.stringify(without)).not.toContain('normalised');
        expect(JSON.stringify(without)).not.toContain('rawPoints');
      }),
      RUNS,
    );
  });
});
