import { EngineError } from './errors';
import { compareCodeUnits } from './ids';

export interface PanelPerson {
  id: string;
  /** the unit (phòng/ban, xã/phường) the person belongs to; null: none */
  unitId: string | null;
}

export interface PanelPlan {
  /** per entry, in the input order: its k judges, in id order */
  panels: { entryId: string; judgeIds: string[] }[];
  /** cards per judge, in judge-id order */
  loads: { judgeId: string; entries: number }[];
  /** highest load − lowest load; 1 or 0 when `balanced` */
  loadSpread: number;
  balanced: boolean;
  /** how often the most frequent pair of judges sits on the same panel */
  maxPairCount: number;
  /** the least that maximum can be: ⌈entries × k(k − 1) / (judges × (judges − 1))⌉ */
  idealPairCount: number;
}

/**
 * Assigns k judges to each entry, deterministically from `seed` (the caller records it):
 * - exactly k distinct judges per entry, never a judge of the entry's unit;
 * - pairs are spread: among the judges below their fair share of seats (⌈entries × k /
 *   judges⌉), the one that has sat least often with the judges already on this panel is
 *   picked, then the least loaded, then a seeded draw decides;
 * - loads differ by at most one: a repair pass then moves seats from the busiest to the
 *   idlest judges while some entry allows it.
 * Entries with the fewest eligible judges are seated first (seeded order among equals).
 * Refused: k not a whole number in 1..judges (BAD_PANEL), an id listed twice (BAD_PANEL), an
 * entry with fewer than k eligible judges (NOT_ENOUGH_JUDGES). When conflicts of interest make
 * a balance within one impossible for the repair pass, the plan says so (`balanced: false`).
 */
export function assignPanels(
  entries: PanelPerson[],
  judges: PanelPerson[],
  k: number,
  seed: string | number,
): PanelPlan {
  checkInput(entries, judges, k);
  const random = seededRandom(String(seed));
  const pool = [...judges].sort((a, b) => compareCodeUnits(a.id, b.id));
  const eligible = new Map(entries.map((e) => [e.id, pool.filter((j) => !sameUnit(e, j))]));
  for (const entry of entries) {
    if (eligible.get(entry.id)!.length < k)
      throw new EngineError(
        'NOT_ENOUGH_JUDGES',
        `Sản phẩm ${entry.id} chỉ có ${eligible.get(entry.id)!.length} giám khảo không cùng đơn vị, cần ${k}.`,
        { entryId: entry.id },
      );
  }

  const load = new Map(pool.map((j) => [j.id, 0]));
  const pairs = new Map<string, number>();
  const pairCount = (a: string, b: string) => pairs.get(pairKey(a, b)) ?? 0;
  const draw = new Map(entries.map((e) => [e.id, random()]));
  const order = [...entries].sort(
    (a, b) =>
      eligible.get(a.id)!.length - eligible.get(b.id)!.length || draw.get(a.id)! - draw.get(b.id)!,
  );
  // A judge below the fair share (⌈entries × k / judges⌉ seats) may take any seat: pairs decide.
  const fair = Math.ceil((entries.length * k) / pool.length);
  const panelOf = new Map<string, string[]>();
  for (const entry of order) {
    const panel: string[] = [];
    const tieBreak = new Map(pool.map((j) => [j.id, random()]));
    for (let seat = 0; seat < k; seat++) {
      const together = (id: string) => panel.reduce((n, other) => n + pairCount(id, other), 0);
      const best = eligible
        .get(entry.id)!
        .filter((j) => !panel.includes(j.id))
        .map((j) => ({ id: j.id, load: load.get(j.id)!, together: together(j.id) }))
        .sort(
          (a, b) =>
            Number(a.load >= fair) - Number(b.load >= fair) ||
            a.together - b.together ||
            a.load - b.load ||
            tieBreak.get(a.id)! - tieBreak.get(b.id)!,
        )[0]!;
      for (const other of panel) pairs.set(pairKey(best.id, other), pairCount(best.id, other) + 1);
      panel.push(best.id);
      load.set(best.id, best.load + 1);
    }
    panelOf.set(entry.id, panel);
  }
  rebalance(entries, eligible, panelOf, load, pairs);

  const loads = pool.map((j) => ({ judgeId: j.id, entries: load.get(j.id)! }));
  const counts = loads.map((l) => l.entries);
  const loadSpread = Math.max(...counts) - Math.min(...counts);
  const judgePairs = (pool.length * (pool.length - 1)) / 2;
  return {
    panels: entries.map((e) => ({
      entryId: e.id,
      judgeIds: [...panelOf.get(e.id)!].sort(compareCodeUnits),
    })),
    loads,
    loadSpread,
    balanced: loadSpread <= 1,
    maxPairCount: Math.max(0, ...pairs.values()),
    idealPairCount:
      judgePairs === 0 ? 0 : Math.ceil((entries.length * k * (k - 1)) / 2 / judgePairs),
  };
}

/**
 * While the busiest judge has two seats more than the idlest one, moves one seat from a
 * busiest to an idlest judge on an entry where the idle one is eligible and not seated yet
 * (the entries in input order, the judges in id order). Each move narrows the gap, so it ends.
 */
function rebalance(
  entries: PanelPerson[],
  eligible: Map<string, PanelPerson[]>,
  panelOf: Map<string, string[]>,
  load: Map<string, number>,
  pairs: Map<string, number>,
): void {
  for (;;) {
    const counts = [...load.values()];
    const high = Math.max(...counts);
    const low = Math.min(...counts);
    if (high - low <= 1) return;
    const move = findMove(entries, eligible, panelOf, load, high, low);
    if (move === null) return;
    const { panel, from, to } = move;
    for (const other of panel) if (other !== from) shiftPair(pairs, other, from, to);
    panel[panel.indexOf(from)] = to;
    load.set(from, high - 1);
    load.set(to, low + 1);
  }
}

function findMove(
  entries: PanelPerson[],
  eligible: Map<string, PanelPerson[]>,
  panelOf: Map<string, string[]>,
  load: Map<string, number>,
  high: number,
  low: number,
): { panel: string[]; from: string; to: string } | null {
  for (const entry of entries) {
    const panel = panelOf.get(entry.id)!;
    const from = panel.find((id) => load.get(id) === high);
    const to = eligible.get(entry.id)!.find((j) => load.get(j.id) === low && !panel.includes(j.id));
    if (from !== undefined && to !== undefined) return { panel, from, to: to.id };
  }
  return null;
}

function shiftPair(pairs: Map<string, number>, other: string, from: string, to: string) {
  pairs.set(pairKey(other, from), (pairs.get(pairKey(other, from)) ?? 1) - 1);
  pairs.set(pairKey(other, to), (pairs.get(pairKey(other, to)) ?? 0) + 1);
}

function sameUnit(entry: PanelPerson, judge: PanelPerson): boolean {
  return entry.unitId !== null && entry.unitId === judge.unitId;
}

function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}

function checkInput(entries: PanelPerson[], judges: PanelPerson[], k: number) {
  if (!Number.isSafeInteger(k) || k < 1 || k > judges.length)
    throw new EngineError(
      'BAD_PANEL',
      `Số giám khảo mỗi sản phẩm phải từ 1 đến ${judges.length}.`,
      {
        field: 'k',
      },
    );
  const check = (list: PanelPerson[], what: string) => {
    const seen = new Set<string>();
    for (const person of list) {
      if (typeof person.id !== 'string' || seen.has(person.id))
        throw new EngineError('BAD_PANEL', `${what} ${String(person.id)} thiếu mã hoặc bị lặp.`);
      seen.add(person.id);
    }
  };
  check(entries, 'Sản phẩm');
  check(judges, 'Giám khảo');
}

/**
 * A seeded generator of numbers in [0, 1): the seed's text hashed (FNV-1a, 32 bits) into the
 * state of mulberry32. Integer arithmetic only, so the same seed draws the same numbers on
 * every machine and run.
 */
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
