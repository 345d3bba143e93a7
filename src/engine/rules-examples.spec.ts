import { defaultRules } from './default-rules';
import { EngineError } from './errors';
import { computeFinalScores } from './rounds';
import { selectFinalists } from './finalists';
import { computeInteractionPoints } from './interaction-points';
import { computeJudgePoints, PreliminaryScorecard } from './rounds';
import { aggregateTotals } from './mean';
import { computePreliminary, PreliminaryRow } from './preliminary';
import { scorePreliminaryRound } from './preliminary';
import { allocatePrizes } from './prizes';
import { RankingInput, rankTeams } from './ranking';
import type { ContestRules } from './rules';
import { proposeSidePrizes } from './side-prizes';

// These examples exercise the trimmed-mean option (the default is the plain mean).
const trimmed = { kind: 'trimmedMean', minJudges: 5 } as const;
const rules = {
  ...defaultRules(),
  judging: { ...defaultRules().judging, aggregation: trimmed },
  final: { ...defaultRules().final, aggregation: trimmed },
};
const entry = (entryId: string, reactions: number, shares = 0, comments = 0) => ({
  entryId,
  reactions,
  shares,
  comments,
});
/** The EngineError `run` throws (the test fails if it throws nothing or something else). */
function engineError(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return error as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe('interaction points', () => {
  it('gives the most interacted entry exactly 30,00 and the others 30 × raw / top, half-up', () => {
    const result = computeInteractionPoints(rules.interaction, [
      entry('a', 1000, 250), // raw 1.500: the top
      entry('b', 500, 0, 999), // comments weigh 0: raw 500 → 10,00
      entry('c', 1), // 30 × 1 / 1.500 = 0,02
      entry('d', 0, 1), // 30 × 2 / 1.500 = 0,04
      entry('e', 37, 0), // 30 × 37 / 1.500 = 0,74
      entry('f', 25, 0), // 30 × 25 / 1.500 = 0,50
      entry('g', 22, 0), // 30 × 22 / 1.500 = 0,44
    ]);
    expect(result.map((r) => [r.entryId, r.raw, r.points, r.rank])).toEqual([
      ['a', 1500, 3000, 1],
      ['b', 500, 1000, 2],
      ['c', 1, 2, 7],
      ['d', 2, 4, 6],
      ['e', 37, 74, 3],
      ['f', 25, 50, 4],
      ['g', 22, 44, 5],
    ]);
  });

  it('ranks ties alike (1, 1, 3) for small counts and for counts beyond 2^32 hundredths', () => {
    for (const scale of [1, 100_000_000]) {
      const result = computeInteractionPoints(rules.interaction, [
        entry('a', 5 * scale),
        entry('b', 7 * scale),
        entry('c', 0),
        entry('d', 7 * scale),
        entry('e', 5 * scale + 1),
      ]);
      expect(result.map((r) => r.rank)).toEqual([4, 1, 5, 1, 3]);
    }
  });

  it('rounds half up: 30 × 1 / 8 = 3,75 exactly, 30 × 1 / 400 = 0,075 → 0,08', () => {
    const eighth = computeInteractionPoints(rules.interaction, [entry('a', 8), entry('b', 1)]);
    expect(eighth[1]!.points).toBe(375);
    const small = computeInteractionPoints(rules.interaction, [entry('a', 400), entry('b', 1)]);
    expect(small[1]!.points).toBe(8);
  });

  it('gives 0 to everyone when nobody interacted (no division by zero)', () => {
    const result = computeInteractionPoints(rules.interaction, [entry('a', 0), entry('b', 0)]);
    expect(result.map((r) => [r.points, r.rank])).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('subtracts exclusions before weighting; equal raw shares the rank and the points', () => {
    const [a, b] = computeInteractionPoints(rules.interaction, [
      { ...entry('a', 500, 100, 999), excluded: { reactions: 300, shares: 0, comments: 999 } },
      entry('b', 300, 50),
    ]);
    expect([a!.raw, b!.raw]).toEqual([400, 400]); // 500 − 300 + 2 × 100; 300 + 2 × 50
    expect([a!.points, b!.points, a!.rank, b!.rank]).toEqual([3000, 3000, 1, 1]);
  });

  it('ranks 1, 1, 3 with small and with very large counts alike', () => {
    // Small raws are ranked through one packed sort; raws near 2^53 / n take the other path.
    for (const scale of [1, 2 ** 43]) {
      const rows = computeInteractionPoints(rules.interaction, [
        entry('a', 5 * scale),
        entry('b', 9 * scale),
        entry('c', 0),
        entry('d', 9 * scale),
        entry('e', 5 * scale),
        entry('f', 7 * scale),
      ]);
      expect(rows.map((r) => r.rank)).toEqual([4, 1, 6, 1, 4, 3]);
    }
  });

  it('keeps raw exact in hundredths when weights have decimals', () => {
    const half: ContestRules['interaction'] = {
      ...rules.interaction,
      weights: { reactions: 1, shares: 2, comments: 0.5 },
    };
    const [a] = computeInteractionPoints(half, [entry('a', 10, 1, 3)]);
    expect([a!.rawHundredths, a!.raw]).toEqual([1350, 13.5]);
  });

  it('rank tiers: 30 / 28 / 26 by rank, ties share the better tier, the rest get otherPoints', () => {
    const tiers: ContestRules['interaction'] = {
      ...rules.interaction,
      formula: { kind: 'rankTiers', points: [30, 28, 26], otherPoints: 20 },
    };
    const result = computeInteractionPoints(tiers, [
      entry('a', 90),
      entry('b', 100),
      entry('c', 90),
      entry('d', 10),
      entry('e', 0),
    ]);
    expect(result.map((r) => [r.entryId, r.rank, r.points])).toEqual([
      ['a', 2, 2800],
      ['b', 1, 3000],
      ['c', 2, 2800],
      ['d', 4, 2000],
      ['e', 5, 0], // no interaction, no tier
    ]);
  });

  it('points per N interactions, capped at the maximum', () => {
    const per: ContestRules['interaction'] = {
      ...rules.interaction,
      formula: { kind: 'perInteractions', per: 100, pointsPer: 1.5 },
    };
    const result = computeInteractionPoints(per, [
      entry('a', 250),
      entry('b', 5000),
      entry('c', 99),
    ]);
    expect(result.map((r) => r.points)).toEqual([300, 3000, 0]); // 2 × 1,5; 50 × 1,5 → 30; 0
  });

  it.each([
    ['a negative count', entry('a', -1), 'BAD_COUNT'],
    ['NaN', entry('a', Number.NaN), 'BAD_COUNT'],
    ['a fraction', entry('a', 1.5), 'BAD_COUNT'],
    [
      'an exclusion above the count',
      { ...entry('a', 10), excluded: { reactions: 11, shares: 0, comments: 0 } },
      'EXCLUSION_TOO_LARGE',
    ],
  ])('refuses %s with a typed error naming the entry', (_name, input, code) => {
    const error = engineError(() => computeInteractionPoints(rules.interaction, [input]));
    expect(error).toMatchObject({ code, entryId: 'a' });
  });

  it('refuses an unknown formula and two rows for one entry', () => {
    const magic = { ...rules.interaction, formula: { kind: 'magic' } } as never;
    expect(engineError(() => computeInteractionPoints(magic, [entry('a', 1)])).code).toBe(
      'UNKNOWN_FORMULA',
    );
    expect(
      engineError(() =>
        computeInteractionPoints(rules.interaction, [entry('a', 1), entry('a', 2)]),
      ),
    ).toMatchObject({ code: 'DUPLICATE_ENTRY', entryId: 'a' });
  });
});

describe("judges' points", () => {
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

  it('uses the plain mean below 5 judges and drops the highest and lowest from 5', () => {
    const four = computeJudgePoints(
      rules.judging,
      ['x'],
      ['a', 'b', 'c', 'd'].map((j, i) => card('x', j, 60 + i)),
    );
    expect(four[0]).toMatchObject({ points: 6150, trimmed: false, judgesCounted: 4 });
    const five = computeJudgePoints(
      rules.judging,
      ['x'],
      ['a', 'b', 'c', 'd', 'e'].map((j, i) => card('x', j, [70, 60, 61, 62, 10][i]!)),
    );
    expect(five[0]).toMatchObject({
      points: 6100, // (60 + 61 + 62) / 3
      trimmed: true,
      judgesCounted: 3,
      droppedJudgeIds: ['e', 'a'], // [lowest, highest]
      complete: true,
    });
    expect(five[0]!.judgeTotals).toEqual([
      { judgeId: 'a', total: 7000 },
      { judgeId: 'b', total: 6000 },
      { judgeId: 'c', total: 6100 },
      { judgeId: 'd', total: 6200 },
      { judgeId: 'e', total: 1000 },
    ]);
  });

  it('lists judge totals in judge-id order and includes them in JSON', () => {
    const [x] = computeJudgePoints(rules.judging, ['x'], [card('x', 'b', 50), card('x', 'a', 60)]);
    expect(JSON.parse(JSON.stringify(x))).toEqual({
      entryId: 'x',
      judgeTotals: [
        { judgeId: 'a', total: 6000 },
        { judgeId: 'b', total: 5000 },
      ],
      judgesCounted: 2,
      trimmed: false,
      droppedJudgeIds: [],
      points: null,
      complete: false,
    });
  });

  it('drops two different judges when all totals are equal', () => {
    const result = aggregateTotals(
      { kind: 'trimmedMean', minJudges: 5 },
      3,
      'x',
      ['e', 'c', 'a', 'd', 'b'].map((judgeId) => ({ judgeId, total: 5000 })),
    );
    expect(result).toMatchObject({ points: 5000, droppedJudgeIds: ['a', 'e'] });
  });

  it('accepts scores as exact decimal text (as stored in numeric columns)', () => {
    const scores = {
      novelty: '13.50',
      usefulness: '14.00',
      practicality: '13.25',
      breakthrough: '12.75',
      quality: '9',
    };
    const [x] = computeJudgePoints(rules.judging, ['x'], [{ entryId: 'x', judgeId: 'a', scores }]);
    expect(x!.judgeTotals).toEqual([{ judgeId: 'a', total: 6250 }]);
  });

  it('rounds the mean half-up to 0,01', () => {
    const mean = { kind: 'mean' } as const;
    const t = (judgeId: string, total: number) => ({ judgeId, total });
    expect(aggregateTotals(mean, 1, 'x', [t('a', 6400), t('b', 6425), t('c', 6400)]).points).toBe(
      6408, // 64,0833…
    );
    expect(aggregateTotals(mean, 1, 'x', [t('a', 6425), t('b', 6400)]).points).toBe(6413); // 64,125
    expect(aggregateTotals(mean, 1, 'x', [t('a', 6425), t('b', 6400), t('c', 6400)]).points).toBe(
      6408,
    );
  });

  it('does not count a recused judge; too few judges leaves the entry incomplete', () => {
    const [x] = computeJudgePoints(
      rules.judging,
      ['x'],
      [card('x', 'a', 60), card('x', 'b', 62), { ...card('x', 'c', 10), recused: true }],
    );
    expect(x).toMatchObject({ complete: false, points: null, judgesCounted: 2 });
    expect(x!.judgeTotals.map((t) => t.judgeId)).toEqual(['a', 'b']);
  });

  it('gives an entry without cards no points, and counts it incomplete', () => {
    const [x, y] = computeJudgePoints(rules.judging, ['x', 'y'], [card('x', 'a', 60)]);
    expect(y).toMatchObject({ entryId: 'y', points: null, complete: false, judgesCounted: 0 });
    expect(x!.judgesCounted).toBe(1);
  });

  const valid = { novelty: 10, usefulness: 15, practicality: 15, breakthrough: 15, quality: 5 };
  it.each([
    ['a score above the maximum', { ...valid, novelty: 15.25 }, 'SCORE_OUT_OF_RANGE', 'novelty'],
    ['a negative score', { ...valid, quality: -1 }, 'SCORE_OUT_OF_RANGE', 'quality'],
    ['a missing criterion', { ...valid, quality: undefined }, 'MISSING_SCORE', 'quality'],
    ['an unknown criterion', { ...valid, charm: 3 }, 'UNKNOWN_CRITERION', 'charm'],
    ['a value off the 0,25 step', { ...valid, novelty: 10.1 }, 'SCORE_STEP', 'novelty'],
    ['more than two decimals', { ...valid, usefulness: 14.125 }, 'TOO_MANY_DECIMALS', 'usefulness'],
    ['NaN', { ...valid, novelty: Number.NaN }, 'NOT_A_NUMBER', 'novelty'],
    ['a non-number', { ...valid, novelty: true }, 'NOT_A_NUMBER', 'novelty'],
    ['bad text', { ...valid, breakthrough: '12,5' }, 'NOT_A_NUMBER', 'breakthrough'],
  ])('refuses %s, naming entry, judge and criterion', (_name, scores, code, criterion) => {
    const error = engineError(() =>
      computeJudgePoints(
        rules.judging,
        ['x'],
        [card('x', 'gk-1', 60), { entryId: 'x', judgeId: 'gk-2', scores: scores as never }],
      ),
    );
    expect(error).toMatchObject({ code, entryId: 'x', judgeId: 'gk-2', criterion });
    expect(error.message).toContain('gk-2');
  });

  it('refuses two scorecards of one judge for one entry, also when they are far apart', () => {
    expect(
      engineError(() =>
        computeJudgePoints(rules.judging, ['x'], [card('x', 'a', 50), card('x', 'a', 60)]),
      ),
    ).toMatchObject({ code: 'DUPLICATE_SCORECARD', entryId: 'x', judgeId: 'a' });
    // not grouped by entry: x, y, x
    expect(
      engineError(() =>
        computeJudgePoints(
          rules.judging,
          ['x', 'y'],
          [card('x', 'a', 50), card('y', 'a', 50), card('y', 'b', 50), card('x', 'a', 60)],
        ),
      ),
    ).toMatchObject({ code: 'DUPLICATE_SCORECARD', entryId: 'x', judgeId: 'a' });
  });

  it('catches a second card of a judge whatever the judges of the entry before', () => {
    // The card loop skips the duplicate check while an entry's judges repeat the previous
    // entry's in order; each case leaves that track at a different point.
    const run = (entryId: string, judges: string[]) => judges.map((j) => card(entryId, j, 50));
    const cases: [string[], string[]][] = [
      [
        ['a', 'b', 'c'],
        ['a', 'b', 'a'],
      ], // on track, then a judge already seen
      [
        ['a', 'b'],
        ['a', 'b', 'b'],
      ], // longer than the entry before
      [
        ['a', 'b', 'c'],
        ['b', 'a', 'b'],
      ], // off track from the first card
      [
        ['a', 'b', 'c'],
        ['a', 'c', 'a'],
      ], // off track after one card, that judge again
    ];
    for (const [before, judges] of cases) {
      const error = engineError(() =>
        computeJudgePoints(rules.judging, ['x', 'y'], [...run('x', before), ...run('y', judges)]),
      );
      expect(error).toMatchObject({ code: 'DUPLICATE_SCORECARD', entryId: 'y' });
    }
    // A shorter entry in between does not make its judges' later positions look checked.
    const rows = computeJudgePoints(
      rules.judging,
      ['x', 'y', 'z'],
      [...run('x', ['a', 'b', 'c']), ...run('y', ['c']), ...run('z', ['c', 'a', 'b'])],
    );
    expect(rows.map((r) => r.judgeTotals.map((t) => t.judgeId))).toEqual([
      ['a', 'b', 'c'],
      ['c'],
      ['a', 'b', 'c'],
    ]);
    expect(
      engineError(() =>
        computeJudgePoints(
          rules.judging,
          ['x', 'y', 'z'],
          [...run('x', ['a', 'b']), ...run('y', ['b']), ...run('z', ['b', 'b'])],
        ),
      ),
    ).toMatchObject({ code: 'DUPLICATE_SCORECARD', entryId: 'z', judgeId: 'b' });
  });

  it('refuses a scorecard for an entry that is not in the list', () => {
    expect(
      engineError(() => computeJudgePoints(rules.judging, ['x'], [card('z', 'a', 50)])),
    ).toMatchObject({ code: 'UNKNOWN_ENTRY', entryId: 'z', judgeId: 'a' });
  });

  it('gives the same result whether or not cards come grouped by entry', () => {
    const cards = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((j, i) => [
      card('x', j, 50 + i),
      card('y', j, 40 + 2 * i),
    ]);
    const grouped = [...cards].sort((p, q) => (p.entryId < q.entryId ? -1 : 1));
    const plain = (rows: ReturnType<typeof computeJudgePoints>) =>
      rows.map((r) => JSON.parse(JSON.stringify(r)));
    expect(plain(computeJudgePoints(rules.judging, ['x', 'y'], cards))).toEqual(
      plain(computeJudgePoints(rules.judging, ['x', 'y'], grouped)),
    );
  });

  it('handles rubrics with more than eight criteria', () => {
    const many: ContestRules['judging'] = {
      ...rules.judging,
      maxPoints: 100,
      criteria: Array.from({ length: 10 }, (_, i) => ({
        code: `c${i}`,
        name: `C${i}`,
        maxPoints: 10,
      })),
    };
    const scores = Object.fromEntries(many.criteria.map((c, i) => [c.code, i]));
    const [x] = computeJudgePoints(many, ['x'], [{ entryId: 'x', judgeId: 'a', scores }]);
    expect(x!.judgeTotals[0]!.total).toBe(4500); // 0 + 1 + … + 9
    scores.c9 = 10.5;
    expect(
      engineError(() => computeJudgePoints(many, ['x'], [{ entryId: 'x', judgeId: 'a', scores }])),
    ).toMatchObject({ code: 'SCORE_OUT_OF_RANGE', criterion: 'c9' });
  });
});

describe('final scores', () => {
  it('averages each judge total over the parts like the judges points', () => {
    const parts = (presentation: number, debate: number, questions: number) => ({
      presentation,
      debate,
      questions,
    });
    const result = computeFinalScores(
      rules.final,
      ['x'],
      [
        { entryId: 'x', judgeId: 'a', parts: parts(45, 25, 18) }, // 88
        { entryId: 'x', judgeId: 'b', parts: parts(40, 25, 15) }, // 80
        { entryId: 'x', judgeId: 'c', parts: parts(42.5, 27.25, 16) }, // 85,75
      ],
    );
    expect(result[0]).toMatchObject({ points: 8458, trimmed: false, complete: true }); // 84,5833…
  });

  it('refuses an unknown part, naming it', () => {
    expect(
      engineError(() =>
        computeFinalScores(
          rules.final,
          ['x'],
          [
            {
              entryId: 'x',
              judgeId: 'a',
              parts: { presentation: 40, debate: 20, questions: 10, dance: 5 },
            },
          ],
        ),
      ),
    ).toMatchObject({ code: 'UNKNOWN_CRITERION', criterion: 'dance', entryId: 'x', judgeId: 'a' });
  });
});

describe('the preliminary round in one call', () => {
  /** A card with every criterion at 12 but quality (10) and novelty: a total of 46 + novelty. */
  const card = (entryId: string, judgeId: string, novelty: number): PreliminaryScorecard => ({
    entryId,
    judgeId,
    scores: { novelty, usefulness: 12, practicality: 12, breakthrough: 12, quality: 10 },
  });
  const entryIds = ['x', 'y'];
  const cards = ['a', 'b', 'c'].flatMap((judgeId, i) => [
    card('x', judgeId, 12 + i / 2),
    card('y', judgeId, 10 + i),
  ]);

  it('scores interaction, judges and their sum in the entry order, count rows in any order', () => {
    const round = scorePreliminaryRound(rules, entryIds, [entry('y', 50), entry('x', 100)], cards);
    expect(round.interaction.map((r) => [r.entryId, r.points, r.rank])).toEqual([
      ['x', 3000, 1],
      ['y', 1500, 2],
    ]);
    expect(round.judges.map((r) => [r.entryId, r.points])).toEqual([
      ['x', 5850], // (58 + 58,50 + 59) / 3
      ['y', 5700], // (56 + 57 + 58) / 3
    ]);
    expect(round.preliminary).toEqual([
      { entryId: 'x', interaction: 3000, judges: 5850, preliminary: 8850, complete: true },
      { entryId: 'y', interaction: 1500, judges: 5700, preliminary: 7200, complete: true },
    ]);
  });

  it.each([
    [
      'a count row for an entry not in the list',
      [entry('x', 1), entry('y', 1), entry('z', 1)],
      'UNKNOWN_ENTRY',
      'z',
    ],
    [
      'two count rows for one entry',
      [entry('x', 1), entry('y', 1), entry('x', 2)],
      'DUPLICATE_ENTRY',
      'x',
    ],
    ['an entry without a count row', [entry('x', 1)], 'MISSING_INTERACTION', 'y'],
  ])('refuses %s', (_, counts, code, entryId) => {
    expect(engineError(() => scorePreliminaryRound(rules, entryIds, counts, cards))).toMatchObject({
      code,
      entryId,
    });
  });

  it('refuses an entry listed twice and a card for an entry not in the list', () => {
    const counts = [entry('x', 1), entry('y', 1)];
    expect(
      engineError(() => scorePreliminaryRound(rules, ['x', 'y', 'x'], counts, cards)),
    ).toMatchObject({ code: 'DUPLICATE_ENTRY', entryId: 'x' });
    expect(
      engineError(() => scorePreliminaryRound(rules, ['x'], [entry('x', 1)], cards)),
    ).toMatchObject({ code: 'UNKNOWN_ENTRY', entryId: 'y' });
  });
});

describe('preliminary score and finalists', () => {
  const row = (entryId: string, preliminary: number | null): PreliminaryRow => ({
    entryId,
    interaction: 0,
    judges: preliminary,
    preliminary,
    complete: preliminary !== null,
  });

  it('adds rounded parts exactly: 30,00 + 64,12 = 94,12', () => {
    expect(
      computePreliminary(
        [{ entryId: 'x', points: 3000 }],
        [{ entryId: 'x', points: 6412, complete: true }],
      ),
    ).toEqual([
      { entryId: 'x', interaction: 3000, judges: 6412, preliminary: 9412, complete: true },
    ]);
  });

  it('refuses an entry without interaction points instead of assuming 0', () => {
    expect(
      engineError(() => computePreliminary([], [{ entryId: 'x', points: 6412, complete: true }])),
    ).toMatchObject({ code: 'MISSING_INTERACTION', entryId: 'x' });
  });

  it('reports a tie at the cut line instead of cutting arbitrarily', () => {
    const result = selectFinalists({ kind: 'topN', n: 2 }, [
      row('a', 9000),
      row('c', 8000),
      row('b', 8000),
      row('d', 7000),
    ]);
    expect(result).toEqual({ finalists: ['a'], tieAtCut: ['b', 'c'], incomplete: [] });
  });

  it('takes the top N when the cut is clear, a threshold, or everyone; never an incomplete entry', () => {
    const rows = [row('a', 9000), row('b', 7000), row('c', null), row('d', 8000)];
    expect(selectFinalists({ kind: 'topN', n: 2 }, rows)).toEqual({
      finalists: ['a', 'd'],
      tieAtCut: null,
      incomplete: ['c'],
    });
    expect(selectFinalists({ kind: 'threshold', minScore: 70 }, rows).finalists).toEqual([
      'a',
      'd',
      'b',
    ]);
    expect(selectFinalists({ kind: 'all' }, rows).finalists).toEqual(['a', 'd', 'b']);
    expect(selectFinalists({ kind: 'topN', n: 9 }, rows).finalists).toEqual(['a', 'd', 'b']);
  });
});

describe('ranking', () => {
  const r = (
    entryId: string,
    preliminary: number,
    final: number,
    judges = 5000,
    interaction = 2000,
  ): RankingInput => ({ entryId, preliminary, final, judges, interaction });

  it('ranks by preliminary + final with competition ranks (1, 1, 3)', () => {
    const ranked = rankTeams(rules, [r('b', 9000, 8000), r('a', 9000, 8000), r('c', 8000, 8000)]);
    expect(ranked.map((x) => [x.entryId, x.rankingScore, x.rank, x.needsDecision])).toEqual([
      ['a', 17000, 1, true],
      ['b', 17000, 1, true],
      ['c', 16000, 3, false],
    ]);
  });

  it('breaks ties with final, then judges, then interaction, and says which key did it', () => {
    const ranked = rankTeams(rules, [
      r('a', 9000, 8000, 6000, 3000),
      r('b', 9000, 8000, 6100, 2900),
      r('c', 9100, 7900, 6100, 2800),
      r('d', 9000, 8000, 6000, 3100),
    ]);
    expect(ranked.map((x) => [x.entryId, x.rank, x.tieBreakUsed, x.needsDecision])).toEqual([
      ['b', 1, 'judges', false],
      ['d', 2, 'judges', false], // from b by judges (from a by interaction, too)
      ['a', 3, 'interaction', false],
      ['c', 4, 'final', false], // same 170,00, but the lowest final score
    ]);
  });

  it('never breaks a surviving tie by input order; a recorded decision resolves it', () => {
    const rows = [r('b', 9000, 8000), r('a', 9000, 8000), r('c', 8000, 8000)];
    expect(rankTeams(rules, [...rows].reverse())).toEqual(rankTeams(rules, rows));
    const decided = rankTeams(rules, rows, [{ entryIds: ['b', 'a'] }]);
    expect(decided.map((x) => [x.entryId, x.rank, x.needsDecision, x.decided])).toEqual([
      ['b', 1, false, true],
      ['a', 2, false, true],
      ['c', 3, false, false],
    ]);
  });

  it('ignores a decision that does not cover the whole tied group', () => {
    const rows = [r('a', 9000, 8000), r('b', 9000, 8000), r('c', 9000, 8000)];
    const ranked = rankTeams(rules, rows, [{ entryIds: ['c', 'a'] }]);
    expect(ranked.map((x) => [x.entryId, x.rank, x.needsDecision])).toEqual([
      ['a', 1, true],
      ['b', 1, true],
      ['c', 1, true],
    ]);
    expect(engineError(() => rankTeams(rules, rows, [{ entryIds: ['a', 'a'] }])).code).toBe(
      'BAD_DECISION',
    );
  });
});

describe('prizes', () => {
  const r = (entryId: string, preliminary: number, final = 0): RankingInput => ({
    entryId,
    preliminary,
    final,
    judges: 5000,
    interaction: 2000,
  });

  it('blocks prizes across a boundary tie; teams tied inside one prize share it', () => {
    const tiedTop = rankTeams(rules, [r('a', 9000), r('b', 9000), r('c', 8000)]);
    const blocked = allocatePrizes(rules, tiedTop);
    expect(blocked.blockedByTie).toEqual([
      { prizeCodes: ['nhat', 'nhi'], slotsAvailable: 2, entryIds: ['a', 'b'] },
    ]);
    expect(blocked.awards.map((a) => [a.entryId, a.prizeCode])).toEqual([['c', 'ba']]);
    expect(blocked.unassignedSlots).toEqual([
      { prizeCode: 'nhat', count: 1 },
      { prizeCode: 'nhi', count: 1 },
      { prizeCode: 'khuyen_khich', count: 2 },
    ]);

    const tiedConsolation = rankTeams(rules, [
      r('a', 9900),
      r('b', 9800),
      r('c', 9700),
      r('d', 9000),
      r('e', 9000),
      r('f', 100),
    ]);
    const shared = allocatePrizes(rules, tiedConsolation);
    expect(shared.awards.map((a) => [a.entryId, a.prizeCode])).toEqual([
      ['a', 'nhat'],
      ['b', 'nhi'],
      ['c', 'ba'],
      ['d', 'khuyen_khich'],
      ['e', 'khuyen_khich'],
      ['f', 'giay_khen'],
    ]);
    expect(shared.blockedByTie).toBeNull();
    expect(shared.totalVnd).toBe(17_000_000);
  });

  it('blocks three teams tied for the last two slots', () => {
    const ranked = rankTeams(rules, [
      r('a', 9900),
      r('b', 9800),
      r('c', 9700),
      r('d', 9000),
      r('e', 9000),
      r('f', 9000),
    ]);
    const allocation = allocatePrizes(rules, ranked);
    expect(allocation.blockedByTie).toEqual([
      { prizeCodes: ['khuyen_khich'], slotsAvailable: 2, entryIds: ['d', 'e', 'f'] },
    ]);
    expect(allocation.certificates).toEqual([]);
  });

  it('caps ranked prizes at ⌊finalists × percent / 100⌋', () => {
    const ranked = rankTeams(
      rules,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => r(id, 9000 - i * 100)),
    );
    const capped = allocatePrizes({ ...rules, prizeCapPercent: 50 }, ranked); // ⌊7 × 0,5⌋ = 3
    expect(capped.awards.filter((a) => a.kind === 'ranked').map((a) => a.prizeCode)).toEqual([
      'nhat',
      'nhi',
      'ba',
    ]);
    expect(capped.certificates).toEqual(['d', 'e', 'f', 'g']);
    expect(capped.totalVnd).toBe(13_000_000);
  });

  it('adds confirmed side prizes and sponsor prizes and checks them', () => {
    const withSponsor: ContestRules = {
      ...rules,
      prizes: [
        ...rules.prizes,
        {
          code: 'vnpt',
          name: 'Giải VNPT',
          kind: 'sponsor',
          count: 1,
          amountVnd: 1_000_000,
          sponsor: 'VNPT',
        },
      ],
    };
    const ranked = rankTeams(rules, [r('a', 9000), r('b', 8000)]);
    const allocation = allocatePrizes(withSponsor, ranked, {
      sideAwards: [
        { prizeCode: 'phu_ca_nhan', entryId: 'a', memberId: 'm1' },
        { prizeCode: 'phu_tap_the', entryId: 'b' },
      ],
      sponsorAwards: [{ prizeCode: 'vnpt', entryId: 'b' }],
    });
    expect(allocation.awards.map((a) => [a.entryId, a.prizeCode, a.amountVnd])).toEqual([
      ['a', 'nhat', 6_000_000],
      ['b', 'nhi', 4_000_000],
      ['a', 'phu_ca_nhan', 500_000],
      ['b', 'phu_tap_the', 500_000],
      ['b', 'vnpt', 1_000_000],
    ]);
    expect(allocation.totalVnd).toBe(12_000_000);
    expect(allocation.unassignedSlots).toEqual([
      { prizeCode: 'ba', count: 1 },
      { prizeCode: 'khuyen_khich', count: 2 },
    ]);
    expect(
      engineError(() =>
        allocatePrizes(rules, ranked, {
          sideAwards: [
            { prizeCode: 'phu_tap_the', entryId: 'a' },
            { prizeCode: 'phu_tap_the', entryId: 'b' },
          ],
        }),
      ).code,
    ).toBe('TOO_MANY_AWARDS');
    expect(
      engineError(() =>
        allocatePrizes(rules, ranked, { sideAwards: [{ prizeCode: 'phu_ca_nhan', entryId: 'a' }] }),
      ).code,
    ).toBe('MISSING_MEMBER');
    expect(
      engineError(() =>
        allocatePrizes(rules, ranked, { sideAwards: [{ prizeCode: 'phu_tap_the', entryId: 'z' }] }),
      ),
    ).toMatchObject({ code: 'UNKNOWN_ENTRY', entryId: 'z' });
    expect(
      engineError(() =>
        allocatePrizes(rules, ranked, { sponsorAwards: [{ prizeCode: 'nhat', entryId: 'a' }] }),
      ).code,
    ).toBe('UNKNOWN_PRIZE');
  });

  it('proposes the most nominated person and team; a tie is reported for the organisers', () => {
    const proposal = proposeSidePrizes(rules, [
      { judgeId: 'g1', kind: 'individual', partCode: 'debate', entryId: 'a', memberId: 'm1' },
      { judgeId: 'g1', kind: 'individual', partCode: 'debate', entryId: 'a', memberId: 'm1' }, // same
      { judgeId: 'g2', kind: 'individual', partCode: 'questions', entryId: 'b', memberId: 'm2' },
      { judgeId: 'g1', kind: 'collective', partCode: 'presentation', entryId: 'a' },
      { judgeId: 'g2', kind: 'collective', partCode: 'presentation', entryId: 'a' },
      { judgeId: 'g3', kind: 'collective', partCode: 'debate', entryId: 'b' },
    ]);
    expect(proposal).toEqual([
      {
        prizeCode: 'phu_ca_nhan',
        kind: 'individual',
        candidates: [
          { entryId: 'a', memberId: 'm1', nominations: 1 },
          { entryId: 'b', memberId: 'm2', nominations: 1 },
        ],
        tie: true,
      },
      {
        prizeCode: 'phu_tap_the',
        kind: 'collective',
        candidates: [{ entryId: 'a', nominations: 2 }],
        tie: false,
      },
    ]);
  });
});
