import fc from 'fast-check';
import { debatePairing, seededShuffle } from './draw';

describe('order of appearance and debate pairing', () => {
  it('draws the same order from the same seed, and a permutation of the finalists', () => {
    const teams = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'];
    const a = seededShuffle(teams, 'chung-khao-2022-09-08');
    expect(seededShuffle(teams, 'chung-khao-2022-09-08')).toEqual(a);
    expect([...a].sort()).toEqual(teams);
    expect(seededShuffle(teams, 'another seed')).not.toEqual(a);
  });

  it('for 3 to 30 finalists: each asks exactly once, answers exactly once, never itself, never its own asker', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.string(), (n, seed) => {
        const order = seededShuffle(
          Array.from({ length: n }, (_, i) => `team-${i}`),
          seed,
        );
        const pairs = debatePairing(order);
        expect(pairs).toHaveLength(n);
        expect(new Set(pairs.map((p) => p.asker)).size).toBe(n);
        expect(new Set(pairs.map((p) => p.answerer)).size).toBe(n);
        for (const p of pairs) {
          expect(p.asker).not.toBe(p.answerer);
          const reverse = pairs.find((q) => q.asker === p.answerer)!;
          expect(reverse.answerer).not.toBe(p.asker);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('pairs two teams with each other (unavoidable) and one team with nobody', () => {
    expect(debatePairing(['a', 'b'])).toEqual([
      { asker: 'a', answerer: 'b' },
      { asker: 'b', answerer: 'a' },
    ]);
    expect(debatePairing(['a'])).toEqual([]);
  });
});
