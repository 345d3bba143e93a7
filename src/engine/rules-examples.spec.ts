import { defaultRules } from './default-rules';
import { EngineError } from './errors';
import { computeInteractionPoints } from './interaction';
import { aggregateTotals, computeJudgePoints } from './judges';
import { computePreliminary, PreliminaryRow, selectFinalists } from './preliminary';
import { allocatePrizes } from './prizes';
import { RankingInput, rankTeams } from './ranking';

const rules = defaultRules();
const entry = (entryId: string, reactions: number, shares = 0, comments = 0) => ({
  entryId,
  reactions,
  shares,
  comments,
});

describe('interaction points', () => {
  it('gives 0 to everyone when nobody interacted (no division by zero)', () => {
    expect(
      computeInteractionPoints(rules.interaction, [entry('a', 0), entry('b', 0)]).map(
        (r) => r.points,
      ),
    ).toEqual([0, 0]);
  });

  it('counts comments with weight 0 by default and subtracts exclusions first', () => {
    const [a, b] = computeInteractionPoints(rules.interaction, [
      { ...entry('a', 500, 100, 999), excluded: { reactions: 300, shares: 0, comments: 0 } },
      entry('b', 300, 50),
    ]);
    expect(a!.raw).toBe(400); // 500 − 300 + 2 × 100
    expect(b!.raw).toBe(400);
    expect([a!.points, b!.points, a!.rank, b!.rank]).toEqual([3000, 3000, 1, 1]);
  });

  it('rank tiers: 30/28/26 by rank, ties share the better tier, the rest get the other points', () => {
    const tiers = {
      ...rules.interaction,
      formula: { kind: 'rankTiers' as const, points: [30, 28, 26], otherPoints: 20 },
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
      ['e', 5, 0],
    ]);
  });

  it('points per N interactions, capped at the maximum', () => {
    const per = {
      ...rules.interaction,
      formula: { kind: 'perInteractions' as const, per: 100, pointsPer: 1.5 },
    };
    const result = computeInteractionPoints(per, [
      entry('a', 250),
      entry('b', 5000),
      entry('c', 99),
    ]);
    expect(result.map((r) => r.points)).toEqual([300, 3000, 0]);
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
    const run = () => computeInteractionPoints(rules.interaction, [input]);
    expect(run).toThrow(EngineError);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ code, where: { entryId: 'a' } });
    }
  });
});

describe("judges' points", () => {
  const card = (entryId: string, judgeId: string, total: number) => ({
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

  it('uses the plain mean below 5 judges and the trimmed mean from 5', () => {
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
    expect(five[0]).toMatchObject({ points: 6100, trimmed: true, judgesCounted: 3 });
  });

  it('accepts scores as exact decimal strings (as stored in numeric columns)', () => {
    const scores = {
      novelty: '13.50',
      usefulness: '14.00',
      practicality: '13.25',
      breakthrough: '12.75',
      quality: '9.00',
    };
    expect(
      computeJudgePoints(rules.judging, ['x'], [{ entryId: 'x', judgeId: 'a', scores }])[0]!
        .judgeTotals,
    ).toEqual([{ judgeId: 'a', total: 6250 }]);
  });

  it('rounds the mean half-up to 0,01', () => {
    expect(
      aggregateTotals({ kind: 'mean' }, 1, 'x', [
        { judgeId: 'a', total: 6400 },
        { judgeId: 'b', total: 6425 },
        { judgeId: 'c', total: 6400 },
      ]).points,
    ).toBe(6408); // 64,0833
    expect(
      aggregateTotals({ kind: 'mean' }, 1, 'x', [
        { judgeId: 'a', total: 6425 },
        { judgeId: 'b', total: 6400 },
      ]).points,
    ).toBe(6413); // 64,125 → 64,13
  });

  it('does not count a recused judge; too few judges is reported as incomplete, not scored', () => {
    const result = computeJudgePoints(
      rules.judging,
      ['x'],
      [card('x', 'a', 60), card('x', 'b', 62), { ...card('x', 'c', 10), recused: true }],
    );
    expect(result[0]).toMatchObject({ complete: false, points: null, judgesCounted: 2 });
  });

  it.each([
    [
      'a score above the maximum',
      { novelty: 16, usefulness: 15, practicality: 15, breakthrough: 15, quality: 10 },
      'SCORE_OUT_OF_RANGE',
      'novelty',
    ],
    [
      'a missing criterion',
      { novelty: 10, usefulness: 15, practicality: 15, breakthrough: 15 },
      'MISSING_SCORE',
      'quality',
    ],
    [
      'an unknown criterion',
      { novelty: 10, usefulness: 15, practicality: 15, breakthrough: 15, quality: 5, charm: 3 },
      'UNKNOWN_CRITERION',
      'charm',
    ],
    [
      'a value off the 0,25 step',
      { novelty: 10.1, usefulness: 15, practicality: 15, breakthrough: 15, quality: 5 },
      'SCORE_STEP',
      'novelty',
    ],
    [
      'NaN',
      { novelty: Number.NaN, usefulness: 15, practicality: 15, breakthrough: 15, quality: 5 },
      'NOT_A_NUMBER',
      'novelty',
    ],
  ])('refuses %s, naming entry, judge and criterion', (_name, scores, code, criterion) => {
    try {
      computeJudgePoints(rules.judging, ['x'], [{ entryId: 'x', judgeId: 'gk-2', scores }]);
      throw new Error('expected an EngineError');
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code, where: { entryId: 'x', judgeId: 'gk-2', criterion } });
    }
  });

  it('refuses two scorecards of one judge for one entry', () => {
    expect(() =>
      computeJudgePoints(rules.judging, ['x'], [card('x', 'a', 50), card('x', 'a', 60)]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_SCORECARD' }));
  });
});

describe('finalists', () => {
  const row = (entryId: string, preliminary: number | null): PreliminaryRow => ({
    entryId,
    interaction: 0,
    judges: preliminary,
    preliminary,
    complete: preliminary !== null,
  });

  it('reports a tie at the cut line instead of cutting arbitrarily', () => {
    const result = selectFinalists({ kind: 'topN', n: 2 }, [
      row('a', 9000),
      row('b', 8000),
      row('c', 8000),
      row('d', 7000),
    ]);
    expect(result).toEqual({ finalists: ['a'], tieAtCut: ['b', 'c'], incomplete: [] });
  });

  it('takes all above a threshold, or everyone; never an incomplete entry', () => {
    const rows = [row('a', 9000), row('b', 7000), row('c', null)];
    expect(selectFinalists({ kind: 'threshold', minScore: 70 }, rows).finalists).toEqual([
      'a',
      'b',
    ]);
    expect(selectFinalists({ kind: 'all' }, rows)).toEqual({
      finalists: ['a', 'b'],
      tieAtCut: null,
      incomplete: ['c'],
    });
  });

  it('sums rounded parts exactly', () => {
    expect(
      computePreliminary(
        [{ entryId: 'x', points: 3000 }],
        [{ entryId: 'x', points: 6412, complete: true }],
      )[0]!.preliminary,
    ).toBe(9412);
  });
});

describe('ranking and prizes with ties', () => {
  const r = (
    entryId: string,
    preliminary: number,
    final: number,
    judges = 5000,
    interaction = 2000,
  ): RankingInput => ({ entryId, preliminary, final, judges, interaction });

  it('a tie that survives the whole chain shares a rank and needs a decision; a recorded decision resolves it', () => {
    const rows = [r('b', 9000, 8000), r('a', 9000, 8000), r('c', 8000, 8000)];
    const ranked = rankTeams(rules, rows);
    expect(ranked.map((x) => [x.entryId, x.rank, x.needsDecision])).toEqual([
      ['a', 1, true],
      ['b', 1, true],
      ['c', 3, false],
    ]);
    const decided = rankTeams(rules, rows, [{ entryIds: ['b', 'a'] }]);
    expect(decided.map((x) => [x.entryId, x.rank, x.needsDecision, x.decided])).toEqual([
      ['b', 1, false, true],
      ['a', 2, false, true],
      ['c', 3, false, false],
    ]);
  });

  it('uses the judges then the interaction points when the final scores are equal too', () => {
    const ranked = rankTeams(rules, [
      r('a', 9000, 8000, 6000, 3000),
      r('b', 9000, 8000, 6100, 2900),
    ]);
    expect(ranked.map((x) => [x.entryId, x.tieBreakUsed])).toEqual([
      ['b', 'judges'],
      ['a', 'judges'],
    ]);
  });

  it('blocks prizes across a boundary tie; teams tied within one prize share it', () => {
    const tiedTop = rankTeams(rules, [r('a', 9000, 8000), r('b', 9000, 8000), r('c', 8000, 8000)]);
    const blocked = allocatePrizes(rules, tiedTop);
    expect(blocked.blockedByTie).toEqual([{ prizeCodes: ['nhat', 'nhi'], entryIds: ['a', 'b'] }]);
    expect(blocked.awards.find((a) => a.entryId === 'c')!.prizeCode).toBe('ba');
    const tiedConsolation = rankTeams(rules, [
      r('a', 9900, 0),
      r('b', 9800, 0),
      r('c', 9700, 0),
      r('d', 9000, 0),
      r('e', 9000, 0),
      r('f', 100, 0),
    ]);
    const shared = allocatePrizes(rules, tiedConsolation);
    expect(
      shared.awards.filter((a) => a.prizeCode === 'khuyen_khich').map((a) => a.entryId),
    ).toEqual(['d', 'e']);
    expect(shared.blockedByTie).toEqual([]);
  });

  it('caps ranked prizes at a share of the finalists', () => {
    const ranked = rankTeams(
      rules,
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => r(id, 9000 - i * 100, 0)),
    );
    const capped = allocatePrizes({ ...rules, prizeCapPercent: 50 }, ranked);
    expect(capped.awards.filter((a) => a.kind === 'ranked').map((a) => a.prizeCode)).toEqual([
      'nhat',
      'nhi',
      'ba',
    ]);
    expect(capped.certificates).toEqual(['d', 'e', 'f']);
    expect(capped.totalVnd).toBe(13_000_000);
  });
});
