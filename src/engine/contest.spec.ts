import { defaultRules } from './default-rules';
import { computeFinalScores, FinalScorecard } from './rounds';
import { selectFinalists } from './finalists';
import { formatPoints, formatVnd } from '../formats';
import { computeInteractionPoints } from './interaction-points';
import { computeJudgePoints, PreliminaryScorecard } from './rounds';
import { computePreliminary } from './preliminary';
import { allocatePrizes } from './prizes';
import { rankTeams } from './ranking';
import type { ContestRules } from './rules';
import { proposeSidePrizes } from './side-prizes';

/**
 * A whole 9-team contest modelled on Ngã Bảy 2022 (seed 002), from fanpage counts and five
 * judges' scorecards to prizes. Every expected figure below was worked out by hand (see the
 * comments), not by the engine. Scores use a 0,01 step here: with the default 0,25 step and
 * five judges, a trimmed mean of 64,12 (the seed's figure) cannot occur.
 */
const trimmed = { kind: 'trimmedMean', minJudges: 5 } as const; // the option, not the default
const rules: ContestRules = {
  ...defaultRules(),
  judging: { ...defaultRules().judging, step: 0.01, aggregation: trimmed },
  final: { ...defaultRules().final, step: 0.01, aggregation: trimmed },
};

interface Team {
  number: number;
  team: string;
  model: string;
  /** fanpage reactions, shares, comments at the cut-off */
  counts: [number, number, number];
  /** five judges' preliminary totals, out of 70 */
  preliminary: number[];
  /** five judges' final-round totals, out of 100 */
  final: number[];
}

const TEAMS: Team[] = [
  {
    number: 1,
    team: 'Đội Tư pháp',
    model: 'Chứng thực điện tử một chạm',
    counts: [820, 95, 40],
    preliminary: [60, 58, 57, 56, 50],
    final: [82, 80.5, 80, 79.5, 70],
  },
  {
    number: 2,
    team: 'Đội Tài chính - Kế hoạch',
    model: 'Đăng ký kinh doanh không giấy tờ',
    counts: [1015, 120, 33],
    preliminary: [62, 61, 60, 59, 55],
    final: [86, 85, 84.5, 84, 79],
  },
  {
    number: 3,
    team: 'Đội Tài nguyên và Môi trường',
    model: 'Bản đồ đất đai số',
    counts: [640, 70, 12],
    preliminary: [55, 54, 53, 52, 51],
    final: [75, 74, 73, 72, 60],
  },
  {
    number: 4,
    team: 'Đội phường Ngã Bảy',
    model: 'Hẹn giờ trả kết quả qua tin nhắn',
    counts: [905, 101, 50],
    preliminary: [63, 62.5, 62, 61.5, 58],
    final: [85, 84, 83, 82, 70],
  },
  {
    number: 5,
    team: 'Đội phường Hiệp Thành',
    model: 'Chính quyền 24 giờ', // the seed's winner: 30/30 + 64,12/70 = 94,12
    counts: [1634, 432, 210],
    preliminary: [66, 64.5, 64.12, 63.74, 61],
    final: [90, 88, 87, 86, 80],
  },
  {
    number: 6,
    team: 'Đội phường Lái Hiếu',
    model: 'Tổ tư vấn thủ tục tại nhà',
    counts: [700, 88, 9],
    preliminary: [59, 58.5, 58, 57.5, 50],
    final: [85, 81, 80.61, 80.22, 75],
  },
  {
    number: 7,
    team: 'Đội phường Hiệp Lợi',
    model: 'Góp ý trực tuyến qua mã QR',
    counts: [512, 64, 5],
    preliminary: [52, 51, 50, 49, 48],
    final: [78, 77, 76, 75, 74],
  },
  {
    number: 8,
    team: 'Đội xã Đại Thành',
    model: 'Bưu chính công ích tận ấp',
    counts: [433, 40, 3],
    preliminary: [50, 49, 48, 47, 40],
    final: [70, 69, 68, 67, 66],
  },
  {
    number: 9,
    team: 'Đội xã Tân Thành',
    model: 'Thanh toán lệ phí không tiền mặt',
    counts: [388, 35, 2],
    preliminary: [49, 48.25, 48, 47.75, 45],
    final: [72, 71, 70, 69, 60],
  },
];
const id = (n: number) => `doi-${n}`;
const JUDGES = ['gk-1', 'gk-2', 'gk-3', 'gk-4', 'gk-5'];

/** Spreads a judge's total over the rubric items (the split does not matter, the sum does). */
function split(total: number, items: { code: string; maxPoints: number }[]) {
  let left = Math.round(total * 100);
  const out: Record<string, number> = {};
  for (const item of items) {
    const take = Math.min(left, item.maxPoints * 100);
    out[item.code] = take / 100;
    left -= take;
  }
  return out;
}

describe('a 9-team contest from counts to prizes (expected figures worked out by hand)', () => {
  const entryIds = TEAMS.map((t) => id(t.number));
  const interaction = computeInteractionPoints(
    rules.interaction,
    TEAMS.map((t) => ({
      entryId: id(t.number),
      reactions: t.counts[0],
      shares: t.counts[1],
      comments: t.counts[2],
    })),
  );
  const preliminaryCards: PreliminaryScorecard[] = TEAMS.flatMap((t) =>
    t.preliminary.map((total, j) => ({
      entryId: id(t.number),
      judgeId: JUDGES[j]!,
      scores: split(total, rules.judging.criteria),
    })),
  );
  const judges = computeJudgePoints(rules.judging, entryIds, preliminaryCards);
  const preliminary = computePreliminary(interaction, judges);
  const selection = selectFinalists(rules.finalists, preliminary);
  const finalCards: FinalScorecard[] = TEAMS.flatMap((t) =>
    t.final.map((total, j) => ({
      entryId: id(t.number),
      judgeId: JUDGES[j]!,
      parts: split(total, rules.final.parts),
    })),
  );
  const final = computeFinalScores(rules.final, selection.finalists, finalCards);
  const ranking = rankTeams(
    rules,
    preliminary.map((p) => ({
      entryId: p.entryId,
      interaction: p.interaction,
      judges: p.judges!,
      preliminary: p.preliminary!,
      final: final.find((f) => f.entryId === p.entryId)!.points!,
    })),
  );
  const shown = (rows: { entryId: string; points: number | null }[]) =>
    TEAMS.map((t) => formatPoints(rows.find((r) => r.entryId === id(t.number))!.points!));

  it('interaction points: raw = reactions + 2 × shares, points = 30 × raw / 2.498, half-up', () => {
    // raw: 1.010, 1.255, 780, 1.107, 2.498, 876, 640, 513, 458
    expect(shown(interaction)).toEqual([
      '12,13', // 30 × 1.010 / 2.498 = 12,1297…
      '15,07', // 15,0720…
      '9,37', // 9,3675…
      '13,29', // 13,2946…
      '30,00', // "Chính quyền 24 giờ": the most interacted video gets 30/30
      '10,52', // 10,5204…
      '7,69', // 7,6861…
      '6,16', // 6,1609…
      '5,50', // 5,5004…
    ]);
  });

  it("judges' points: drop the highest and the lowest of five, mean of three; 64,12 for team 5", () => {
    expect(shown(judges)).toEqual([
      '57,00', // (58 + 57 + 56) / 3
      '60,00',
      '53,00',
      '62,00', // (62,5 + 62 + 61,5) / 3
      '64,12', // (64,5 + 64,12 + 63,74) / 3 = 192,36 / 3
      '58,00',
      '50,00',
      '48,00',
      '48,00', // (48,25 + 48 + 47,75) / 3
    ]);
    const team5 = judges.find((r) => r.entryId === id(5))!;
    expect(team5).toMatchObject({
      trimmed: true,
      judgesCounted: 3,
      droppedJudgeIds: ['gk-5', 'gk-1'],
    });
  });

  it('preliminary = interaction + judges: team 5 has 30,00 + 64,12 = 94,12, the highest; all 9 go on', () => {
    const p5 = preliminary.find((r) => r.entryId === id(5))!;
    expect([p5.interaction, p5.judges, p5.preliminary].map((h) => formatPoints(h!))).toEqual([
      '30,00',
      '64,12',
      '94,12',
    ]);
    expect(selection).toEqual({
      // 94,12 · 75,29 · 75,07 · 69,13 · 68,52 · 62,37 · 57,69 · 54,16 · 53,50
      finalists: [id(5), id(4), id(2), id(1), id(6), id(3), id(7), id(8), id(9)],
      tieAtCut: null,
      incomplete: [],
    });
  });

  it('final scores: trimmed means of the five judges over the three parts', () => {
    expect(shown(final)).toEqual([
      '80,00', // (80,5 + 80 + 79,5) / 3
      '84,50',
      '73,00',
      '83,00',
      '87,00',
      '80,61', // (81 + 80,61 + 80,22) / 3
      '76,00',
      '68,00',
      '70,00',
    ]);
  });

  it('ranks by preliminary + final; the 149,13 tie of teams 6 and 1 goes to the higher final', () => {
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

  it('prizes: Nhất, Nhì, Ba, two Khuyến khích, certificates for the rest, two side prizes = 18.000.000 đ', () => {
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
    expect(proposal.map((p) => [p.prizeCode, p.candidates, p.tie])).toEqual([
      ['phu_ca_nhan', [{ entryId: id(5), memberId: 'pham-hoai-bach', nominations: 2 }], false],
      ['phu_tap_the', [{ entryId: id(2), nominations: 2 }], false],
    ]);
    // The organisers confirm the proposal.
    const allocation = allocatePrizes(rules, ranking, {
      sideAwards: [
        { prizeCode: 'phu_ca_nhan', entryId: id(5), memberId: 'pham-hoai-bach' },
        { prizeCode: 'phu_tap_the', entryId: id(2) },
      ],
    });
    expect(allocation.awards.map((a) => [a.entryId, a.prizeName, formatVnd(a.amountVnd)])).toEqual([
      [id(5), 'Giải Nhất', '6.000.000 đ'],
      [id(2), 'Giải Nhì', '4.000.000 đ'],
      [id(4), 'Giải Ba', '3.000.000 đ'],
      [id(6), 'Giải Khuyến khích', '2.000.000 đ'],
      [id(1), 'Giải Khuyến khích', '2.000.000 đ'],
      [id(3), 'Giấy khen của Chủ tịch UBND thành phố', '0 đ'],
      [id(7), 'Giấy khen của Chủ tịch UBND thành phố', '0 đ'],
      [id(9), 'Giấy khen của Chủ tịch UBND thành phố', '0 đ'],
      [id(8), 'Giấy khen của Chủ tịch UBND thành phố', '0 đ'],
      [id(5), 'Giải phụ cá nhân', '500.000 đ'],
      [id(2), 'Giải phụ tập thể', '500.000 đ'],
    ]);
    // 6 + 4 + 3 + 2 × 2 + 2 × 0,5 million
    expect(formatVnd(allocation.totalVnd)).toBe('18.000.000 đ');
    expect(allocation.blockedByTie).toBeNull();
    expect(allocation.unassignedSlots).toEqual([]);
    expect(allocation.certificates).toEqual([id(3), id(7), id(9), id(8)]);
  });
});
