import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import type { ContestStatus } from '../contests/contest-status';
import type { Contest } from '../contests/contest.entity';
import { InteractionExclusion } from './interaction-exclusion.entity';
import type { EntryKey } from './match-rows';

export interface PublishedEntry extends EntryKey {
  teamName: string;
  entryName: string;
  /** The team withdrew: its counts are still read and stored, but it is not scored. */
  withdrawn: boolean;
}

/** The published entries with their team, by team number: plain rows, no entities. */
export function publishedEntries(em: EntityManager, contestId: string): Promise<PublishedEntry[]> {
  return em.query(
    `SELECT e.id AS "entryId", t.number AS "teamNumber", e.post_url AS "postUrl",
            t.name AS "teamName", e.name AS "entryName", t.status = 'withdrawn' AS withdrawn
       FROM entries e JOIN teams t ON t.id = e.team_id
      WHERE e.contest_id = $1 AND e.status = 'published'
      ORDER BY t.number`,
    [contestId],
  );
}

/** Every exclusion of the contest, withdrawn ones included, oldest first. */
export const exclusionsOf = (em: EntityManager, contestId: string) =>
  em
    .getRepository(InteractionExclusion)
    .find({ where: { contestId }, order: { createdAt: 'ASC' } });

export const isActive = (exclusion: InteractionExclusion) => !exclusion.withdrawnAt;

/** An entry that is not a published entry of the contest (`field`: where it was named). */
export const unknownEntry = (field: string) =>
  DomainError.invalid(
    'UNKNOWN_ENTRY',
    'Sản phẩm không thuộc hội thi hoặc chưa được đăng tải.',
    field,
  );

/** Counts are imported while entries are published and during judging, not before or after. */
const IMPORT_PHASES: ContestStatus[] = ['published', 'judging'];

export function assertImportPhase(contest: Contest) {
  if (!IMPORT_PHASES.includes(contest.status)) {
    throw DomainError.conflict(
      'IMPORT_CLOSED',
      'Chỉ nhập lượt tương tác sau khi đăng tải và trong thời gian chấm.',
      'status',
      { contestStatus: contest.status },
    );
  }
}
