import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';

/** Stage, part scorecards and nominations change only while the contest is in its final. */
export function assertFinal(contest: Contest) {
  if (contest.status !== 'final') {
    throw DomainError.conflict('NOT_IN_FINAL', 'Hội thi không ở vòng chung khảo.', 'status', {
      contestStatus: contest.status,
    });
  }
}
