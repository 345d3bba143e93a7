import { toHundredths } from './decimal';
import { EngineError } from './errors';
import type { Rubric } from './rubric';
import type { CardRef } from './card-runs';

export function duplicateCard(card: CardRef): EngineError {
  return new EngineError(
    'DUPLICATE_SCORECARD',
    `Giám khảo ${card.judgeId} có hai phiếu chấm cho sản phẩm ${card.entryId}.`,
    { entryId: card.entryId, judgeId: card.judgeId },
  );
}

export function unknownEntry(card: CardRef): EngineError {
  return new EngineError(
    'UNKNOWN_ENTRY',
    `Phiếu chấm của giám khảo ${String(card.judgeId)} cho sản phẩm không có trong danh sách: ${String(card.entryId)}.`,
    { entryId: String(card.entryId), judgeId: String(card.judgeId) },
  );
}

/** The careful path for a card the fast path refused: finds and names the first problem. */
export function explainCard(card: CardRef, input: unknown, rubric: Rubric): EngineError {
  const who = `giám khảo ${card.judgeId}, sản phẩm ${card.entryId}`;
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return new EngineError('BAD_SCORECARD', `Phiếu của ${who} không có bảng điểm.`, {
      entryId: card.entryId,
      judgeId: card.judgeId,
    });
  const values = input as Record<string, unknown>;
  const at = (criterion: string) => ({ entryId: card.entryId, judgeId: card.judgeId, criterion });
  for (const item of rubric.items) {
    const raw = values[item.code];
    const where = at(item.code);
    if (raw === undefined || raw === null)
      return new EngineError(
        'MISSING_SCORE',
        `Phiếu của ${who} thiếu ${rubric.noun} ${item.code}.`,
        where,
      );
    let h: number;
    try {
      h = toHundredths(raw as number | string, item.code);
    } catch (error) {
      const code = error instanceof EngineError ? error.code : 'NOT_A_NUMBER';
      return new EngineError(
        code,
        `Điểm ${rubric.noun} ${item.code} của ${who} không hợp lệ: ${String(raw)}.`,
        where,
      );
    }
    if (h < 0 || h > item.max) {
      return new EngineError(
        'SCORE_OUT_OF_RANGE',
        `Điểm ${rubric.noun} ${item.code} của ${who} (${String(raw)}) ngoài khoảng 0..${item.max / 100}.`,
        where,
      );
    }
    if (h % rubric.step !== 0) {
      return new EngineError(
        'SCORE_STEP',
        `Điểm ${rubric.noun} ${item.code} của ${who} (${String(raw)}) không phải bội số của ${rubric.step / 100}.`,
        where,
      );
    }
  }
  for (const key in values) {
    if (!rubric.items.some((item) => item.code === key))
      return new EngineError(
        'UNKNOWN_CRITERION',
        `Phiếu của ${who} có ${rubric.noun} không có trong thể lệ: ${key}.`,
        at(key),
      );
  }
  return new EngineError('BAD_SCORECARD', `Phiếu của ${who} không hợp lệ.`, {
    entryId: card.entryId,
    judgeId: card.judgeId,
  });
}
