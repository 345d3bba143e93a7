import type { ContestRules } from './rules';

/**
 * The rules of the Ngã Bảy 2022 contest (DESIGN.md, seed 002); every number is a setting.
 * A fresh object on every call, so callers may change it freely.
 */
export function defaultRules(): ContestRules {
  return {
    interaction: {
      maxPoints: 30,
      weights: { reactions: 1, shares: 2, comments: 0 },
      formula: { kind: 'proportional' },
    },
    judging: {
      maxPoints: 70,
      criteria: [
        { code: 'novelty', name: 'Tính mới', maxPoints: 15 },
        { code: 'usefulness', name: 'Tính hữu ích', maxPoints: 15 },
        { code: 'practicality', name: 'Tính thiết thực', maxPoints: 15 },
        { code: 'breakthrough', name: 'Khả năng tạo đột phá', maxPoints: 15 },
        { code: 'quality', name: 'Chất lượng video clip và đề cương', maxPoints: 10 },
      ],
      step: 0.25,
      aggregation: { kind: 'mean' },
      minJudges: 3,
    },
    finalists: { kind: 'topN', n: 9 },
    final: {
      parts: [
        { code: 'presentation', name: 'Thuyết trình', maxPoints: 50, timeLimitSeconds: 600 },
        { code: 'debate', name: 'Phản biện giữa các đội', maxPoints: 30, timeLimitSeconds: 300 },
        {
          code: 'questions',
          name: 'Trả lời câu hỏi của Ban giám khảo',
          maxPoints: 20,
          timeLimitSeconds: 300,
        },
      ],
      maxPoints: 100,
      step: 0.25,
      aggregation: { kind: 'mean' },
      minJudges: 3,
    },
    tieBreak: ['final', 'judges', 'interaction'],
    prizes: [
      { code: 'nhat', name: 'Giải Nhất', kind: 'ranked', count: 1, amountVnd: 6_000_000 },
      { code: 'nhi', name: 'Giải Nhì', kind: 'ranked', count: 1, amountVnd: 4_000_000 },
      { code: 'ba', name: 'Giải Ba', kind: 'ranked', count: 1, amountVnd: 3_000_000 },
      {
        code: 'khuyen_khich',
        name: 'Giải Khuyến khích',
        kind: 'ranked',
        count: 2,
        amountVnd: 2_000_000,
      },
      {
        // count 0: every finalist without a ranked prize receives it (allocatePrizes).
        code: 'giay_khen',
        name: 'Giấy khen của Chủ tịch UBND thành phố',
        kind: 'certificate',
        count: 0,
        amountVnd: 0,
      },
      {
        code: 'phu_ca_nhan',
        name: 'Giải phụ cá nhân',
        kind: 'side',
        sideFor: 'individual',
        count: 1,
        amountVnd: 500_000,
      },
      {
        code: 'phu_tap_the',
        name: 'Giải phụ tập thể',
        kind: 'side',
        sideFor: 'collective',
        count: 1,
        amountVnd: 500_000,
      },
    ],
    prizeCapPercent: null,
    dates: { originalityCutoff: '2021-12-31', submissionDeadline: null, interactionCutoff: null },
    video: { minSeconds: 300, maxSeconds: 600 },
  };
}
