import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import type { ResultsVersion } from './results-version.entity';

/** Results are worked on from the final round on, and corrected after publication. */
const RESULTS_STATUSES = ['final', 'results_published'];

export function assertResultsPhase(contest: Contest) {
  if (!RESULTS_STATUSES.includes(contest.status))
    throw DomainError.conflict(
      'NOT_IN_RESULTS_PHASE',
      'Kết quả chỉ được tính từ vòng chung khảo trở đi.',
      'status',
      { contestStatus: contest.status },
    );
}

export function assertNoPendingVersion(pending: ResultsVersion | null) {
  if (pending)
    throw DomainError.conflict(
      'VERSION_PENDING_APPROVAL',
      `Phiên bản ${pending.version} đang chờ phê duyệt: hãy phê duyệt hoặc từ chối trước.`,
      'version',
      { version: pending.version },
    );
}
