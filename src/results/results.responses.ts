import {
  arrayOf,
  binary,
  bool,
  contestRowColumns,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  str,
  uuid,
  sha256Hex,
} from '../common/api-schema';
import { AuditCheckpointView } from '../audit/audit.responses';
import type { SideProposal } from '../engine';
import type { ResultsProblem } from './results-inputs';
import { DOCUMENT_KINDS } from './documents/results-documents.service';
import {
  allOf,
  ResultsDocumentView,
  ResultsPublicDocumentView,
} from './results-document.responses';
import type { ResultsVersionStatus } from './results-version.entity';

/**
 * What the results routes answer: the computation with its problems, the organisers'
 * decisions, the frozen versions and their verification, the public view and the downloads.
 * The results document itself is in results-document.responses.ts.
 */

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
const SIDE_KINDS = allOf<SideProposal['kind']>()(['individual', 'collective']);
const PROBLEM_CODES = allOf<ResultsProblem['code']>()([
  'FINAL_NOT_SET_UP',
  'FINAL_INCOMPLETE',
  'TIE_NEEDS_DECISION',
  'PRIZE_TIE',
  'SIDE_PRIZE_UNCONFIRMED',
  'PRIZE_SLOTS_UNASSIGNED',
  'PRELIMINARY_INCOMPLETE',
]);

const sha256 = sha256Hex('SHA-256 (hex) of the canonical JSON of the results document');

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
