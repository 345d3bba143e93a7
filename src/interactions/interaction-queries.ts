import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { formatDateTimeVi } from '../formats';
import type { ContestStatus } from '../contests/contest-status';
import type { Contest } from '../contests/contest.entity';
import { IsNull } from 'typeorm';
import { InteractionExclusion } from './interaction-exclusion.entity';
import type { Counts, EntryKey } from './match-rows';
import { sumExclusions } from './sum-exclusions';
import { isInFuture } from './reading-time';

/**
 * Published entries with their team number and post address: plain rows already shaped as
 * EntryKey (no entity hydration, no second copy of 10.000 objects).
 */
export async function publishedEntries(em: EntityManager, contestId: string): Promise<EntryKey[]> {
  return em.query(
    `SELECT e.id AS "entryId", t.number AS "teamNumber", e.post_url AS "postUrl"
       FROM entries e JOIN teams t ON t.id = e.team_id
      WHERE e.contest_id = $1 AND e.status = 'published'
      ORDER BY t.number`,
    [contestId],
  );
}

export async function activeExclusions(
  em: EntityManager,
  contestId: string,
): Promise<Map<string, Counts>> {
  const rows = await em
    .getRepository(InteractionExclusion)
    .find({ where: { contestId, withdrawnAt: IsNull() } });
  return sumExclusions(rows);
}

/** Counts are imported while entries are published and during judging, not before or after. */
const IMPORT_PHASES: ContestStatus[] = ['published', 'judging'];

export function assertImportPhase(contest: Contest) {
  if (!IMPORT_PHASES.includes(contest.status)) {
    throw DomainError.conflict(
      'IMPORT_CLOSED',
      'Chỉ nhập lượt tương tác sau khi đăng tải và trong thời gian chấm.',
      'status',
      {
        contestStatus: contest.status,
      },
    );
  }
}

/** The time sent with an import or a form: not more than 5 minutes after the server's clock. */
export function assertNotInFuture(takenAt: string, now: Date) {
  if (isInFuture(new Date(takenAt), now))
    throw DomainError.invalid(
      'TAKEN_AT_IN_FUTURE',
      `Thời điểm lấy số liệu ${formatDateTimeVi(new Date(takenAt))} ở trong tương lai (giờ máy chủ: ${formatDateTimeVi(now)}). Kiểm tra lại ngày giờ.`,
      'takenAt',
    );
}
