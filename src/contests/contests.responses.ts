import {
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  rowColumns,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_STATUSES } from './contest-status';
import { ContestRulesSchema } from './rules.schema';

/** The rules document: its values are validated by the engine (ContestRules). */
const rulesDocument = ContestRulesSchema;

export const ContestView = named(
  'ContestView',
  object({
    ...rowColumns,
    slug: str('Short URL-safe name for public pages'),
    name: str(),
    description: str(),
    status: enumOf(CONTEST_STATUSES),
    fanpageUrl: nullable(str()),
    finalAt: nullable(dateTime),
    finalVenue: nullable(str()),
    rules: rulesDocument,
    rulesVersion: int,
    version: { ...int, description: 'Row version, for optimistic locking (PATCH `version`)' },
  }),
);

export const ContestRulesView = named(
  'ContestRulesView',
  object({
    rulesVersion: int,
    locked: { ...bool, description: 'Judging has started: changes only by amendment' },
    rules: rulesDocument,
  }),
);

export const RulesVersionView = named(
  'RulesVersionView',
  object({
    id: uuid,
    contestId: uuid,
    version: int,
    rules: rulesDocument,
    kind: enumOf(['initial', 'edit', 'amendment']),
    reason: nullable(str()),
    createdBy: nullable(uuid),
    createdAt: dateTime,
  }),
);
