import { DomainError, type ErrorDetail } from '../common/domain-error';
import { EngineError } from '../engine';
import { assignPanels, type PanelPerson } from '../engine';

/**
 * Drawing a panel plan (panels.service.ts): the checks before the engine draws, each refusal
 * a domain error the organiser can act on, then engine/panels.ts.
 */

/** Panels can be planned and changed until the preliminary round is closed. */
const PLANNABLE = ['registration', 'submission', 'moderation', 'published', 'judging'];

export function assertPlannable(status: string) {
  if (!PLANNABLE.includes(status))
    throw DomainError.conflict(
      'JUDGING_CLOSED',
      'Vòng sơ khảo đã kết thúc: không thể lập hay đổi phân công tiểu ban.',
      'status',
      { contestStatus: status },
    );
}

/**
 * Refuses, before drawing, when some unit's entries have fewer than k judges of the pool
 * outside that unit: one detail per such unit, named, so the organiser knows whom to add.
 */
export function refuseShortUnits(
  entries: PanelPerson[],
  pool: PanelPerson[],
  k: number,
  unitName: Map<string, string>,
) {
  if (!Number.isSafeInteger(k) || k < 1 || k > pool.length)
    throw DomainError.invalid(
      'BAD_PANEL_SIZE',
      `Số giám khảo mỗi sản phẩm phải từ 1 đến ${pool.length} (số giám khảo được chọn).`,
      'k',
    );
  const details: ErrorDetail[] = [];
  for (const unitId of new Set(entries.map((e) => e.unitId))) {
    if (unitId === null) continue;
    const outside = pool.filter((j) => j.unitId !== unitId).length;
    if (outside < k)
      details.push({
        field: 'judgeIds',
        code: 'NOT_ENOUGH_JUDGES',
        message: `Không đủ giám khảo ngoài đơn vị "${unitName.get(unitId) ?? unitId}": có ${outside}, cần ${k}.`,
      });
  }
  if (details.length)
    throw new DomainError('invalid', 'NOT_ENOUGH_JUDGES', details[0]!.message, details);
}

export function draw(entries: PanelPerson[], pool: PanelPerson[], k: number, seed: string) {
  if (!entries.length)
    throw DomainError.conflict(
      'NO_ENTRIES',
      'Chưa có sản phẩm nào được duyệt để phân công chấm.',
      'entries',
    );
  try {
    return assignPanels(entries, pool, k, seed);
  } catch (error) {
    // refuseShortUnits catches what the engine would refuse; this is the safety net
    if (error instanceof EngineError)
      throw DomainError.invalid(
        error.code,
        error.message,
        error.code === 'BAD_PANEL' ? 'k' : 'judgeIds',
      );
    throw error;
  }
}
