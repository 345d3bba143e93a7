import { toHundredths } from './decimal';
import type { ContestRules } from './rules';

export interface PreliminaryRow {
  entryId: string;
  /** hundredths */
  interaction: number;
  /** hundredths; null when the judges' scoring is incomplete */
  judges: number | null;
  /** interaction + judges, exact; null when incomplete */
  preliminary: number | null;
  complete: boolean;
}

/** Preliminary score = interaction points + judges' points (a sum of rounded parts: exact). */
export function computePreliminary(
  interaction: { entryId: string; points: number }[],
  judges: { entryId: string; points: number | null; complete: boolean }[],
): PreliminaryRow[] {
  const interactionOf = new Map(interaction.map((i) => [i.entryId, i.points]));
  return judges.map((j) => {
    const i = interactionOf.get(j.entryId) ?? 0;
    return {
      entryId: j.entryId,
      interaction: i,
      judges: j.points,
      preliminary: j.complete && j.points !== null ? i + j.points : null,
      complete: j.complete && j.points !== null,
    };
  });
}

export interface FinalistSelection {
  finalists: string[];
  /** Entries tied exactly at the cut line: the organisers decide, nothing is cut arbitrarily. */
  tieAtCut: string[] | null;
  /** Entries left out because their scoring is incomplete. */
  incomplete: string[];
}

/** Top N, a threshold, or everyone with a complete score. */
export function selectFinalists(
  rule: ContestRules['finalists'],
  rows: PreliminaryRow[],
): FinalistSelection {
  const incomplete = rows.filter((r) => !r.complete).map((r) => r.entryId);
  const scored = rows
    .filter((r) => r.complete)
    .sort((a, b) => b.preliminary! - a.preliminary! || (a.entryId < b.entryId ? -1 : 1));
  if (rule.kind === 'all')
    return { finalists: scored.map((r) => r.entryId), tieAtCut: null, incomplete };
  if (rule.kind === 'threshold') {
    const min = toHundredths(rule.minScore, 'finalists.minScore');
    return {
      finalists: scored.filter((r) => r.preliminary! >= min).map((r) => r.entryId),
      tieAtCut: null,
      incomplete,
    };
  }
  if (scored.length <= rule.n)
    return { finalists: scored.map((r) => r.entryId), tieAtCut: null, incomplete };
  const cutScore = scored[rule.n - 1]!.preliminary!;
  if (scored[rule.n]!.preliminary! !== cutScore) {
    return { finalists: scored.slice(0, rule.n).map((r) => r.entryId), tieAtCut: null, incomplete };
  }
  return {
    finalists: scored.filter((r) => r.preliminary! > cutScore).map((r) => r.entryId),
    tieAtCut: scored.filter((r) => r.preliminary === cutScore).map((r) => r.entryId),
    incomplete,
  };
}
