import type { SchemaObject } from '@nestjs/swagger';
import {
  arrayOf,
  binary,
  bool,
  contestRowColumns,
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
import { AuditCheckpointView } from '../audit/audit.responses';
import type { PrizeKind, SideProposal, TieBreakKey } from '../engine';
import { SNAPSHOT_SOURCES } from '../interactions/interaction-snapshot.entity';
import type { ResultsProblem } from './build-results';
import { DOCUMENT_KINDS } from './documents/results-documents.service';
import type { ResultsVersionStatus } from './results-version.entity';

// ---- value lists: the TypeScript unions have no runtime constant, so they are listed here,
// checked against the unions at compile time both ways (a value missing or extra fails tsc).

/** Returns `list`, compiling only when it names every member of `U` and nothing else. */
const allOf =
  <U extends string>() =>
  <const L extends readonly U[]>(
    list: L & (Exclude<U, L[number]> extends never ? unknown : { missing: Exclude<U, L[number]> }),
  ): L =>
    list;

const VERSION_STATUSES = allOf<ResultsVersionStatus>()([
  'frozen',
  'published',
  'superseded',
  'rejected',
]);
/** The public side only ever shows these. */
const PUBLIC_VERSION_STATUSES = [
  'published',
  'superseded',
] as const satisfies readonly ResultsVersionStatus[];
const PRIZE_KINDS = allOf<PrizeKind>()(['ranked', 'certificate', 'side', 'sponsor']);
const SIDE_KINDS = allOf<SideProposal['kind']>()(['individual', 'collective']);
const TIE_BREAK_KEYS = allOf<TieBreakKey>()(['final', 'judges', 'interaction', 'preliminary']);
const PROBLEM_CODES = allOf<ResultsProblem['code']>()([
  'FINAL_NOT_SET_UP',
  'FINAL_INCOMPLETE',
  'TIE_NEEDS_DECISION',
  'PRIZE_TIE',
  'SIDE_PRIZE_UNCONFIRMED',
  'PRIZE_SLOTS_UNASSIGNED',
]);

/** SHA-256, lowercase hex (the database checks the same pattern). */
const sha256: SchemaObject = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 (hex) of the canonical JSON of the results document',
};

/** A property that must be absent (OpenAPI 3.0 has no `false` schema: `not {}` says it). */
const absent = (description: string): SchemaObject => ({ not: {}, description });

// ---- the results document (results-document.ts) ------------------------------------------

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

// ---- computation -------------------------------------------------------------------------

const ResultsProblemView = named(
  'ResultsProblemView',
  object({
    code: enumOf(PROBLEM_CODES),
    blocking: bool,
    message: str(),
    entryIds: arrayOf(uuid),
  }),
);

const ResultsSidePrizeProposalView = named(
  'ResultsSidePrizeProposalView',
  object({
    prizeCode: str(),
    kind: enumOf(SIDE_KINDS),
    candidates: arrayOf(
      object({ entryId: uuid, memberId: uuid, nominations: int }, { optional: ['memberId'] }),
    ),
    tie: bool,
  }),
);

export const ResultsComputationView = named(
  'ResultsComputationView',
  object({
    document: ResultsDocumentView,
    problems: arrayOf(ResultsProblemView),
    sidePrizeProposals: arrayOf(ResultsSidePrizeProposalView),
    sources: object(
      {
        interactionSnapshotId: nullable(uuid),
        scorecards: arrayOf(object({ id: uuid, entryId: uuid, judgeId: uuid })),
        partScorecards: arrayOf(
          object({ id: uuid, entryId: uuid, judgeId: uuid, partCode: str() }),
        ),
      },
      { description: 'The official snapshot and every submitted scorecard counted' },
    ),
  }),
);

// ---- decisions ---------------------------------------------------------------------------

export const ResultsTieDecisionView = named(
  'ResultsTieDecisionView',
  object({
    ...contestRowColumns,
    entryIds: arrayOf(uuid),
    reason: str(),
    decidedBy: uuid,
    decidedByName: str(),
  }),
);

const ResultsAwardInputView = named(
  'ResultsAwardInputView',
  object({ prizeCode: str(), entryId: uuid, memberId: uuid }, { optional: ['memberId'] }),
);

export const ResultsAwardsView = named(
  'ResultsAwardsView',
  object({
    side: arrayOf(ResultsAwardInputView),
    sponsor: arrayOf(ResultsAwardInputView),
    notAwarded: arrayOf(object({ prizeCode: str(), reason: str() })),
  }),
);

// ---- versions ----------------------------------------------------------------------------

const versionMeta = {
  version: int,
  fingerprint: sha256,
  frozenAt: dateTime,
  publishedAt: nullable(dateTime),
  correctionReason: nullable(str('Version N+1 after publication: why it was corrected')),
  auditCheckpoint: nullable(AuditCheckpointView),
};

const versionColumns = {
  ...versionMeta,
  frozenBy: str('Display name of the organiser who froze it'),
  approvedBy: nullable(str('Display name of the organiser who approved it')),
  rejectionReason: nullable(str()),
};

export const ResultsVersionView = named(
  'ResultsVersionView',
  object({ ...versionColumns, status: enumOf(VERSION_STATUSES) }),
);

/** The organisers' list of versions: the public one plus whether the reader froze it. */
export const ResultsVersionDeskView = named(
  'ResultsVersionDeskView',
  object({
    ...versionColumns,
    status: enumOf(VERSION_STATUSES),
    frozenByYou: bool,
  }),
);

export const ResultsVersionDetailView = named(
  'ResultsVersionDetailView',
  object({ ...versionColumns, status: enumOf(VERSION_STATUSES), document: ResultsDocumentView }),
);

export const ResultsVerifyView = named(
  'ResultsVerifyView',
  object({
    version: int,
    fingerprint: sha256,
    recomputedFingerprint: sha256,
    matches: bool,
    storedDocumentMatches: {
      ...bool,
      description: 'The stored document still hashes to its fingerprint',
    },
  }),
);

// ---- public ------------------------------------------------------------------------------

export const ResultsPublicVersionView = named(
  'ResultsPublicVersionView',
  object({ ...versionColumns, status: enumOf(PUBLIC_VERSION_STATUSES) }),
);

export const ResultsPublicView = named(
  'ResultsPublicView',
  object({
    ...versionMeta,
    status: enumOf(PUBLIC_VERSION_STATUSES),
    document: ResultsPublicDocumentView,
  }),
);

// ---- downloads ---------------------------------------------------------------------------

/** The media types of the downloadable documents (results.xlsx is for organisers only). */
function documentContent(audience: 'organiser' | 'public') {
  const types = new Set(
    Object.values(DOCUMENT_KINDS)
      .filter((spec) => audience === 'organiser' || spec.public)
      .map((spec) => spec.contentType.split(';')[0]!),
  );
  return Object.assign({}, ...[...types].map((type) => binary(type))) as ReturnType<typeof binary>;
}

export const organiserDocumentContent = documentContent('organiser');
export const publicDocumentContent = documentContent('public');
