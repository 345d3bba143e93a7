import { hundredthsOrNaN, notHundredths, toHundredths } from './decimal';
import { EngineError, EngineErrorCode } from './errors';
import { compareCodeUnits, indexEntryIds } from './ids';
import { checkAggregation, JudgeTotal } from './mean';
import type { Aggregation } from './rules';

/** One round's settings as the rules give them (`judging` or `final`, items under their name). */
export interface RoundRules {
  items: { code: string; maxPoints: number }[];
  step: number;
  aggregation: Aggregation;
  minJudges: number;
}

/** A criterion (preliminary round) or a part (final round), its maximum in hundredths. */
export interface ScoreItem {
  code: string;
  max: number;
}

/** What one card must contain: every item once, each a multiple of `step` (hundredths). */
interface Rubric {
  items: ScoreItem[];
  /** the same items by code, to look up each score a card lists */
  byCode: Map<string, ScoreItem>;
  step: number;
  /** "tiêu chí" or "phần thi", for messages */
  noun: string;
}

/** Who handed in a card. */
interface CardRef {
  entryId: string;
  judgeId: string;
  recused?: boolean;
}

/** How each round's rubric is named in messages. */
const RUBRIC_NAMES = {
  judging: { path: 'judging.criteria', noun: 'tiêu chí' },
  final: { path: 'final.parts', noun: 'phần thi' },
};

/**
 * Scores one round (preliminary judging or the final): each entry's judges' totals, in
 * `entryIds` order. This is the one card loop of the engine, for both rounds. It fills a score
 * sheet with one row per entry and one cell per judge: each card is checked against the rubric
 * (`cardTotal`) and its judge's total written in its cell; a cell written twice is a second
 * card of one judge for one entry. Each row is then read in judge-id order, recused judges left
 * out; rounds.ts aggregates the rows (mean.ts).
 */
export function judgeTotalsByEntry<C extends CardRef>(
  round: 'judging' | 'final',
  rules: RoundRules,
  entryIds: string[],
  cards: C[],
  valuesOf: (card: C) => unknown,
): JudgeTotal[][] {
  checkAggregation(rules.aggregation, rules.minJudges, round);
  const rowOf = indexEntryIds(entryIds); // refuses an entry listed twice
  const rubric = rubricOf(
    rules.items,
    rules.step,
    RUBRIC_NAMES[round].path,
    RUBRIC_NAMES[round].noun,
  );

  // The score sheet: a row per entry, made when the entry's first card comes, with a cell per
  // judge (columns numbered as judges first appear; a later judge widens the rows). A cell is
  // empty until its card comes, then holds the judge's total, or null for a recused judge.
  const columnOf = new Map<string, number>();
  const sheet = new Array<(number | null | undefined)[] | undefined>(entryIds.length);
  // How many cards count for each entry, so that its list of totals is made at its size.
  const counted = new Array<number>(entryIds.length).fill(0);
  // Cards usually come entry by entry: the entry's row is looked up when the entry changes.
  let entryId: unknown = undefined;
  let row = -1;
  let cells: (number | null | undefined)[] = [];
  for (let c = 0; c < cards.length; c++) {
    const card = cards[c]!;
    if (card === null || typeof card !== 'object')
      throw new EngineError('BAD_SCORECARD', `Phiếu chấm thứ ${c + 1} không hợp lệ.`);
    if (card.entryId !== entryId || row < 0) {
      row = rowOf.get(card.entryId) ?? -1;
      if (row < 0) throw unknownEntry(card);
      entryId = card.entryId;
      cells = sheet[row] ??= new Array<number | null | undefined>(columnOf.size);
    }
    let column = columnOf.get(card.judgeId);
    if (column === undefined) {
      if (typeof card.judgeId !== 'string' || card.judgeId === '')
        throw new EngineError(
          'BAD_SCORECARD',
          `Phiếu chấm sản phẩm ${String(card.entryId)} thiếu giám khảo.`,
          { entryId: String(card.entryId) },
        );
      column = columnOf.size;
      columnOf.set(card.judgeId, column);
    }
    if (cells[column] !== undefined) throw duplicateCard(card);
    // A recused judge (conflict of interest) is not counted, and the card is not read.
    if (card.recused === true) cells[column] = null;
    else {
      cells[column] = cardTotal(valuesOf(card), rubric, card);
      counted[row]!++;
    }
  }

  // Each row read across the judges in id order: the entry's judges' totals.
  const judgeIds = [...columnOf.keys()].sort(compareCodeUnits);
  const columns = judgeIds.map((judgeId) => columnOf.get(judgeId)!);
  return entryIds.map((_, row) => {
    const totals = new Array<JudgeTotal>(counted[row]!);
    const cells = sheet[row] ?? [];
    let k = 0;
    for (let j = 0; j < columns.length; j++) {
      const total = cells[columns[j]!];
      if (typeof total === 'number') totals[k++] = { judgeId: judgeIds[j]!, total };
    }
    return totals;
  });
}

/** 1.000.000 points per item: the same bound as the rules' validation (src/contests). */
const MAX_ITEM_HUNDREDTHS = 100_000_000;

/** Converts and checks a rubric from the rules (bad rules are an EngineError, not a guess). */
function rubricOf(
  items: { code: string; maxPoints: number }[],
  step: number,
  path: string,
  noun: string,
): Rubric {
  if (!Array.isArray(items) || items.length === 0)
    throw new EngineError('BAD_RULES', `${path}: cần ít nhất một ${noun}.`, { field: path });
  const stepH = toHundredths(step, `${path}.step`);
  if (stepH <= 0)
    throw new EngineError('BAD_RULES', `${path}.step: bước chấm phải dương.`, { field: path });
  const byCode = new Map<string, ScoreItem>();
  const list = items.map((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item.code !== 'string' || byCode.has(item.code))
      throw new EngineError('BAD_RULES', `${at}.code: mã thiếu hoặc trùng.`, { field: at });
    const max = toHundredths(item.maxPoints, `${at}.maxPoints`);
    if (max < 0)
      throw new EngineError('NEGATIVE', `${at}.maxPoints: điểm tối đa âm.`, { field: at });
    if (max > MAX_ITEM_HUNDREDTHS)
      throw new EngineError('TOO_LARGE', `${at}.maxPoints: điểm tối đa quá lớn.`, { field: at });
    const converted = { code: item.code, max };
    byCode.set(item.code, converted);
    return converted;
  });
  return { items: list, byCode, step: stepH, noun };
}

/**
 * A judge's total on one card, in hundredths, exact (never rounded). The card must score every
 * item of the rubric, each within 0..max, with at most two decimals and on the step, and
 * nothing else. The card's scores are read in one pass, each added to the total; a card that
 * fails is read again by `cardProblem`, which names its first problem in rubric order.
 */
function cardTotal(values: unknown, rubric: Rubric, card: CardRef): number {
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    throw refused(card, 'BAD_SCORECARD', `Phiếu của ${who(card)} không có bảng điểm.`);
  const scores = values as Record<string, unknown>;
  let total = 0;
  let read = 0;
  for (const code in scores) {
    // Cards usually list their scores in rubric order: the item at this place, else by code.
    let item: ScoreItem | undefined = rubric.items[read++];
    if (item?.code !== code) item = rubric.byCode.get(code);
    const h = item === undefined ? NaN : hundredthsOrNaN(scores[code]);
    // NaN (an item the rubric lacks, or not a number) fails every comparison.
    if (!(h >= 0 && h <= item!.max && h % rubric.step === 0))
      throw cardProblem(scores, rubric, card);
    total += h;
  }
  // Each score named a different item, so every item is there when the counts agree.
  if (read !== rubric.items.length) throw cardProblem(scores, rubric, card);
  return total;
}

/** The first problem of a refused card, item by item in rubric order, then an unknown item. */
function cardProblem(scores: Record<string, unknown>, rubric: Rubric, card: CardRef): EngineError {
  const { noun, step } = rubric;
  for (const { code, max } of rubric.items) {
    const value = scores[code];
    if (value === undefined || value === null)
      return refused(card, 'MISSING_SCORE', `Phiếu của ${who(card)} thiếu ${noun} ${code}.`, code);
    const h = hundredthsOrNaN(value);
    if (Number.isNaN(h))
      return badScore(
        card,
        rubric,
        code,
        notHundredths(value, code).code,
        `không hợp lệ: ${String(value)}.`,
      );
    if (h < 0 || h > max)
      return badScore(
        card,
        rubric,
        code,
        'SCORE_OUT_OF_RANGE',
        `(${String(value)}) ngoài khoảng 0..${max / 100}.`,
      );
    if (h % step !== 0)
      return badScore(
        card,
        rubric,
        code,
        'SCORE_STEP',
        `(${String(value)}) không phải bội số của ${step / 100}.`,
      );
  }
  const unknown = Object.keys(scores).find((key) => !rubric.byCode.has(key))!;
  const text = `Phiếu của ${who(card)} có ${noun} không có trong thể lệ: ${unknown}.`;
  return refused(card, 'UNKNOWN_CRITERION', text, unknown);
}

/** "Điểm tiêu chí novelty của giám khảo …, sản phẩm … " followed by what is wrong. */
function badScore(card: CardRef, rubric: Rubric, code: string, why: EngineErrorCode, text: string) {
  return refused(card, why, `Điểm ${rubric.noun} ${code} của ${who(card)} ${text}`, code);
}

const who = (card: CardRef) => `giám khảo ${card.judgeId}, sản phẩm ${card.entryId}`;

function refused(card: CardRef, code: EngineErrorCode, message: string, criterion?: string) {
  return new EngineError(code, message, {
    entryId: card.entryId,
    judgeId: card.judgeId,
    criterion,
  });
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
