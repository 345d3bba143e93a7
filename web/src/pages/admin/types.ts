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
import type {
  AccountView,
  EntryFileView,
  EntryView,
  FinalScoreView,
  FinalStateView,
  InteractionExclusionView,
  InteractionHistoryView,
  InteractionImportPreviewView,
  InteractionRowIssueView,
  InteractionStandingsView,
  JudgingProgressView,
  ModerationItemView,
  ResultsVersionDeskView,
  ResultsVersionView,
  TeamMemberView,
  TeamView,
  UnitView,
} from '../../api-types/routes.gen';

export type { AwardLine, ContestRules, ContestStatus, ResultsDocument, ResultsProblem, TeamResult };
export type { SideProposal };

// Shapes documented by the API (generated from the OpenAPI document).
export type FileSummary = EntryFileView;
export type Entry = EntryView;
export type ModerationItem = ModerationItemView;
export type Progress = JudgingProgressView;
export type FinalView = FinalStateView;
export type FinalScore = FinalScoreView;
export type ResultsVersionRow = ResultsVersionDeskView;
export type FrozenVersion = ResultsVersionView;
export type Unit = UnitView;
export type TeamMember = TeamMemberView;
export type Team = TeamView;
export type Account = AccountView;
export type Standings = InteractionStandingsView;
export type HistorySeries = InteractionHistoryView;
export type ImportPreview = InteractionImportPreviewView;
export type RowIssue = InteractionRowIssueView;
export type Exclusion = InteractionExclusionView;

export interface Contest {
  id: string;
  slug: string;
  name: string;
  description: string;
  status: ContestStatus;
  fanpageUrl: string | null;
  /** when and where the final round takes place, as announced to the public */
  finalAt: string | null;
  finalVenue: string | null;
  rules: ContestRules;
  rulesVersion: number;
  version: number;
  createdAt: string;
}

export type EntryStatus = EntryView['status'];

export interface ImportCommit {
  snapshotId: string;
  /** one snapshot per reading of the file, oldest first */
  snapshotIds: string[];
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

export interface FinalPart {
  code: string;
  name: string;
  maxPoints: number;
  timeLimitSeconds?: number;
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

export type Role = 'organiser' | 'judge' | 'team';

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
