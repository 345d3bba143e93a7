import fc from 'fast-check';
import { EngineError } from './errors';
import { assignPanels, PanelPerson } from './panels';

const RUNS = { numRuns: 300 };

/** The plan's invariants: k distinct judges per entry, none of its unit, loads within one. */
function expectValidPlan(
  entries: PanelPerson[],
  judges: PanelPerson[],
  k: number,
  seed: string | number = 'seed',
) {
  const plan = assignPanels(entries, judges, k, seed);
  const unitOf = new Map(judges.map((j) => [j.id, j.unitId]));
  expect(plan.panels.map((p) => p.entryId)).toEqual(entries.map((e) => e.id));
  plan.panels.forEach((panel, i) => {
    expect(new Set(panel.judgeIds).size).toBe(k);
    for (const judgeId of panel.judgeIds) {
      expect(unitOf.has(judgeId)).toBe(true);
      if (entries[i]!.unitId !== null) expect(unitOf.get(judgeId)).not.toBe(entries[i]!.unitId);
    }
  });
  const seats = plan.loads.reduce((sum, l) => sum + l.entries, 0);
  expect(seats).toBe(entries.length * k);
  return plan;
}

describe('panel assignment: a contest like Ngã Bảy 2022', () => {
  const units = ['tu-phap', 'tc-kh', 'tn-mt', 'p-nga-bay', 'p-hiep-thanh', 'p-lai-hieu'];
  const entries = [...units, 'p-hiep-loi', 'x-dai-thanh', 'x-tan-thanh'].map((unitId, i) => ({
    id: `doi-${i + 1}`,
    unitId,
  }));
  // Six judges; two of them work in units that have a team (Tư pháp, phường Hiệp Thành).
  const judges = [
    { id: 'gk-1', unitId: 'tu-phap' },
    { id: 'gk-2', unitId: 'p-hiep-thanh' },
    { id: 'gk-3', unitId: 'noi-vu' },
    { id: 'gk-4', unitId: 'van-phong' },
    { id: 'gk-5', unitId: null },
    { id: 'gk-6', unitId: 'tinh-uy' },
  ];

  it('gives each of the 9 teams 3 judges, never its own unit, 4 or 5 teams per judge', () => {
    const plan = expectValidPlan(entries, judges, 3);
    const panelOf = new Map(plan.panels.map((p) => [p.entryId, p.judgeIds]));
    expect(panelOf.get('doi-1')).not.toContain('gk-1'); // Tư pháp
    expect(panelOf.get('doi-5')).not.toContain('gk-2'); // Hiệp Thành
    // 27 seats for 6 judges: three judges score 5 teams, three score 4.
    expect(plan.loads.map((l) => l.entries).sort()).toEqual([4, 4, 4, 5, 5, 5]);
    expect(plan.balanced).toBe(true);
    // 9 panels of 3 make 27 pairs over 15 pairs of judges: at best 2 panels per pair.
    expect(plan.idealPairCount).toBe(2);
    expect(plan.maxPairCount).toBeLessThanOrEqual(3);
  });

  it('gives the same plan for the same seed, and another for another seed', () => {
    const plan = assignPanels(entries, judges, 3, 'ngabay-2022');
    expect(assignPanels(entries, judges, 3, 'ngabay-2022')).toEqual(plan);
    const others = ['a', 'b', 'c', 'd'].map((seed) => assignPanels(entries, judges, 3, seed));
    expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(plan))).toBe(true);
  });

  it('refuses a team with fewer eligible judges than k, and a panel larger than the pool', () => {
    const sameUnit = judges.map((j) => ({ ...j, unitId: j.id === 'gk-3' ? 'noi-vu' : 'tu-phap' }));
    expect(() => assignPanels(entries, sameUnit, 2, 1)).toThrow(
      expect.objectContaining({ code: 'NOT_ENOUGH_JUDGES', entryId: 'doi-1' }),
    );
    expect(() => assignPanels(entries, judges, 7, 1)).toThrow(EngineError);
    expect(() => assignPanels(entries, judges, 0, 1)).toThrow(
      expect.objectContaining({ code: 'BAD_PANEL' }),
    );
  });
});

describe('panel assignment (properties)', () => {
  /** Judges of distinct units; entries from those units and others. */
  const instance = fc
    .record({
      judges: fc.integer({ min: 2, max: 15 }),
      entries: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 60 }),
      k: fc.integer({ min: 1, max: 14 }),
      seed: fc.oneof(fc.string(), fc.integer()),
    })
    .map(({ judges, entries, k, seed }) => ({
      judges: Array.from({ length: judges }, (_, j) => ({ id: `j${j}`, unitId: `u${j}` })),
      entries: entries.map((unit, i) => ({ id: `e${i}`, unitId: `u${unit}` })),
      // each entry has judges − 1 eligible judges at least
      k: Math.min(k, judges - 1),
      seed,
    }));

  it('seat exactly k distinct judges per entry, none of its unit, loads within one', () => {
    fc.assert(
      fc.property(instance, ({ judges, entries, k, seed }) => {
        // A balance within one is possible only when every judge can take their fair share
        // (⌈entries × k / judges⌉) of the entries outside their unit.
        const fair = Math.ceil((entries.length * k) / judges.length);
        for (const judge of judges)
          fc.pre(entries.filter((e) => e.unitId !== judge.unitId).length >= fair);
        const plan = expectValidPlan(entries, judges, k, seed);
        expect(plan.loadSpread).toBeLessThanOrEqual(1);
        expect(plan.balanced).toBe(true);
      }),
      RUNS,
    );
  });

  it('are the same for the same input and seed', () => {
    fc.assert(
      fc.property(instance, ({ judges, entries, k, seed }) => {
        expect(assignPanels(entries, judges, k, seed)).toEqual(
          assignPanels(
            entries.map((e) => ({ ...e })),
            judges.map((j) => ({ ...j })),
            k,
            seed,
          ),
        );
      }),
      RUNS,
    );
  });
});
