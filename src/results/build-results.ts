import { vietnamIsoDate } from '../formats';
import {
  AggregateResult,
  allocatePrizes,
  computeFinalScores,
  ContestRules,
  hundredthsToString,
  proposeSidePrizes,
  rankTeams,
  toHundredths,
} from '../engine';
import { groupBy } from '../common/group-by';
import { completeFinalCards, finalDetail } from './final-round-lines';
import { computePreliminaryRound } from './preliminary-round';
import type { AwardLine, ResultsDocument, TeamResult } from './results-document';
import type { ResultsComputation, ResultsInputs, ResultsProblem } from './results-inputs';

export type { ResultsComputation, ResultsInputs, ResultsProblem } from './results-inputs';

/**
 * The results document from its inputs (results-inputs.ts), a pure function: the
 * preliminary round (preliminary-round.ts), the final round's complete cards
 * (final-round-lines.ts), the ranking and its tie-breaks, the prizes, and the problems that
 * keep the results from being frozen, through the engine; then every team's line.
 */

const h = hundredthsToString;
const TIE_LABEL: Record<string, string> = {
  final: 'điểm chung khảo',
  judges: 'điểm giám khảo vòng sơ khảo',
  interaction: 'điểm tương tác',
  preliminary: 'điểm sơ khảo',
};

export function buildResults(input: ResultsInputs): ResultsComputation {
  const rules = input.contest.rules;
  const problems: ResultsProblem[] = [];
  const judgeName = new Map(input.judges.map((j) => [j.id, j.name]));
  const memberName = new Map(input.members.map((m) => [m.id, m.name]));

  const { countOf, excludedOf, published, cards, interaction, judges, preliminary } =
    computePreliminaryRound(input);

  // Final round: each judge's card is complete when every part is submitted.
  const finalists = (input.finalists ?? []).filter((id) => published.has(id));
  if (input.finalists === null)
    problems.push({
      code: 'FINAL_NOT_SET_UP',
      blocking: true,
      message: 'Vòng chung khảo chưa được thiết lập.',
      entryIds: [],
    });
  const partCodes = rules.final.parts.map((p) => p.code);
  const finalCards = completeFinalCards(input.partScores, partCodes, new Set(finalists));
  // A judge who recused from (or was found in conflict with) a team is not counted in either
  // round, even when the recusal came after their final cards were submitted.
  const recused = new Set(input.recusals.map((r) => `${r.judgeId}|${r.entryId}`));
  const finals = computeFinalScores(
    rules.final,
    finalists,
    finalCards.map((c) => ({ ...c, recused: recused.has(`${c.judgeId}|${c.entryId}`) })),
  );
  const incomplete = finals.filter((f) => !f.complete).map((f) => f.entryId);
  if (incomplete.length)
    problems.push({
      code: 'FINAL_INCOMPLETE',
      blocking: true,
      message: `Còn ${incomplete.length} đội chưa đủ phiếu chấm chung khảo.`,
      entryIds: incomplete,
    });

  // A finalist's preliminary score can become incomplete after the final began (a card
  // reopened, a judge recused): the finalist then cannot be ranked, and that blocks the
  // results rather than leaving the team out of the ranking and the prizes.
  const prelimOf = new Map(preliminary.map((p) => [p.entryId, p]));
  const prelimIncomplete = finalists.filter((id) => !prelimOf.get(id)?.complete);
  if (prelimIncomplete.length)
    problems.push({
      code: 'PRELIMINARY_INCOMPLETE',
      blocking: true,
      message: `Còn ${prelimIncomplete.length} đội thi chung khảo chưa đủ phiếu chấm sơ khảo.`,
      entryIds: prelimIncomplete,
    });

  // Ranking of the finalists whose final score is complete.
  const finalOf = new Map(finals.map((f) => [f.entryId, f]));
  const ranking = rankTeams(
    rules,
    finals
      .filter((f) => f.complete && prelimOf.get(f.entryId)?.complete)
      .map((f) => {
        const p = prelimOf.get(f.entryId)!;
        return {
          entryId: f.entryId,
          interaction: p.interaction,
          judges: p.judges!,
          preliminary: p.preliminary!,
          final: f.points!,
        };
      }),
    input.tieDecisions,
  );
  const tiedGroups = groupBy(
    ranking.filter((r) => r.needsDecision),
    (r) => r.rank,
  );
  for (const group of tiedGroups.values())
    problems.push({
      code: 'TIE_NEEDS_DECISION',
      blocking: true,
      message: `Các đội đồng hạng ${group[0]!.rank} sau mọi tiêu chí phụ: Ban tổ chức cần quyết định thứ tự và ghi lý do.`,
      entryIds: group.map((r) => r.entryId),
    });

  // Prizes: only from a complete ranking (a partial one would hand out prizes too early).
  const byKind = (kind: 'side' | 'sponsor') =>
    input.awards
      .filter((a) => a.kind === kind)
      .map((a) => ({
        prizeCode: a.prizeCode,
        entryId: a.entryId,
        ...(a.memberId ? { memberId: a.memberId } : {}),
      }));
  const rankingComplete =
    !incomplete.length && !prelimIncomplete.length && input.finalists !== null;
  const allocation = rankingComplete
    ? allocatePrizes(rules, ranking, {
        sideAwards: byKind('side'),
        sponsorAwards: byKind('sponsor'),
      })
    : null;
  for (const tie of allocation?.blockedByTie ?? [])
    problems.push({
      code: 'PRIZE_TIE',
      blocking: true,
      message: `Các đội đồng hạng vượt qua ranh giới giải (${tie.prizeCodes.join(', ')}): cần quyết định.`,
      entryIds: tie.entryIds,
    });
  const sidePrizeProposals = proposeSidePrizes(
    rules,
    input.nominations.map(({ memberId, ...n }) => ({ ...n, ...(memberId ? { memberId } : {}) })),
  );
  // A side prize is settled when its winners are confirmed or the organisers recorded, with a
  // reason, that it is not (fully) awarded; until then the results cannot be frozen.
  const notAwarded = input.notAwarded.flatMap((n) => {
    const prize = rules.prizes.find((p) => p.kind === 'side' && p.code === n.prizeCode);
    return prize ? [{ prizeCode: n.prizeCode, prizeName: prize.name, reason: n.reason }] : [];
  });
  for (const prize of rules.prizes.filter((p) => p.kind === 'side')) {
    const given = input.awards.filter((a) => a.kind === 'side' && a.prizeCode === prize.code);
    if (given.length < prize.count && !notAwarded.some((n) => n.prizeCode === prize.code))
      problems.push({
        code: 'SIDE_PRIZE_UNCONFIRMED',
        blocking: true,
        message: `${prize.name}: Ban tổ chức chưa xác nhận người/đội nhận giải (hoặc ghi rõ lý do không trao).`,
        entryIds: [],
      });
  }
  if (allocation && !allocation.blockedByTie && allocation.unassignedSlots.length)
    problems.push({
      code: 'PRIZE_SLOTS_UNASSIGNED',
      blocking: false,
      message: 'Một số giải không có đội nhận (ít đội vào chung khảo hoặc giới hạn tỷ lệ giải).',
      entryIds: [],
    });

  const entryOf = new Map(input.entries.map((e) => [e.entryId, e]));
  const prizeOf = new Map(rules.prizes.map((p) => [p.code, p]));
  const awardLines: AwardLine[] = (allocation?.awards ?? []).map((a) => ({
    entryId: a.entryId,
    teamName: entryOf.get(a.entryId)?.teamName ?? '',
    prizeCode: a.prizeCode,
    prizeName: a.prizeName,
    kind: a.kind,
    amountVnd: a.amountVnd,
    memberName: a.memberId ? (memberName.get(a.memberId) ?? null) : null,
    sponsor: prizeOf.get(a.prizeCode)?.sponsor ?? null,
  }));

  // Teams: ranked finalists, then unranked finalists, then the others by preliminary score.
  const rankOf = new Map(ranking.map((r) => [r.entryId, r]));
  const finalistSet = new Set(finalists);
  const order = [
    ...ranking.map((r) => r.entryId),
    ...finalists.filter((id) => !rankOf.has(id)),
    ...preliminary
      .filter((p) => !finalistSet.has(p.entryId))
      .sort(
        (a, b) =>
          (b.preliminary ?? -1) - (a.preliminary ?? -1) ||
          entryOf.get(a.entryId)!.teamNumber - entryOf.get(b.entryId)!.teamNumber,
      )
      .map((p) => p.entryId),
  ];
  const interactionOf = new Map(interaction.map((r) => [r.entryId, r]));
  const judgesOf = new Map(judges.map((j) => [j.entryId, j]));
  const scoresOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c.scores]));
  const teams: TeamResult[] = order.map((entryId) => {
    const e = entryOf.get(entryId)!;
    const c = countOf.get(entryId);
    const x = input.exclusions.filter((row) => row.entryId === entryId);
    const xs = excludedOf.get(entryId);
    const ir = interactionOf.get(entryId)!;
    const jr = judgesOf.get(entryId)!;
    const p = prelimOf.get(entryId)!;
    const f = finalOf.get(entryId);
    const r = rankOf.get(entryId);
    return {
      entryId,
      teamId: e.teamId,
      teamNumber: e.teamNumber,
      teamName: e.teamName,
      unitName: e.unitName,
      entryName: e.entryName,
      interaction: {
        reactions: c?.reactions ?? 0,
        shares: c?.shares ?? 0,
        comments: c?.comments ?? 0,
        excluded: xs ? { ...xs, reason: x.map((row) => row.reason).join('; ') } : null,
        raw: h(ir.rawHundredths),
        points: h(ir.points),
      },
      judgeCards: judgeLines(jr, judgeName, (judgeId) =>
        normaliseScores(scoresOf.get(`${judgeId}|${entryId}`) ?? {}),
      ),
      judgesPoints: jr.points === null ? null : h(jr.points),
      // With normalisation only (absent otherwise, so earlier fingerprints stay the same).
      ...(jr.rawPoints !== undefined
        ? { judgesRawPoints: jr.rawPoints === null ? null : h(jr.rawPoints) }
        : {}),
      judgesTrimmed: jr.trimmed,
      preliminary: p.preliminary === null ? null : h(p.preliminary),
      finalist: finalistSet.has(entryId),
      final: f ? finalDetail(f, finalCards, partCodes, judgeName) : null,
      rankingScore: r ? h(r.rankingScore) : null,
      rank: r ? r.rank : null,
      tieBreakUsed: r?.tieBreakUsed ? TIE_LABEL[r.tieBreakUsed]! : null,
      needsDecision: r?.needsDecision ?? false,
      decided: r?.decided ?? false,
      awards: awardLines.filter((a) => a.entryId === entryId),
    };
  });

  const document: ResultsDocument = {
    format: 1,
    contest: {
      id: input.contest.id,
      name: input.contest.name,
      slug: input.contest.slug,
      rulesVersion: input.contest.rulesVersion,
      finalDate: input.contest.finalAt && vietnamIsoDate(input.contest.finalAt),
    },
    rules: documentRules(rules),
    judges: input.judges,
    interactionSnapshot: input.snapshot,
    teams,
    tieDecisions: input.tieDecisions,
    prizes: {
      awards: awardLines,
      totalVnd: allocation?.totalVnd ?? 0,
      unassignedSlots: (allocation?.unassignedSlots ?? []).map((s) => ({
        ...s,
        prizeName: prizeOf.get(s.prizeCode)?.name ?? s.prizeCode,
      })),
      // Only when there is one: documents frozen before this field keep their fingerprint.
      ...(notAwarded.length ? { notAwarded } : {}),
    },
  };
  return { document, problems, sidePrizeProposals };
}

/** The rules as the document states them: maxima, aggregations, criteria, parts, tie-breaks. */
function documentRules(rules: ContestRules): ResultsDocument['rules'] {
  const aggregation = (a: ContestRules['judging']['aggregation']) =>
    a.kind === 'mean' ? 'mean' : `trimmedMean(${a.minJudges})`;
  return {
    interactionMax: h(toHundredths(rules.interaction.maxPoints)),
    judgingMax: h(toHundredths(rules.judging.maxPoints)),
    judgingAggregation: aggregation(rules.judging.aggregation),
    ...(rules.judging.normalisation && rules.judging.normalisation !== 'none'
      ? { judgingNormalisation: rules.judging.normalisation }
      : {}),
    criteria: rules.judging.criteria.map((c) => ({
      code: c.code,
      name: c.name,
      maxPoints: h(toHundredths(c.maxPoints)),
    })),
    finalMax: h(toHundredths(rules.final.maxPoints)),
    finalAggregation: aggregation(rules.final.aggregation),
    parts: rules.final.parts.map((p) => ({
      code: p.code,
      name: p.name,
      maxPoints: h(toHundredths(p.maxPoints)),
    })),
    tieBreak: [...rules.tieBreak],
  };
}

function judgeLines(
  result: AggregateResult,
  names: Map<string, string>,
  scoresOf: (judgeId: string) => Record<string, string>,
): TeamResult['judgeCards'] {
  return result.judgeTotals.map((t) => ({
    judgeId: t.judgeId,
    judgeName: names.get(t.judgeId) ?? '',
    criteria: scoresOf(t.judgeId),
    total: h(t.total),
    ...(t.normalised !== undefined ? { normalised: h(t.normalised) } : {}),
    dropped: result.droppedJudgeIds.includes(t.judgeId),
  }));
}

/** Scores as two-decimal strings, keys sorted: "12.5" and 12.5 give the same fingerprint. */
function normaliseScores(scores: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(scores).sort()) out[key] = h(toHundredths(scores[key]!));
  return out;
}
