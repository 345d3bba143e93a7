import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  int,
  mapOf,
  named,
  nullable,
  object,
  points,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_STATUSES } from '../contests/contest-status';

import { CONFLICT_KINDS } from './judge-conflict.entity';
import { SCORECARD_STATUSES } from './scorecard.entity';

/** A judge × entry cell: no scorecard yet (missing), or the card's status. */
const CELL_STATUSES = ['missing', ...SCORECARD_STATUSES] as const;

const cell = { judgeId: uuid, entryId: uuid, status: enumOf(CELL_STATUSES) };

export const JudgingAssignmentView = named('JudgingAssignmentView', object(cell));

export const JudgingAssignAllView = named(
  'JudgingAssignAllView',
  object({
    assignments: { ...int, description: 'Assignments of the contest after the run' },
    skippedForConflicts: int,
  }),
);

export const JudgingJudgeAssignmentsView = named(
  'JudgingJudgeAssignmentsView',
  object({ judgeId: uuid, entryIds: arrayOf(uuid) }),
);

export const JudgingConflictView = named(
  'JudgingConflictView',
  object({ judgeId: uuid, entryId: uuid, kind: enumOf(CONFLICT_KINDS), reason: str() }),
);

/** A judge's preliminary scorecard for an entry; id null and status "missing" before the first save. */
export const JudgingScorecardView = named(
  'JudgingScorecardView',
  object({
    id: nullable(uuid),
    entryId: uuid,
    judgeId: uuid,
    status: enumOf(CELL_STATUSES),
    scores: mapOf(points),
    total: nullable({ ...points, description: 'Sum of the criteria; null while one is missing' }),
    comment: str(),
    version: { ...int, description: 'Send it back with the next save/submit (0: no card yet)' },
    submittedAt: nullable(dateTime),
  }),
);

export const JudgingProgressView = named(
  'JudgingProgressView',
  object({
    judges: arrayOf(
      object({
        judgeId: uuid,
        displayName: str(),
        missing: int,
        draft: int,
        submitted: int,
      }),
    ),
    cells: arrayOf(object(cell)),
    entries: arrayOf(
      object({
        entryId: uuid,
        submitted: int,
        assigned: int,
        spread: nullable({ ...points, description: 'Highest minus lowest submitted total' }),
        outliers: arrayOf({ ...uuid, description: 'Judges 20+ points from the others’ mean' }),
      }),
    ),
    complete: bool,
  }),
);

export const JudgingCloseView = named(
  'JudgingCloseView',
  object({
    status: { ...enumOf(CONTEST_STATUSES), description: 'The contest’s new status: final' },
    incompleteScorecards: int,
  }),
);
