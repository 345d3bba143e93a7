// Shapes of the organiser API answers the console reads (see src/*/*.controller.ts). Pure
// types shared with the server are imported as types only (no server code in the bundle).
import type { ContestRules } from '../../../../src/engine/rules';
import type { SideProposal } from '../../../../src/engine/side-prizes';
import type { ResultsProblem } from '../../../../src/results/build-results';
import type {
  AwardLine,
  ResultsDocument,
  TeamResult,
} from '../../../../src/results/results-document';
import type { ContestStatus } from '../../../../src/contests/contest-status';

export type { AwardLine, ContestRules, ContestStatus, ResultsDocument, ResultsProblem, TeamResult };
export type { SideProposal };

export interface Contest {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: ContestStatus;
  fanpageUrl: string | null;
  rules: ContestRules;
  rulesVersion: number;
  version: number;
  createdAt: string;
}

export interface FileSummary {
  id: string;
  originalName: string;
  size: number;
  mime: string | null;
  detectedType: string | null;
  sha256: string | null;
  durationSeconds: number | null;
}

export type EntryStatus =
  'draft' | 'submitted' | 'returned' | 'resubmitted' | 'approved' | 'published';

export interface Entry {
  id: string;
  teamId: string;
  teamNumber: number;
  teamName: string;
  status: EntryStatus;
  name: string;
  context: string;
  implementation: string;
  benefits: string;
  category: string;
  originalityDeclaredAt: string | null;
  returnReasons: string[];
  duplicateFlag: string | null;
  postUrl: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  video: FileSummary | null;
  outline: FileSummary | null;
  version: number;
}

export interface ModerationItem extends Entry {
  checklist: {
    videoReady: boolean;
    outlineReady: boolean;
    infoComplete: boolean;
    missing: string[];
    originalityDeclared: boolean;
    withinLength: boolean | null;
    duplicateFlag: string | null;
    sameFileAs: { entryId: string; teamNumber: number; kind: 'video' | 'outline' }[];
  };
}

export interface RowIssue {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportPreview {
  headerLine: number;
  matched: {
    line: number;
    entryId: string;
    teamNumber: number;
    reactions: number;
    shares: number;
    comments: number;
  }[];
  unmatched: { line: number; value: string }[];
  errors: RowIssue[];
  warnings: RowIssue[];
  fileSha256: string;
  source: string;
  takenAt: string;
  canCommit: boolean;
  points: { entryId: string; teamNumber: number; raw: number; points: string; rank: number }[];
  existingSnapshotId: string | null;
}

export interface ImportCommit {
  snapshotId: string;
  created: boolean;
  rows?: number;
  unmatched?: number;
  warnings?: RowIssue[];
}

export interface Counts {
  reactions: number;
  shares: number;
  comments: number;
}

export interface Snapshot {
  id: string;
  takenAt: string;
  source: string;
  fileSha256: string;
  fileName: string | null;
  rowCount: number;
  createdAt: string;
  official: boolean;
}

export interface Exclusion extends Counts {
  id: string;
  entryId: string;
  reason: string;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface Standings {
  officialSnapshot: { id: string; takenAt: string; source: string } | null;
  interactionCutoff: string | null;
  snapshots: Snapshot[];
  entries: {
    entryId: string;
    teamNumber: number;
    counts: Counts | null;
    excluded: Counts | null;
    raw: number;
    points: string;
    rank: number;
    flags: { snapshotId: string; kind: 'burst' | 'round_number' | 'drop'; message: string }[];
    exclusions: Exclusion[];
  }[];
}

export interface HistorySeries {
  entryId: string;
  teamNumber: number;
  series: ({ snapshotId: string; takenAt: string } & Counts)[];
}

export interface Progress {
  judges: {
    judgeId: string;
    displayName: string;
    missing: number;
    draft: number;
    submitted: number;
  }[];
  cells: { judgeId: string; entryId: string; status: 'missing' | 'draft' | 'submitted' }[];
  entries: {
    entryId: string;
    submitted: number;
    assigned: number;
    spread: string | null;
    outliers: string[];
  }[];
  complete: boolean;
}

export interface FinalPart {
  code: string;
  name: string;
  maxPoints: number;
  timeLimitSeconds?: number;
}

export interface FinalView {
  version: number;
  order: string[];
  drawSeed: string | null;
  pairing: { asker: string; answerer: string }[];
  revealedParts: string[];
  rankingRevealed: boolean;
  current: { entryId: string | null; partCode: string | null; part: FinalPart | null };
  timer: {
    running: boolean;
    startedAt: string | null;
    elapsedMs: number;
    limitSeconds: number | null;
  };
}

export interface FinalScore {
  entryId: string;
  points: string | null;
  complete: boolean;
  judgesCounted: number;
  trimmed: boolean;
}

export interface ResultsComputation {
  document: ResultsDocument;
  problems: ResultsProblem[];
  sidePrizeProposals: SideProposal[];
  sources: {
    interactionSnapshotId: string | null;
    scorecards: { id: string; entryId: string; judgeId: string }[];
    partScorecards: { id: string; entryId: string; judgeId: string; partCode: string }[];
  };
}

export type VersionStatus = 'frozen' | 'published' | 'superseded' | 'rejected';

export interface ResultsVersionRow {
  version: number;
  fingerprint: string;
  frozenAt: string;
  publishedAt: string | null;
  correctionReason: string | null;
  status: VersionStatus;
  frozenBy: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
}

export interface Unit {
  id: string;
  name: string;
  kind: 'phong' | 'ban' | 'nganh' | 'xa' | 'phuong' | 'khac';
  active: boolean;
}

export interface TeamMember {
  id: string;
  fullName: string;
  position: string;
  unitName: string;
  isLeader: boolean;
}

export interface Team {
  id: string;
  number: number;
  name: string;
  unitId: string;
  unitName: string;
  status: 'active' | 'withdrawn';
  members: TeamMember[];
}

export type Role = 'organiser' | 'judge' | 'team';

export interface Account {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  unitId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface RulesAnswer {
  rulesVersion: number;
  locked: boolean;
  rules: ContestRules;
}

export interface RulesHistoryRow {
  id: string;
  version: number;
  kind: string;
  reason: string | null;
  createdAt: string;
}
