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
  str,
  uuid,
} from '../common/api-schema';
import { GRAPH_PROBLEM_CODES } from './graph-problems';
import { TOKEN_WARNING_CODES, TOKEN_WARNING_DAYS } from './token-warning';

const Problem = object({
  code: enumOf(GRAPH_PROBLEM_CODES),
  message: str('What Facebook refused, in Vietnamese'),
  action: str('What the organisers do about it'),
  at: nullable(dateTime),
});

const TokenWarning = object({
  code: enumOf(TOKEN_WARNING_CODES),
  message: str('In Vietnamese, with the expiry as dd/mm/yyyy hh:mm'),
  action: str('What the organisers do about it'),
  expiresAt: nullable(dateTime),
});

/** The connection as organisers see it: never the token. */
export const FanpageConnectionView = named(
  'FanpageConnectionView',
  object(
    {
      connected: bool,
      interactionCutoff: nullable(str('The official time of the counts (ISO 8601)')),
      pageId: str(),
      pageName: str(),
      apiVersion: str('e.g. v23.0'),
      tokenExpiresAt: nullable({ ...dateTime, description: 'null: never, or not known' }),
      tokenExpiryKnown: bool,
      tokenWarning: nullable({
        ...TokenWarning,
        description: `The token expires within ${TOKEN_WARNING_DAYS} days, has expired, or Facebook refused it (error 190)`,
      }),
      intervalMinutes: nullable(int),
      cutoffRetryMinutes: int,
      connectedAt: dateTime,
      connectedByName: nullable(str('Display name')),
      nextReadingAt: nullable(dateTime),
      problem: nullable(Problem),
    },
    {
      optional: [
        'pageId',
        'pageName',
        'apiVersion',
        'tokenExpiresAt',
        'tokenExpiryKnown',
        'tokenWarning',
        'intervalMinutes',
        'cutoffRetryMinutes',
        'connectedAt',
        'connectedByName',
        'nextReadingAt',
        'problem',
      ],
      description: 'With connected false, only interactionCutoff is given',
    },
  ),
);

export const FanpageReadingView = named(
  'FanpageReadingView',
  object({
    id: uuid,
    scheduledAt: dateTime,
    kind: enumOf(['scheduled', 'cutoff', 'manual']),
    status: enumOf(['done', 'failed', 'retrying', 'missed']),
    attempts: int,
    readAt: nullable(dateTime),
    nextAttemptAt: nullable(dateTime),
    snapshotId: nullable(uuid),
    responsesSha256: nullable(str('SHA-256 of the raw answers (GET …/evidence), hex')),
    unread: arrayOf(
      object({
        entryId: uuid,
        teamNumber: int,
        teamName: str(),
        problemCode: enumOf(GRAPH_PROBLEM_CODES),
        reason: str(),
      }),
    ),
    problemCode: nullable(
      str('One of the problem codes (see the problem of FanpageConnectionView)'),
    ),
    problemMessage: nullable(str()),
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
);

/** One answer of Facebook as received (GET …/readings/{id}/evidence is a list of them). */
export const FanpageAnswerView = named(
  'FanpageAnswerView',
  object({
    request: str('The request without its access token'),
    status: int,
    usage: mapOf(str()),
    body: str('The answer body, byte for byte'),
  }),
);
