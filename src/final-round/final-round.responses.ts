import {
  arrayOf,
  bool,
  contestRowColumns,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  num,
  object,
  points,
  str,
  uuid,
} from '../common/api-schema';

import { SCORECARD_STATUSES as PART_SCORECARD_STATUSES } from '../judging/scorecard.entity';
import { NOMINATION_KINDS } from './nomination.entity';

/** A part of the final as the contest rules define it (rules.final.parts[]). */
export const FinalPartView = named(
  'FinalPartView',
  object(
    {
      code: str(),
      name: str(),
      maxPoints: num,
      timeLimitSeconds: int,
    },
    { optional: ['timeLimitSeconds'] },
  ),
);

/** The live stage that judges' tablets and the organiser console follow. */
export const FinalStateView = named(
  'FinalStateView',
  object({
    version: { ...int, description: 'Send it back with the next live/reveal change' },
    order: arrayOf({ ...uuid, description: 'Finalist entry ids in order of appearance' }),
    drawSeed: nullable(str('Seed the order was drawn from; null: set by the organiser')),
    pairing: arrayOf(
      object({ asker: uuid, answerer: uuid }, { description: 'Debate pair (entry ids)' }),
    ),
    revealedParts: arrayOf(str('"entryId|partCode" revealed on the live board')),
    rankingRevealed: bool,
    current: object({
      entryId: nullable(uuid),
      partCode: nullable(str()),
      part: nullable(FinalPartView),
    }),
    timer: object({
      running: bool,
      startedAt: nullable(dateTime),
      elapsedMs: {
        ...int,
        description: 'Elapsed at the time of the answer, running time included',
      },
      limitSeconds: nullable(int),
    }),
  }),
);

/** One judge's score for one part of one finalist. */
export const FinalPartScorecardView = named(
  'FinalPartScorecardView',
  object({
    id: uuid,
    entryId: uuid,
    judgeId: uuid,
    partCode: str(),
    points,
    status: enumOf(PART_SCORECARD_STATUSES),
    version: int,
    submittedAt: nullable(dateTime),
  }),
);

export const FinalNominationView = named(
  'FinalNominationView',
  object({
    ...contestRowColumns,
    judgeId: uuid,
    kind: enumOf(NOMINATION_KINDS),
    partCode: str(),
    entryId: uuid,
    memberId: nullable({ ...uuid, description: 'The team member nominated (individual prize)' }),
  }),
);

/** Final score per finalist, in order of appearance. */
export const FinalScoreView = named(
  'FinalScoreView',
  object({
    entryId: uuid,
    points: nullable({ ...points, description: 'null while incomplete' }),
    complete: bool,
    judgesCounted: int,
    trimmed: bool,
  }),
);

/** One prize as the ceremony announces it (ceremony-order.ts). */
export const CeremonyAwardView = named(
  'CeremonyAwardView',
  object({
    prizeName: str(),
    kind: enumOf(['ranked', 'side', 'sponsor']),
    teamNumber: int,
    teamName: str(),
    unitName: str(),
    entryName: str(),
    rankingScore: nullable(points),
    memberName: nullable(str('Individual side prize: the person honoured')),
    sponsor: nullable(str()),
  }),
);

/** The organiser's view of the award ceremony: every prize in the order it is announced. */
export const CeremonyView = named(
  'CeremonyView',
  object({
    version: { ...int, description: 'Live-state version: send it back with the next action' },
    running: bool,
    revealed: { ...int, description: 'How many of `awards` are on the board (from the start)' },
    awards: arrayOf(CeremonyAwardView),
  }),
);
