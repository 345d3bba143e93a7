import type { SchemaObject } from '@nestjs/swagger';
import {
  arrayOf,
  bool,
  date,
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
import type { PrizeKind, TieBreakKey } from '../engine';
import { SNAPSHOT_SOURCES } from '../interactions/interaction-snapshot.entity';

/**
 * The schema of the results document (results-document.ts), the figures every results answer
 * and every download are made of; the public view states the same lines without the judges.
 */

// The TypeScript unions have no runtime constant, so their values are listed here, checked
// against the unions at compile time both ways (a value missing or extra fails tsc).

/** Returns `list`, compiling only when it names every member of `U` and nothing else. */
export /** Returns `list`, compiling only when it names every member of `U` and nothing else. */
const allOf =
  <U extends string>() =>
  <const L extends readonly U[]>(
    list: L & (Exclude<U, L[number]> extends never ? unknown : { missing: Exclude<U, L[number]> }),
  ): L =>
    list;

const PRIZE_KINDS = allOf<PrizeKind>()(['ranked', 'certificate', 'side', 'sponsor']);
const TIE_BREAK_KEYS = allOf<TieBreakKey>()(['final', 'judges', 'interaction', 'preliminary']);

/** A property that must be absent (OpenAPI 3.0 has no `false` schema: `not {}` says it). */
const absent = (description: string): SchemaObject => ({ not: {}, description });

const ResultsContestView = named(
  'ResultsContestView',
  object({
    id: uuid,
    name: str(),
    slug: str(),
    rulesVersion: int,
    finalDate: nullable({
      ...date,
      description: 'Date of the final (Vietnam time); null when unknown',
    }),
  }),
);

const ResultsRubricItemView = named(
  'ResultsRubricItemView',
  object({ code: str(), name: str(), maxPoints: points }),
);

const aggregation: SchemaObject = {
  type: 'string',
  pattern: '^(mean|trimmedMean\\(\\d+\\))$',
  description: '"mean", or "trimmedMean(n)" with its minimum number of judges',
};

const ResultsRulesView = named(
  'ResultsRulesView',
  object(
    {
      interactionMax: points,
      judgingMax: points,
      judgingAggregation: aggregation,
      judgingNormalisation: {
        ...enumOf(['zScore', 'meanCentering']),
        description: 'Panel judging: how judges’ totals were normalised; absent: plain totals',
      },
      criteria: arrayOf(ResultsRubricItemView),
      finalMax: points,
      finalAggregation: aggregation,
      parts: arrayOf(ResultsRubricItemView),
      tieBreak: arrayOf(enumOf(TIE_BREAK_KEYS)),
    },
    {
      description: 'The rules the figures were computed with, as printed on the documents',
      optional: ['judgingNormalisation'],
    },
  ),
);

const ResultsJudgeView = named('ResultsJudgeView', object({ id: uuid, name: str() }));

const ResultsInteractionSnapshotView = named(
  'ResultsInteractionSnapshotView',
  object(
    { id: uuid, takenAt: dateTime, source: enumOf(SNAPSHOT_SOURCES) },
    { description: 'The official interaction snapshot the counts come from' },
  ),
);

const ResultsExcludedCountsView = named(
  'ResultsExcludedCountsView',
  object(
    { reactions: int, shares: int, comments: int, reason: str('The reasons, joined with "; "') },
    { description: 'Interactions subtracted (with a reason) before scoring' },
  ),
);

const ResultsInteractionView = named(
  'ResultsInteractionView',
  object({
    reactions: int,
    shares: int,
    comments: int,
    excluded: nullable(ResultsExcludedCountsView),
    raw: { ...points, description: 'Weighted raw count after exclusions' },
    points,
  }),
);

const ResultsJudgeCardView = named(
  'ResultsJudgeCardView',
  object(
    {
      judgeId: uuid,
      judgeName: str(),
      criteria: mapOf(points),
      total: points,
      normalised: {
        ...points,
        description: 'With normalisation only: the total on the common scale the mean uses',
      },
      dropped: bool,
    },
    {
      description:
        "One judge's preliminary scorecard: points per criterion code; dropped by the trimmed mean",
      optional: ['normalised'],
    },
  ),
);

const ResultsFinalCardView = named(
  'ResultsFinalCardView',
  object(
    {
      judgeId: uuid,
      judgeName: str(),
      parts: mapOf(points),
      total: points,
      dropped: bool,
    },
    { description: "One judge's final-round points per part code; dropped by the trimmed mean" },
  ),
);

const finalSummary = {
  partMeans: {
    ...mapOf(points),
    description: "Mean of the judges' points per part code (display only)",
  },
  points: nullable(points),
  trimmed: bool,
};

const ResultsFinalView = named(
  'ResultsFinalView',
  object({ cards: arrayOf(ResultsFinalCardView), ...finalSummary }),
);

const ResultsPublicFinalView = named(
  'ResultsPublicFinalView',
  object(
    {
      cards: absent("Never present: each judge's own points stay with the organisers"),
      ...finalSummary,
    },
    { optional: ['cards'] },
  ),
);

const ResultsAwardView = named(
  'ResultsAwardView',
  object({
    entryId: uuid,
    teamName: str(),
    prizeCode: str(),
    prizeName: str(),
    kind: enumOf(PRIZE_KINDS),
    amountVnd: { ...int, description: 'Whole đồng' },
    memberName: nullable(str('Individual side prize: the person honoured')),
    sponsor: nullable(str()),
  }),
);

/** What every team line states, public or not. */
const teamColumns = {
  entryId: uuid,
  teamId: uuid,
  teamNumber: int,
  teamName: str(),
  unitName: str(),
  entryName: str(),
  interaction: ResultsInteractionView,
  judgesPoints: nullable({
    ...points,
    description: 'With normalisation: the mean of the normalised totals',
  }),
  judgesRawPoints: nullable({
    ...points,
    description: 'With normalisation only: the same mean of the raw totals (absent otherwise)',
  }),
  judgesTrimmed: bool,
  preliminary: nullable(points),
  finalist: bool,
  rankingScore: nullable({ ...points, description: 'Preliminary + final; null when unranked' }),
  rank: nullable({ ...int, description: 'Null for entries not ranked (non-finalists)' }),
  tieBreakUsed: nullable(str('Label of the tie-break criterion that separated the team')),
  needsDecision: bool,
  decided: bool,
  awards: arrayOf(ResultsAwardView),
};

const ResultsTeamView = named(
  'ResultsTeamView',
  object(
    {
      ...teamColumns,
      judgeCards: arrayOf(ResultsJudgeCardView),
      final: nullable(ResultsFinalView),
    },
    { optional: ['judgesRawPoints'] },
  ),
);

const ResultsPublicTeamView = named(
  'ResultsPublicTeamView',
  object(
    {
      ...teamColumns,
      judgeCards: absent("Never present: each judge's own marks stay with the organisers"),
      final: nullable(ResultsPublicFinalView),
    },
    { optional: ['judgeCards', 'judgesRawPoints'] },
  ),
);

const ResultsTieDecisionLineView = named(
  'ResultsTieDecisionLineView',
  object({
    entryIds: arrayOf(uuid),
    reason: str(),
    decidedBy: str("The organiser's display name"),
    decidedAt: dateTime,
  }),
);

const ResultsPrizesView = named(
  'ResultsPrizesView',
  object(
    {
      awards: arrayOf(ResultsAwardView),
      totalVnd: { ...int, description: 'Exact sum of every award, whole đồng' },
      unassignedSlots: arrayOf(object({ prizeCode: str(), prizeName: str(), count: int })),
      notAwarded: {
        ...arrayOf(object({ prizeCode: str(), prizeName: str(), reason: str() })),
        description: "Side prizes not awarded, with the organisers' reason; absent when none",
      },
    },
    { optional: ['notAwarded'] },
  ),
);

const documentColumns = {
  format: enumOf([1]),
  contest: ResultsContestView,
  rules: ResultsRulesView,
  interactionSnapshot: nullable(ResultsInteractionSnapshotView),
  tieDecisions: arrayOf(ResultsTieDecisionLineView),
  prizes: ResultsPrizesView,
};

export const ResultsDocumentView = named(
  'ResultsDocumentView',
  object({
    ...documentColumns,
    judges: arrayOf(ResultsJudgeView),
    teams: arrayOf(ResultsTeamView),
  }),
);

export const ResultsPublicDocumentView = named(
  'ResultsPublicDocumentView',
  object(
    {
      ...documentColumns,
      judges: absent('Never present in the public view'),
      teams: arrayOf(ResultsPublicTeamView),
    },
    { optional: ['judges'] },
  ),
);
