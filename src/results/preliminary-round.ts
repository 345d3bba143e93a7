import { scorePreliminaryRound } from '../engine';
import { sumExclusions } from '../interactions/counts';
import type { ResultsInputs } from './results-inputs';

/**
 * The preliminary round from the stored inputs: interaction points (counts minus active
 * exclusions), judges' points (submitted cards of published entries, recused judges not
 * counted) and their sum. Shared by the results and by the choice of finalists, so both
 * always count the same cards.
 */
export function computePreliminaryRound(
  input: Pick<
    ResultsInputs,
    'contest' | 'entries' | 'counts' | 'exclusions' | 'scorecards' | 'recusals'
  >,
) {
  const rules = input.contest.rules;
  const entryIds = input.entries.map((e) => e.entryId);
  const countOf = new Map(input.counts.map((c) => [c.entryId, c]));
  const excludedOf = sumExclusions(input.exclusions);
  const counts = input.entries.map((e) => {
    const c = countOf.get(e.entryId);
    const x = excludedOf.get(e.entryId);
    return {
      entryId: e.entryId,
      reactions: c?.reactions ?? 0,
      shares: c?.shares ?? 0,
      comments: c?.comments ?? 0,
      ...(x ? { excluded: x } : {}),
    };
  });
  const recused = new Set(input.recusals.map((r) => `${r.judgeId}|${r.entryId}`));
  const published = new Set(entryIds);
  const cards = input.scorecards.filter((c) => published.has(c.entryId));
  const { interaction, judges, preliminary } = scorePreliminaryRound(
    rules,
    entryIds,
    counts,
    cards.map((c) => ({ ...c, recused: recused.has(`${c.judgeId}|${c.entryId}`) })),
  );
  return { countOf, excludedOf, published, cards, interaction, judges, preliminary };
}
