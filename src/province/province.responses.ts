import {
  arrayOf,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_STATUSES } from '../contests/contest-status';
import { ENTRY_STATUSES } from '../entries/entry.entity';

const AttentionItemView = named(
  'AttentionItemView',
  object({
    code: str('Stable code, e.g. ENTRIES_AWAITING_MODERATION'),
    level: enumOf(['warn', 'danger']),
    message: str('Vietnamese, with the figures'),
    section: str('Console section that deals with it: /btc/{contestId}/{section}'),
  }),
);

export const ContestYearSummaryView = named(
  'ContestYearSummaryView',
  object({
    id: uuid,
    slug: str(),
    name: str(),
    status: enumOf(CONTEST_STATUSES),
    createdAt: dateTime,
    dates: object({
      submissionDeadline: nullable(str('ISO 8601, as in the rules')),
      interactionCutoff: nullable(str()),
      judgingDeadline: nullable(str()),
    }),
    entries: object(Object.fromEntries([['total', int], ...ENTRY_STATUSES.map((s) => [s, int])])),
    teams: int,
    judges: { ...int, description: 'Active judge accounts' },
    scorecards: object({
      submitted: int,
      expected: { ...int, description: 'Assigned (judge, entry) pairs' },
    }),
    results: object({ frozen: int, published: int }),
    failedEmails: int,
    attention: arrayOf(AttentionItemView),
  }),
);

export const YearOverviewView = named(
  'YearOverviewView',
  object({
    year: int,
    years: { ...arrayOf(int), description: 'Years that have contests, newest first' },
    contests: arrayOf(ContestYearSummaryView),
  }),
);
