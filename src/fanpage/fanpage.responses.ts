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

const Problem = object({
  code: enumOf(GRAPH_PROBLEM_CODES),
  message: str('What Facebook refused, in Vietnamese'),
  action: str('What the organisers do about it'),
  at: nullable(dateTime),
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
