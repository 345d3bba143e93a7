import { defaultRules } from './default-rules';
import { formatPoints, formatVnd } from './format';
import { computeInteractionPoints } from './interaction';
import {
  computeFinalScores,
  computeJudgePoints,
  FinalScorecard,
  PreliminaryScorecard,
} from './judges';
import { computePreliminary, selectFinalists } from './preliminary';
import { allocatePrizes, proposeSidePrizes } from './prizes';
import { rankTeams } from './ranking';
import type { ContestRules } from './rules';

/**
 * A whole 9-team contest, from fanpage counts and five judges' scorecards to prizes. The
 * expected figures below were computed by hand (see the comments), not by the engine.
 * Step 0,01 is used for scores here so that the seed article's 64,12 can occur.
 */
const rules: ContestRules = {
  ...defaultRules(),
  judging: { ...defaultRules().judging, step: 0.01 },
  final: { ...defaultRules().final, step: 0.01 },
};

const counts: Record<number, [number, number, number]> = {
  1: [820, 95, 40],
  2: [1015, 120, 33],
  3: [640, 70, 12],
  4: [905, 101, 50],
  5: [1634, 432, 210], // "Chính quyền 24 giờ", Đội số 5, phường Hiệp Thành: the most interacted
  6: [700, 88, 9],
  7: [512, 64, 5],
  8: [433, 40, 3],
  9: [388, 35, 2],
};
/** Five judges' preliminary totals per team (out of 70). */
const prelimTotals: Record<number, number[]> = {
  1: [60, 58, 57, 56, 50],
  2: [62, 61, 60, 59, 55],
  3: [55, 54, 53, 52, 51],
  4: [63, 62.5, 62, 61.5, 58],
  5: [66, 64.5, 64.12, 63.74, 61],
  6: [59, 58.5, 58, 57.5, 50],
  7: [52, 51, 50, 49, 48],
  8: [50, 49, 48, 47, 40],
  9: [49, 48.25, 48, 47.75, 45],
};
/** Five judges' final-round totals per team (out of 100). */
const finalTotals: Record<number, number[]> = {
  1: [82, 80.5, 80, 79.5, 70],
  2: [86, 85, 84.5, 84, 79],
  3: [75, 74, 73, 72, 60],
  4: [85, 84, 83, 82, 70],
  5: [90, 88, 87, 86, 80],
  6: [85, 81, 80.61, 80.22, 75],
  7: [78, 77, 76, 75, 74],
  8: [70, 69, 68, 67, 66],
  9: [72, 71, 70, 69, 60],
};
const id = (n: number) => `doi-${n}`;
const judges = ['gk-1', 'gk-2', 'gk-3', 'gk-4', 'gk-5'];

/** Splits a total over the criteria (the split does not matter, the sum does). */
function split(
  total: number,
  items: { code: string; maxPoints: number }[],
): Record<string, number> {
  let left = Math.round(total * 100);
  const out: Record<string, number> = {};
  for (const item of items) {
    const take = Math.min(left, item.maxPoints * 100);
    out[item.code] = take / 100;
    left -= take;
  }
  return out;
}

describe('a 9-team contest from counts to prizes (hand-computed expectations)', () => {
  const teams = Object.keys(counts).map(Number);
  const interaction = computeInteractionPoints(
    rules.interaction,
    teams.map((n) => ({
      entryId: id(n),
      reactions: counts[n]![0],
      shares: counts[n]![1],
      comments: counts[n]![2],
    })),
  );
  const prelimCards: PreliminaryScorecard[] = teams.flatMap((n) =>
    prelimTotals[n]!.map((total, j) => ({
      entryId: id(n),
      judgeId: judges[j]!,
      scores: split(total, rules.judging.criteria),
    })),
  );
  const judgePoints = computeJudgePoints(rules.judging, teams.map(id), prelimCards);
  const preliminary = computePreliminary(interaction, judgePoints);
  const selection = selectFinalists(rules.finalists, preliminary);
  const finalCards: FinalScorecard[] = teams.flatMap((n) =>
    finalTotals[n]!.map((total, j) => ({
      entryId: id(n),
      judgeId: judges[j]!,
      parts: split(total, rules.final.parts),
    })),
  );
  const final = computeFinalScores(rules.final, selection.finalists, finalCards);
  const pointsOf = (rows: { entryId: string; points: number | null }[], n: number) =>
    rows.find((r) => r.entryId === id(n))!.points;
  const ranking = rankTeams(
    rules,
    teams.map((n) => {
      const p = preliminary.find((r) => r.entryId === id(n))!;
      return {
        entryId: id(n),
        interaction: p.interaction,
        judges: p.judges!,
        preliminary: p.preliminary!,
        final: pointsOf(final, n)!,
      };
    }),
  );

  it('interaction points: raw = reactions + 2 × shares; 30 × raw / 2.498, half-up to 0,01', () => {
    // raw: 1010, 1255, 780, 1107, 2498, 876, 640, 513, 458
    expect(teams.map((n) => formatPoints(pointsOf(interaction, n)!))).toEqual([
      '12,13', // 30 × 1010 / 2498 = 12,1297…
      '15,07', // 15,0720…
      '9,37', // 9,3675…
      '13,29', // 13,2946…
      '30,00', // the top entry gets exactly the maximum
      '10,52', // 10,5204…
      '7,69', // 7,6861…
      '6,16', // 6,1609…
      '5,50', // 5,5004…
    ]);
  });

  it('judges points: trimmed mean (drop the highest and the lowest of 5); the seed example 64,12', () => {
    expect(teams.map((n) => formatPoints(pointsOf(judgePoints, n)!))).toEqual([
      '57,00',
      '60,00',
      '53,00',
      '62,00',
      '64,12',
      '58,00',
      '50,00',
      '48,00',
      '48,00',
    ]);
    const team5 = judgePoints.find((r) => r.entryId === id(5))!;
    expect(team5.trimmed).toBe(true);
    expect(team5.droppedJudgeIds.sort()).toEqual(['gk-1', 'gk-5']);
  });

  it('preliminary = interaction + judges: Đội số 5 has 30,00 + 64,12 = 94,12, the highest', () => {
    const p5 = preliminary.find((r) => r.entryId === id(5))!;
    expect([p5.interaction, p5.judges, p5.preliminary].map((h) => formatPoints(h!))).toEqual([
      '30,00',
      '64,12',
      '94,12',
    ]);
    const best = [...preliminary].sort((a, b) => b.preliminary! - a.preliminary!)[0]!;
    expect(best.entryId).toBe(id(5));
    expect(selection).toEqual({
      finalists: [id(5), id(4), id(2), id(1), id(6), id(3), id(7), id(8), id(9)],
      tieAtCut: null,
      incomplete: [],
    });
  });

  it('ranks by preliminary + final, breaking the 149,13 tie of teams 6 and 1 by the final score', () => {
    expect(
      ranking.map((r) => [
        r.entryId,
        formatPoints(r.rankingScore),
        r.rank,
        r.tieBreakUsed,
        r.needsDecision,
      ]),
    ).toEqual([
      [id(5), '181,12', 1, null, false], // 94,12 + 87,00
      [id(2), '159,57', 2, null, false], // 75,07 + 84,50
      [id(4), '158,29', 3, null, false], // 75,29 + 83,00
      [id(6), '149,13', 4, 'final', false], // 68,52 + 80,61
      [id(1), '149,13', 5, 'final', false], // 69,13 + 80,00
      [id(3), '135,37', 6, null, false], // 62,37 + 73,00
      [id(7), '133,69', 7, null, false], // 57,69 + 76,00
      [id(9), '123,50', 8, null, false], // 53,50 + 70,00
      [id(8), '122,16', 9, null, false], // 54,16 + 68,00
    ]);
  });

  it('allocates 1 Nhất, 1 Nhì, 1 Ba, 2 Khuyến khích, certificates for the rest, side prizes: 18.000.000 đ', () => {
    const proposal = proposeSidePrizes(rules, [
      {
        judgeId: 'gk-1',
        kind: 'individual',
        partCode: 'presentation',
        entryId: id(5),
        memberId: 'pham-hoai-bach',
      },
      {
        judgeId: 'gk-2',
        kind: 'individual',
        partCode: 'presentation',
        entryId: id(5),
        memberId: 'pham-hoai-bach',
      },
      {
        judgeId: 'gk-3',
        kind: 'individual',
        partCode: 'debate',
        entryId: id(2),
        memberId: 'vo-thi-kim-ngan',
      },
      { judgeId: 'gk-1', kind: 'collective', partCode: 'debate', entryId: id(2) },
      { judgeId: 'gk-2', kind: 'collective', partCode: 'debate', entryId: id(2) },
      { judgeId: 'gk-4', kind: 'collective', partCode: 'questions', entryId: id(4) },
    ]);
    expect(proposal).toEqual([
      {
        prizeCode: 'phu_ca_nhan',
        kind: 'individual',
        candidates: [{ entryId: id(5), memberId: 'pham-hoai-bach', nominations: 2 }],
        tie: false,
      },
      {
        prizeCode: 'phu_tap_the',
        kind: 'collective',
        candidates: [{ entryId: id(2), nominations: 2 }],
        tie: false,
      },
    ]);
    const allocation = allocatePrizes(rules, ranking, {
      side: [
        { prizeCode: 'phu_ca_nhan', entryId: id(5), memberId: 'pham-hoai-bach' },
        { prizeCode: 'phu_tap_the', entryId: id(2) },
      ],
    });
    expect(allocation.awards.map((a) => [a.entryId, a.prizeCode, formatVnd(a.amountVnd)])).toEqual([
      [id(5), 'nhat', '6.000.000 đ'],
      [id(2), 'nhi', '4.000.000 đ'],
      [id(4), 'ba', '3.000.000 đ'],
      [id(6), 'khuyen_khich', '2.000.000 đ'],
      [id(1), 'khuyen_khich', '2.000.000 đ'],
      [id(3), 'giay_khen', '0 đ'],
      [id(7), 'giay_khen', '0 đ'],
      [id(9), 'giay_khen', '0 đ'],
      [id(8), 'giay_khen', '0 đ'],
      [id(5), 'phu_ca_nhan', '500.000 đ'],
      [id(2), 'phu_tap_the', '500.000 đ'],
    ]);
    expect(formatVnd(allocation.totalVnd)).toBe('18.000.000 đ');
    expect(allocation.blockedByTie).toEqual([]);
    expect(allocation.unassignedSlots).toEqual([]);
  });
});
