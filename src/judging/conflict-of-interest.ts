import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';

/**
 * The one place that decides whether a judge may score an entry at all (both rounds):
 * never an entry of the judge's own unit, never one with a declared conflict or a recusal.
 * Returns the facts so callers can add their own round's rules (assignment, finalist).
 */
export async function assertNoConflict(
  em: EntityManager,
  contestId: string,
  judgeId: string,
  entryId: string,
) {
  const facts = await scoringFacts(em, contestId, judgeId, entryId);
  if (!facts) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
  assertFactsAllowScoring(facts);
  return { status: facts.status, assigned: facts.assigned };
}

export interface ScoringFacts {
  /** the entry's status */
  status: string;
  same_unit: boolean;
  conflict: string | null;
  assigned: boolean;
}

/**
 * The facts' columns, for any query that has the entry as `e`, its team as `t`, the judge's
 * membership as `m` (left-joined) and the judge's id as `$3`: the save path reads them in the
 * same query as the judge's card.
 */
export const SCORING_FACTS_COLUMNS = `coalesce(m.unit_id = t.unit_id, false) AS same_unit,
            (SELECT k.kind FROM judge_conflicts k WHERE k.entry_id = e.id AND k.judge_id = $3) AS conflict,
            EXISTS (SELECT 1 FROM judge_assignments a WHERE a.entry_id = e.id AND a.judge_id = $3) AS assigned`;

/** What decides whether the judge may score the entry, in one query; null: no such entry. */
export async function scoringFacts(
  em: EntityManager,
  contestId: string,
  judgeId: string,
  entryId: string,
): Promise<ScoringFacts | null> {
  const [facts]: ScoringFacts[] = await em.query(
    `SELECT e.status, ${SCORING_FACTS_COLUMNS}
       FROM entries e
       JOIN teams t ON t.id = e.team_id
       LEFT JOIN contest_members m ON m.contest_id = e.contest_id AND m.user_id = $3 AND m.role = 'judge'
      WHERE e.id = $2 AND e.contest_id = $1`,
    [contestId, entryId, judgeId],
  );
  return facts ?? null;
}

export function assertFactsAllowScoring(facts: ScoringFacts): void {
  if (facts.same_unit)
    throw DomainError.forbidden(
      'CONFLICT_OF_INTEREST',
      'Giám khảo không chấm sản phẩm của đơn vị mình.',
    );
  if (facts.conflict) {
    throw DomainError.forbidden(
      facts.conflict === 'recusal' ? 'RECUSED' : 'CONFLICT_OF_INTEREST',
      facts.conflict === 'recusal'
        ? 'Giám khảo đã xin không chấm sản phẩm này.'
        : 'Giám khảo có xung đột lợi ích với sản phẩm này.',
    );
  }
}
