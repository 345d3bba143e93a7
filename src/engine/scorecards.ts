import { EngineError } from './errors';
import { compareCodeUnits, indexEntryIds } from './ids';
import { checkAggregation, JudgeTotal } from './mean';
import type { Aggregation } from './rules';
import { CardRef, cardTotal, rubricOf } from './rubric';

/** One round's settings as the rules give them (`judging` or `final`, items under their name). */
export interface RoundRules {
  items: { code: string; maxPoints: number }[];
  step: number;
  aggregation: Aggregation;
  minJudges: number;
}

/** How each round's rubric is named in messages. */
const RUBRIC_NAMES = {
  judging: { path: 'judging.criteria', noun: 'tiêu chí' },
  final: { path: 'final.parts', noun: 'phần thi' },
};

/**
 * Scores one round (preliminary judging or the final): each entry's judges' totals, in
 * `entryIds` order, from a score sheet with one row per entry and one column per judge. Every
 * card is checked against the rubric and its judge's total written in its cell; a cell written
 * twice is a second card of one judge for one entry. Each row is read in judge-id order,
 * recused judges left out; the callers aggregate the rows (mean.ts).
 */
export function judgeTotalsByEntry<C extends CardRef>(
  round: 'judging' | 'final',
  rules: RoundRules,
  entryIds: string[],
  cards: C[],
  valuesOf: (card: C) => unknown,
): JudgeTotal[][] {
  checkAggregation(rules.aggregation, rules.minJudges, round);
  indexEntryIds(entryIds); // refuses an entry listed twice
  const { path, noun } = RUBRIC_NAMES[round];
  const rubric = rubricOf(rules.items, rules.step, path, noun);

  // The sheet's columns: the judges of the cards, in id order.
  const judgeIds = judgesOf(cards);
  const column = new Map(judgeIds.map((judgeId, j) => [judgeId, j]));
  /** entry id → row; a cell is empty until its card comes, then a total, or null if recused */
  const sheet = new Map(
    entryIds.map((id) => [id, new Array<number | null | undefined>(judgeIds.length)]),
  );
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    if (card === null || typeof card !== 'object')
      throw new EngineError('BAD_SCORECARD', `Phiếu chấm thứ ${c + 1} không hợp lệ.`);
    const row = sheet.get(card.entryId);
    if (row === undefined) throw unknownEntry(card);
    const j = column.get(card.judgeId);
    if (j === undefined)
      throw new EngineError(
        'BAD_SCORECARD',
        `Phiếu chấm sản phẩm ${String(card.entryId)} thiếu giám khảo.`,
        { entryId: String(card.entryId) },
      );
    if (row[j] !== undefined) throw duplicateCard(card);
    // A recused judge (conflict of interest) is not counted, and the card is not read.
    row[j] = card.recused === true ? null : cardTotal(valuesOf(card), rubric, card);
  }

  return entryIds.map((entryId) => {
    const totals: JudgeTotal[] = [];
    sheet.get(entryId)!.forEach((total, j) => {
      if (typeof total === 'number') totals.push({ judgeId: judgeIds[j]!, total });
    });
    return totals;
  });
}

/** The judges named on the cards, in id order (a card without a judge is refused later). */
function judgesOf(cards: CardRef[]): string[] {
  const ids = new Set<string>();
  for (const card of cards) {
    const judgeId: unknown = card?.judgeId;
    if (typeof judgeId === 'string' && judgeId !== '') ids.add(judgeId);
  }
  return [...ids].sort(compareCodeUnits);
}

function unknownEntry(card: CardRef): EngineError {
  return new EngineError(
    'UNKNOWN_ENTRY',
    `Phiếu chấm của giám khảo ${String(card.judgeId)} cho sản phẩm không có trong danh sách: ${String(card.entryId)}.`,
    { entryId: String(card.entryId), judgeId: String(card.judgeId) },
  );
}

function duplicateCard(card: CardRef): EngineError {
  return new EngineError(
    'DUPLICATE_SCORECARD',
    `Giám khảo ${card.judgeId} có hai phiếu chấm cho sản phẩm ${card.entryId}.`,
    { entryId: card.entryId, judgeId: card.judgeId },
  );
}
