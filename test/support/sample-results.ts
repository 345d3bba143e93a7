import type { AwardLine, ResultsDocument, TeamResult } from '../../src/results/results-document';

/**
 * A hand-made results document of a 9-team contest with Vietnamese names, for document tests
 * (Excel, PDF) that need no database. Figures are consistent: preliminary = interaction +
 * judges, ranking score = preliminary + final, the prize total is the sum of the awards.
 */
/** Ids shaped like the database's (UUIDs), tagged so a reader can tell them apart. */
export const sampleId = (tag: 'contest' | 'entry' | 'team' | 'judge' | 'snapshot', n = 1) =>
  `00000000-0000-4000-8${'cetjs'.indexOf(tag[0]!)}00-${n.toString(16).padStart(12, '0')}`;

export function sampleResultsDocument(): ResultsDocument {
  const judges = [
    { id: sampleId('judge', 1), name: 'Nguyễn Minh Triều' },
    { id: sampleId('judge', 2), name: 'Trần Thị Ngọc Hân' },
    { id: sampleId('judge', 3), name: 'Lê Quốc Bảo' },
  ];
  const names = [
    [
      'Đội phường Hiệp Thành',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
      'Chính quyền 24 giờ',
    ],
    ['Đội Tư pháp', 'Phòng Tư pháp thành phố', 'Số hóa hồ sơ hộ tịch'],
    [
      'Đội phường Ngã Bảy',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Ngã Bảy',
      'Zalo OA phường',
    ],
    ['Đội xã Đại Thành', 'Bộ phận tiếp nhận và trả kết quả UBND xã Đại Thành', 'Tổ dân vận ấp'],
    [
      'Đội Tài chính - Kế hoạch',
      'Phòng Tài chính - Kế hoạch thành phố',
      'Một cửa liên thông đầu tư',
    ],
    [
      'Đội phường Lái Hiếu',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Lái Hiếu',
      'Hẹn giờ trả kết quả',
    ],
    [
      'Đội Tài nguyên và Môi trường',
      'Phòng Tài nguyên và Môi trường thành phố',
      'Bản đồ đất đai trực tuyến',
    ],
    [
      'Đội phường Hiệp Lợi',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Lợi',
      'Người dân chấm điểm',
    ],
    [
      'Đội xã Tân Thành',
      'Bộ phận tiếp nhận và trả kết quả UBND xã Tân Thành',
      'Ngày thứ Bảy vì dân',
    ],
  ] as const;
  const prizeOf = (rank: number): Omit<AwardLine, 'entryId' | 'teamName'> =>
    rank === 1
      ? ranked('nhat', 'Giải Nhất', 6_000_000)
      : rank === 2
        ? ranked('nhi', 'Giải Nhì', 4_000_000)
        : rank === 3
          ? ranked('ba', 'Giải Ba', 3_000_000)
          : rank <= 5
            ? ranked('khuyen-khich', 'Giải Khuyến khích', 2_000_000)
            : {
                prizeCode: 'giay-khen',
                prizeName: 'Giấy khen của Chủ tịch UBND thành phố',
                kind: 'certificate',
                amountVnd: 0,
                memberName: null,
                sponsor: null,
              };
  const teams: TeamResult[] = names.map(([teamName, unitName, entryName], i) => {
    const rank = i + 1;
    const entryId = sampleId('entry', rank);
    const judgeTotal = 6412 - i * 150; // hundredths
    const finalPoints = 8500 - i * 200;
    const preliminary = 3000 - i * 100 + judgeTotal;
    const h = (n: number) => (n / 100).toFixed(2);
    const awards: AwardLine[] = [{ entryId, teamName, ...prizeOf(rank) }];
    return {
      entryId,
      teamId: sampleId('team', rank),
      teamNumber: rank,
      teamName,
      unitName,
      entryName,
      interaction: {
        reactions: 1000 - i * 30,
        shares: 100 - i,
        comments: 50,
        excluded:
          i === 2 ? { reactions: 12, shares: 0, comments: 0, reason: 'Tài khoản ảo' } : null,
        raw: (1200 - i * 32).toFixed(2),
        points: h(3000 - i * 100),
      },
      judgeCards: judges.map((j, k) => ({
        judgeId: j.id,
        judgeName: j.name,
        criteria: {
          novelty: '12.00',
          usefulness: '13.00',
          practicality: h(1300 + k * 25),
          breakthrough: '13.00',
          quality: '13.12',
        },
        total: h(judgeTotal),
        dropped: false,
      })),
      judgesPoints: h(judgeTotal),
      judgesTrimmed: false,
      preliminary: h(preliminary),
      finalist: true,
      final: {
        cards: judges.map((j) => ({
          judgeId: j.id,
          judgeName: j.name,
          parts: { presentation: h(finalPoints - 5000), debate: '30.00', questions: '20.00' },
          total: h(finalPoints),
          dropped: false,
        })),
        partMeans: { presentation: h(finalPoints - 5000), debate: '30.00', questions: '20.00' },
        points: h(finalPoints),
        trimmed: false,
      },
      rankingScore: h(preliminary + finalPoints),
      rank,
      tieBreakUsed: null,
      needsDecision: false,
      decided: false,
      awards,
    };
  });
  // Side prizes: one person, one team.
  const side: AwardLine[] = [
    {
      entryId: sampleId('entry', 2),
      teamName: teams[1]!.teamName,
      prizeCode: 'ca-nhan',
      prizeName: 'Giải phụ cá nhân',
      kind: 'side',
      amountVnd: 500_000,
      memberName: 'Đặng Thị Thúy Hằng',
      sponsor: null,
    },
    {
      entryId: sampleId('entry', 4),
      teamName: teams[3]!.teamName,
      prizeCode: 'tap-the',
      prizeName: 'Giải phụ tập thể',
      kind: 'side',
      amountVnd: 500_000,
      memberName: null,
      sponsor: null,
    },
  ];
  teams[1]!.awards.push(side[0]!);
  teams[3]!.awards.push(side[1]!);
  const awards = teams.flatMap((t) => t.awards);
  return {
    format: 1,
    contest: {
      id: sampleId('contest'),
      name: 'Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy lần thứ 1 - năm 2022',
      slug: 'nga-bay-2022',
      rulesVersion: 1,
      finalDate: '2022-09-08',
    },
    rules: {
      interactionMax: '30.00',
      judgingMax: '70.00',
      judgingAggregation: 'mean',
      criteria: [
        { code: 'novelty', name: 'Tính mới', maxPoints: '14.00' },
        { code: 'usefulness', name: 'Tính hữu ích', maxPoints: '14.00' },
        { code: 'practicality', name: 'Tính thiết thực', maxPoints: '14.00' },
        { code: 'breakthrough', name: 'Khả năng tạo đột phá', maxPoints: '14.00' },
        { code: 'quality', name: 'Chất lượng sản phẩm', maxPoints: '14.00' },
      ],
      finalMax: '100.00',
      finalAggregation: 'mean',
      parts: [
        { code: 'presentation', name: 'Thuyết trình', maxPoints: '50.00' },
        { code: 'debate', name: 'Phản biện giữa các đội', maxPoints: '30.00' },
        { code: 'questions', name: 'Trả lời câu hỏi của Ban giám khảo', maxPoints: '20.00' },
      ],
      tieBreak: ['final', 'judges', 'interaction'],
    },
    judges,
    interactionSnapshot: {
      id: sampleId('snapshot'),
      takenAt: '2022-08-30T03:00:00.000Z',
      source: 'form',
    },
    teams,
    tieDecisions: [],
    prizes: {
      awards,
      totalVnd: awards.reduce((sum, a) => sum + a.amountVnd, 0),
      unassignedSlots: [],
    },
  };
}

function ranked(prizeCode: string, prizeName: string, amountVnd: number) {
  return {
    prizeCode,
    prizeName,
    kind: 'ranked' as const,
    amountVnd,
    memberName: null,
    sponsor: null,
  };
}
