import { AggregateResult, divRoundHalfUp, hundredthsToString, toHundredths } from '../engine';
import type { ResultsInputs } from './results-inputs';
import type { TeamResult } from './results-document';

const h = hundredthsToString;

export interface FinalCard {
  entryId: string;
  judgeId: string;
  parts: Record<string, string>;
}

/** One card per judge × finalist, counted only when every part of it is submitted. */
export function completeFinalCards(
  rows: ResultsInputs['partScores'],
  partCodes: string[],
  finalists: Set<string>,
): FinalCard[] {
  const byKey = new Map<string, FinalCard>();
  for (const row of rows) {
    if (!finalists.has(row.entryId) || !partCodes.includes(row.partCode)) continue;
    const key = `${row.judgeId}|${row.entryId}`;
    const card = byKey.get(key) ?? { entryId: row.entryId, judgeId: row.judgeId, parts: {} };
    card.parts[row.partCode] = h(toHundredths(row.points));
    byKey.set(key, card);
  }
  return [...byKey.values()]
    .filter((c) => partCodes.every((p) => p in c.parts))
    .sort((a, b) => (a.entryId + a.judgeId < b.entryId + b.judgeId ? -1 : 1));
}

/** A finalist's final round as the document states it: the counted cards and the part means. */
export function finalDetail(
  result: AggregateResult,
  cards: FinalCard[],
  partCodes: string[],
  names: Map<string, string>,
): NonNullable<TeamResult['final']> {
  const mine = cards.filter((c) => c.entryId === result.entryId);
  const partsOf = new Map(mine.map((c) => [c.judgeId, c.parts]));
  const counted = result.judgeTotals;
  const partMeans: Record<string, string> = {};
  if (counted.length)
    for (const code of partCodes) {
      let sum = 0;
      for (const t of counted) sum += toHundredths(partsOf.get(t.judgeId)![code]!);
      partMeans[code] = h(divRoundHalfUp(sum, counted.length));
    }
  return {
    cards: counted.map((t) => ({
      judgeId: t.judgeId,
      judgeName: names.get(t.judgeId) ?? '',
      parts: partsOf.get(t.judgeId)!,
      total: h(t.total),
      dropped: result.droppedJudgeIds.includes(t.judgeId),
    })),
    partMeans,
    points: result.points === null ? null : h(result.points),
    trimmed: result.trimmed,
  };
}
