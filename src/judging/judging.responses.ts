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
import { PANEL_PLAN_STATUSES } from './panel-plan.entity';
import { SCORECARD_STATUSES } from './scorecard.entity';

/** A judge × entry cell: no scorecard yet (missing), or the card's status. */
const CELL_STATUSES = ['missing', ...SCORECARD_STATUSES] as const;

const cell = { judgeId: uuid, entryId: uuid, status: enumOf(CELL_STATUSES) };

export const JudgingAssignmentView = named(
  'JudgingAssignmentView',
  object({
    ...cell,
    version: nullable({
      ...int,
      description:
        'The scorecard’s version (null before its first save): a tablet compares it with its own',
    }),
  }),
);

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
    cells: arrayOf(
      object({
        ...cell,
        total: nullable({
          ...points,
          description: 'The submitted card’s total (null: not submitted), shown on demand',
        }),
      }),
    ),
    entries: arrayOf(
      object({
        entryId: uuid,
        submitted: int,
        assigned: int,
        spread: nullable({ ...points, description: 'Highest minus lowest submitted total' }),
        outliers: arrayOf({
          ...uuid,
          description: 'Judges 20+ points from the median of the others’ totals',
        }),
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

const pair = object({ judgeId: uuid, entryId: uuid });

const PanelChangesView = named(
  'JudgingPanelChangesView',
  object(
    {
      added: { ...int, description: 'Assignments the plan adds' },
      removed: { ...int, description: 'Assignments the plan takes away (no submitted card)' },
      kept: {
        ...arrayOf(pair),
        description: 'Pairs the plan leaves out whose judge already submitted: they stay',
      },
      draftsLeft: {
        ...int,
        description: 'Removed pairs with a draft card (kept stored, no longer counted)',
      },
      blocked: {
        ...arrayOf(pair),
        description: 'Plan pairs with a declared conflict or a recusal: not written',
      },
    },
    { description: 'What committing the plan does to the stored assignments' },
  ),
);

const panelPlanColumns = {
  id: uuid,
  status: enumOf(PANEL_PLAN_STATUSES),
  panelSize: { ...int, description: 'k: judges per entry' },
  seed: str('Chosen by the server and recorded: the same inputs and seed give the same plan'),
  createdAt: dateTime,
  committedAt: nullable(dateTime),
  judges: arrayOf(
    object({
      judgeId: uuid,
      displayName: str(),
      unitName: nullable(str()),
      entries: { ...int, description: 'Load: entries this judge scores' },
    }),
  ),
  loadSpread: { ...int, description: 'Highest load minus lowest' },
  balanced: { ...bool, description: 'Loads differ by at most one' },
  maxPairCount: { ...int, description: 'Panels shared by the most frequent pair of judges' },
  idealPairCount: { ...int, description: 'The least that maximum can be' },
  panels: arrayOf(
    object({
      entryId: uuid,
      teamNumber: int,
      teamName: str(),
      unitName: str(),
      judgeIds: arrayOf(uuid),
    }),
  ),
  changes: nullable(PanelChangesView),
};

export const JudgingPanelPlanView = named('JudgingPanelPlanView', object(panelPlanColumns));

export const JudgingPanelsView = named(
  'JudgingPanelsView',
  object({
    mode: { ...enumOf(['all', 'panels']), description: 'all: every judge scores every entry' },
    plan: nullable(JudgingPanelPlanView),
  }),
);

export const JudgingPanelCommitView = named(
  'JudgingPanelCommitView',
  object({
    ...panelPlanColumns,
    assignments: { ...int, description: 'Assignments of the contest after the commit' },
  }),
);

const progressCounts = { missing: int, draft: int, submitted: int };

export const JudgingProgressListView = named(
  'JudgingProgressListView',
  object({
    mode: enumOf(['all', 'panels']),
    panelSize: nullable(int),
    items: arrayOf(
      object({
        entryId: uuid,
        teamNumber: int,
        teamName: str(),
        unitName: str(),
        entryName: str(),
        judges: arrayOf(
          object({
            judgeId: uuid,
            displayName: str(),
            status: enumOf(CELL_STATUSES),
            total: nullable(points),
            outlier: bool,
          }),
        ),
        assigned: int,
        submitted: int,
        spread: nullable(points),
        outliers: arrayOf({
          ...uuid,
          description: 'Judges 20+ points from the median of the rest of the panel',
        }),
      }),
    ),
    total: { ...int, description: 'Entries matching the search and filters' },
    page: int,
    limit: int,
    counts: object(
      { all: int, complete: int, incomplete: int, outliers: int },
      { description: 'Entries per state, over the whole contest' },
    ),
    judges: arrayOf(object({ judgeId: uuid, displayName: str(), ...progressCounts })),
  }),
);
