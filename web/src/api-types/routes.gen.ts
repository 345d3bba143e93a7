// Generated from the OpenAPI document (GET /api/docs-json) by test/support/openapi-types.ts.
// Do not edit: run `npm run api:types` after changing a route or a DTO.
/* eslint-disable */

export interface AccountView {
  userId: string;
  username: string;
  displayName: string;
  role: "organiser" | "judge" | "team";
  teamId: string | null;
  unitId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface AmendRulesDto {
  /** The complete rules document */
  rules: Record<string, unknown>;
  /** Optimistic lock: the rulesVersion you read */
  rulesVersion?: number;
  /** Why the rules change after judging started (kept in history) */
  reason: string;
}

export interface ApproveEntryDto {
  note?: string;
}

export interface AssignDto {
  judgeId: string;
  entryIds: string[];
}

export interface AuditChainVerificationView {
  ok: boolean;
  /** Sealed rows in the chain */
  rows: number;
  /** SHA-256, hex */
  headHash: string;
  /** Rows not sealed yet (committed too late) */
  unsealed: number;
  problems: ({
    /** Row id (bigint as a string of digits) */
    auditId: string;
    seq: number;
    problem: "ROW_CHANGED" | "ROW_MISSING" | "LINK_BROKEN" | "SEQUENCE_GAP";
  })[];
}

export interface AuditEntryView {
  /** Row id (bigint as a string of digits) */
  id: string;
  contestId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** e.g. team.create, contest.transition, rules.amend */
  action: string;
  entityType: string;
  entityId: string | null;
  /** JSON snapshot before the change, or null */
  before: unknown;
  /** JSON snapshot after the change, or null */
  after: unknown;
  reason: string | null;
  requestId: string | null;
  createdAt: string;
}

export interface AwardDto {
  prizeCode: string;
  entryId: string;
  /** Individual side prize: the team member honoured */
  memberId?: string;
}

export interface AwardsDto {
  /** Confirmed side prizes */
  side: AwardDto[];
  /** Sponsor prizes attached to teams */
  sponsor: AwardDto[];
}

export interface ChangePasswordDto {
  currentPassword: string;
  newPassword: string;
}

export interface CloseJudgingDto {
  /** Required when scorecards are missing or still drafts */
  reason?: string;
}

export interface ConflictDto {
  reason: string;
  judgeId: string;
  entryId: string;
}

export interface ContestRulesView {
  rulesVersion: number;
  /** Judging has started: changes only by amendment */
  locked: boolean;
  /** Thể lệ (ContestRules): shape defined and validated by the scoring engine */
  rules: Record<string, unknown>;
}

export interface ContestView {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Short URL-safe name for public pages */
  slug: string;
  name: string;
  description: string;
  status: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
  fanpageUrl: string | null;
  /** Thể lệ (ContestRules): shape defined and validated by the scoring engine */
  rules: Record<string, unknown>;
  rulesVersion: number;
  /** Row version, for optimistic locking (PATCH `version`) */
  version: number;
}

export interface CreateAccountDto {
  username: string;
  displayName: string;
  role: "organiser" | "judge" | "team";
  /** Required for team accounts */
  teamId?: string;
  /** The unit a judge works in (conflict of interest) */
  unitId?: string;
  /** E-mail address for notifications (no password is ever sent by e-mail) */
  email?: string;
}

export interface CreateContestDto {
  slug: string;
  name: string;
  description?: string;
  fanpageUrl?: string;
  /** Rules document; the platform defaults when omitted */
  rules?: Record<string, unknown>;
}

export interface CreateTeamDto {
  number: number;
  name: string;
  unitId: string;
  members?: MemberDto[];
}

export interface CreateUnitDto {
  name: string;
  kind: "phong" | "ban" | "nganh" | "xa" | "phuong" | "khac";
}

export interface CreatedAccountView {
  account: AccountView;
  /** Shown once; not stored in clear anywhere */
  temporaryPassword: string;
}

export interface EntryFileView {
  id: string;
  /** The name on the team’s computer */
  originalName: string;
  /** Bytes */
  size: number;
  mime: string | null;
  /** Decided from the content, e.g. mp4, pdf, docx */
  detectedType: string | null;
  sha256: string | null;
  /** Video length (ffprobe); null when unknown */
  durationSeconds: number | null;
}

export interface EntryReviewView {
  id: string;
  entryId: string;
  decision: "approve" | "return";
  reasons: string[];
  checklist: ModerationChecklistView | null;
  reviewerId: string | null;
  createdAt: string;
}

export interface EntryView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  teamId: string;
  status: "draft" | "submitted" | "returned" | "resubmitted" | "approved" | "published";
  /** Tên gọi */
  name: string;
  /** Bối cảnh ra đời */
  context: string;
  /** Quá trình triển khai áp dụng */
  implementation: string;
  /** Lợi ích mang lại */
  benefits: string;
  /** Lĩnh vực */
  category: string;
  originalityDeclaredAt: string | null;
  videoUploadId: string | null;
  outlineUploadId: string | null;
  returnReasons: string[];
  /** The organisers’ duplicate suspicion; null for teams and judges */
  duplicateFlag: string | null;
  /** Address of the entry’s post on the contest fanpage */
  postUrl: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  version: number;
  teamNumber: number;
  teamName: string;
  video: EntryFileView | null;
  outline: EntryFileView | null;
}

export interface ErrorBody {
  statusCode: number;
  /** Stable English code, e.g. VALIDATION_FAILED */
  code: string;
  /** Vietnamese message for people */
  message: string;
  details: {
    field: string;
    code: string;
    message: string;
  }[];
  requestId?: string;
}

export interface ExclusionDto {
  entryId: string;
  reactions?: number;
  shares?: number;
  comments?: number;
  reason: string;
}

export interface FinalNominationView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  judgeId: string;
  kind: "individual" | "collective";
  partCode: string;
  entryId: string;
  /** The team member nominated (individual prize) */
  memberId: string | null;
}

export interface FinalPartScorecardView {
  id: string;
  entryId: string;
  judgeId: string;
  partCode: string;
  /** Exact decimal, two places (e.g. "64.12") */
  points: string;
  status: "draft" | "submitted";
  version: number;
  submittedAt: string | null;
}

export interface FinalPartView {
  code: string;
  name: string;
  maxPoints: number;
  timeLimitSeconds?: number;
}

export interface FinalScoreView {
  entryId: string;
  /** null while incomplete */
  points: string | null;
  complete: boolean;
  judgesCounted: number;
  trimmed: boolean;
}

export interface FinalStateView {
  /** Send it back with the next live/reveal change */
  version: number;
  order: string[];
  /** Seed the order was drawn from; null: set by the organiser */
  drawSeed: string | null;
  pairing: {
    asker: string;
    answerer: string;
  }[];
  revealedParts: string[];
  rankingRevealed: boolean;
  current: {
    entryId: string | null;
    partCode: string | null;
    part: FinalPartView | null;
  };
  timer: {
    running: boolean;
    startedAt: string | null;
    /** Elapsed at the time of the answer, running time included */
    elapsedMs: number;
    limitSeconds: number | null;
  };
}

export interface FlagDuplicateDto {
  /** Why it duplicates an earlier model; null clears the flag */
  reason?: Record<string, unknown> | null;
}

export interface FormCountDto {
  entryId: string;
  reactions: number;
  shares: number;
  comments?: number;
}

export interface FormSnapshotDto {
  /** When the counts were read on the fanpage (ISO 8601) */
  takenAt: string;
  counts: FormCountDto[];
}

export interface FreezeDto {
  /** Required for a correction after publication */
  reason?: string;
}

export interface HealthView {
  status: "ok" | "degraded";
  database: "ok" | "down";
  /** The upload disk is writable */
  uploads: "ok" | "down";
  time: string;
}

export interface InteractionCountsView {
  reactions: number;
  shares: number;
  comments: number;
}

export interface InteractionExclusionView {
  id: string;
  contestId: string;
  entryId: string;
  reactions: number;
  shares: number;
  comments: number;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface InteractionFormSnapshotView {
  snapshotId: string;
  created: boolean;
}

export interface InteractionHistoryView {
  entryId: string;
  teamNumber: number;
  series: {
    snapshotId: string;
    takenAt: string;
    reactions: number;
    shares: number;
    comments: number;
  }[];
}

export interface InteractionImportCreatedView {
  /** The latest reading’s snapshot */
  snapshotId: string;
  /** One snapshot per reading, oldest first */
  snapshotIds: string[];
  created: true;
  rows: number;
  /** Rows that matched no entry */
  unmatched: number;
  warnings: InteractionRowIssueView[];
  source: "template_csv" | "template_xlsx" | "insights_csv" | "insights_xlsx" | "form";
  /** SHA-256 of the file (or of the canonical form data), hex */
  fileSha256: string;
}

export interface InteractionImportExistingView {
  snapshotId: string;
  snapshotIds: string[];
  created: false;
  preview: InteractionImportPreviewView;
}

export interface InteractionImportPreviewView {
  headerLine: number;
  /** The file has a "Thời điểm" column: each row gives when it was read */
  timeColumn: boolean;
  matched: {
    line: number;
    entryId: string;
    teamNumber: number;
    takenAt: string;
    reactions: number;
    shares: number;
    comments: number;
  }[];
  unmatched: {
    line: number;
    value: string;
  }[];
  errors: InteractionRowIssueView[];
  warnings: InteractionRowIssueView[];
  /** SHA-256 of the file (or of the canonical form data), hex */
  fileSha256: string;
  source: "template_csv" | "template_xlsx" | "insights_csv" | "insights_xlsx" | "form";
  /** The reading whose points are shown (ISO 8601): the one sent, or in a file of several readings the one that would be official; empty when the file has no header */
  takenAt: string;
  /** One snapshot per reading, oldest first */
  readings: {
    takenAt: string;
    rows: number;
  }[];
  canCommit: boolean;
  points: {
    entryId: string;
    teamNumber: number;
    /** Weighted interactions after exclusions (decimals when a weight has) */
    raw: number;
    /** Exact decimal, two places (e.g. "64.12") */
    points: string;
    rank: number;
  }[];
  /** Set when this file was imported before: its latest snapshot */
  existingSnapshotId: string | null;
  /** Every snapshot this file made before, oldest first */
  existingSnapshotIds: string[];
}

export interface InteractionRowIssueView {
  line: number;
  /** Column label; null for a whole-row issue */
  column: string | null;
  code: string;
  message: string;
}

export interface InteractionStandingsView {
  officialSnapshot: {
    id: string;
    takenAt: string;
    source: "template_csv" | "template_xlsx" | "insights_csv" | "insights_xlsx" | "form";
  } | null;
  /** From the rules (ISO 8601); null: the latest snapshot counts */
  interactionCutoff: string | null;
  anomalyOptions: {
    burstThreshold: number;
    burstWindowHours: number;
    roundAbove: number;
  };
  snapshots: ({
    id: string;
    contestId: string;
    takenAt: string;
    source: "template_csv" | "template_xlsx" | "insights_csv" | "insights_xlsx" | "form";
    /** SHA-256 of the file (or of the canonical form data), hex */
    fileSha256: string;
    fileName: string | null;
    rowCount: number;
    createdBy: string | null;
    createdAt: string;
    official: boolean;
  })[];
  entries: ({
    entryId: string;
    teamNumber: number;
    counts: InteractionCountsView | null;
    excluded: InteractionCountsView | null;
    /** Weighted interactions after exclusions (decimals when a weight has) */
    raw: number;
    /** Exact decimal, two places (e.g. "64.12") */
    points: string;
    rank: number;
    flags: ({
      entryId: string;
      snapshotId: string;
      kind: "burst" | "round_number" | "drop";
      message: string;
    })[];
    exclusions: InteractionExclusionView[];
  })[];
}

export interface JudgingAssignAllView {
  /** Assignments of the contest after the run */
  assignments: number;
  skippedForConflicts: number;
}

export interface JudgingAssignmentView {
  judgeId: string;
  entryId: string;
  status: "missing" | "draft" | "submitted";
}

export interface JudgingCloseView {
  /** The contest’s new status: final */
  status: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
  incompleteScorecards: number;
}

export interface JudgingConflictView {
  judgeId: string;
  entryId: string;
  kind: "declared" | "recusal";
  reason: string;
}

export interface JudgingJudgeAssignmentsView {
  judgeId: string;
  entryIds: string[];
}

export interface JudgingProgressView {
  judges: {
    judgeId: string;
    displayName: string;
    missing: number;
    draft: number;
    submitted: number;
  }[];
  cells: ({
    judgeId: string;
    entryId: string;
    status: "missing" | "draft" | "submitted";
  })[];
  entries: ({
    entryId: string;
    submitted: number;
    assigned: number;
    /** Highest minus lowest submitted total */
    spread: string | null;
    outliers: string[];
  })[];
  complete: boolean;
}

export interface JudgingScorecardView {
  id: string | null;
  entryId: string;
  judgeId: string;
  status: "missing" | "draft" | "submitted";
  scores: Record<string, string>;
  /** Sum of the criteria; null while one is missing */
  total: string | null;
  comment: string;
  /** Send it back with the next save/submit (0: no card yet) */
  version: number;
  submittedAt: string | null;
}

export interface LiveBoardView {
  contest: {
    name: string;
    slug: string;
    status: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
  };
  /** null until the final round is set up */
  final: {
    order: {
      entryId: string;
      teamNumber: number;
      teamName: string;
      entryName: string;
    }[];
    current: {
      entryId: string | null;
      partCode: string | null;
      partName: string | null;
    };
    /** The viewer ticks the clock: elapsed = elapsedMs + (now − startedAt) */
    timer: {
      running: boolean;
      startedAt: string | null;
      elapsedMs: number;
      limitSeconds: number | null;
    };
    parts: ({
      entryId: string;
      partCode: string;
      /** null: no submitted score yet */
      points: string | null;
      judges: number;
    })[];
    ranking: ({
      rank: number;
      entryId: string;
      teamName: string;
      /** Exact decimal, two places (e.g. "64.12") */
      preliminary: string | null;
      /** Exact decimal, two places (e.g. "64.12") */
      final: string | null;
      /** Exact decimal, two places (e.g. "64.12") */
      rankingScore: string | null;
      needsDecision: boolean;
    })[] | null;
  } | null;
  /** The published results version, once there is one */
  results: {
    version: number;
    fingerprint: string;
    publishedAt: string;
  } | null;
  /** Lets viewers correct their clock for the timer */
  serverTime: string;
}

export interface LiveDto {
  /** Finalist now on stage */
  entryId?: string;
  /** Part now played (code from the rules) */
  partCode?: string;
  timer?: "start" | "stop" | "reset";
  /** The live-state version this console last saw */
  version: number;
}

export interface LoginDto {
  username: string;
  password: string;
}

export interface LoginView {
  /** JWT, sent as `Authorization: Bearer …` */
  accessToken: string;
  tokenType: "Bearer";
  expiresAt: string;
  user: {
    id: string;
    username: string;
    displayName: string;
    isAdmin: boolean;
    mustChangePassword: boolean;
  };
}

export interface MarkedReadView {
  marked: number;
}

export interface MeView {
  userId: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  mustChangePassword: boolean;
  memberships: MembershipView[];
}

export interface MemberAddressView {
  userId: string;
  email: string | null;
}

export interface MemberDto {
  fullName: string;
  position?: string;
  unitName?: string;
  isLeader?: boolean;
}

export interface MembershipView {
  contestId: string;
  role: "organiser" | "judge" | "team";
  teamId: string | null;
  unitId: string | null;
}

export interface ModerationChecklistView {
  videoReady: boolean;
  outlineReady: boolean;
  infoComplete: boolean;
  missing: string[];
  originalityDeclared: boolean;
  /** null when the duration is unknown or the rules set no limits */
  withinLength: boolean | null;
  /** The organisers’ duplicate suspicion; null for teams and judges */
  duplicateFlag: string | null;
  sameFileAs: ({
    entryId: string;
    teamNumber: number;
    kind: "video" | "outline";
  })[];
}

export interface ModerationItemView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  teamId: string;
  status: "draft" | "submitted" | "returned" | "resubmitted" | "approved" | "published";
  /** Tên gọi */
  name: string;
  /** Bối cảnh ra đời */
  context: string;
  /** Quá trình triển khai áp dụng */
  implementation: string;
  /** Lợi ích mang lại */
  benefits: string;
  /** Lĩnh vực */
  category: string;
  originalityDeclaredAt: string | null;
  videoUploadId: string | null;
  outlineUploadId: string | null;
  returnReasons: string[];
  /** The organisers’ duplicate suspicion; null for teams and judges */
  duplicateFlag: string | null;
  /** Address of the entry’s post on the contest fanpage */
  postUrl: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  version: number;
  teamNumber: number;
  teamName: string;
  video: EntryFileView | null;
  outline: EntryFileView | null;
  checklist: ModerationChecklistView;
}

export interface MyNotificationPage {
  items: MyNotificationView[];
  total: number;
  unread: number;
}

export interface MyNotificationView {
  id: string;
  contestId: string | null;
  eventType: "account.created" | "entry.returned" | "entry.approved" | "entry.published" | "judge.assigned" | "results.published" | "results.corrected" | "final.order_drawn" | "judging.reminder";
  /** Vietnamese subject line */
  title: string;
  lines: string[];
  /** Path of the page in the web app, e.g. /c/nga-bay-2022/ket-qua */
  path: string;
  linkLabel: string;
  createdAt: string;
  readAt: string | null;
}

export interface NominationDto {
  kind: "individual" | "collective";
  partCode: string;
  entryId: string;
  /** Team member, for the individual prize */
  memberId?: string;
}

export interface NotificationSettingsView {
  email: string | null;
  reminders: boolean;
  emailEnabled: boolean;
}

export interface PartScoreDto {
  points: number;
  /** Version last seen; required once the card exists */
  version?: number;
}

export interface PostUrlDto {
  postUrl: string;
}

export interface PublicContestView {
  slug: string;
  name: string;
  status: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
}

export interface PublicEntryFileView {
  id: string;
  /** A neutral download name (the team’s own file name is not published) */
  fileName: string;
  /** Bytes */
  size: number;
  mime: string | null;
  /** Video length; null when unknown */
  durationSeconds: number | null;
}

export interface PublicEntryView {
  id: string;
  teamNumber: number;
  teamName: string;
  name: string;
  context: string;
  implementation: string;
  benefits: string;
  category: string;
  postUrl: string | null;
  publishedAt: string;
  video: PublicEntryFileView | null;
  outline: PublicEntryFileView | null;
}

export interface PublishAllView {
  publishedAt: string;
  /** Entries published */
  published: number;
}

export interface PublishedEntriesView {
  contest: {
    id: string;
    slug: string;
    name: string;
    fanpageUrl: string | null;
    status: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
  };
  entries: PublicEntryView[];
}

export interface PutRulesDto {
  /** The complete rules document */
  rules: Record<string, unknown>;
  /** Optimistic lock: the rulesVersion you read */
  rulesVersion?: number;
}

export interface ReasonDto {
  reason: string;
}

export interface RejectDto {
  reason: string;
}

export interface ReplaceMembersDto {
  members: MemberDto[];
}

export interface ResultsAwardInputView {
  prizeCode: string;
  entryId: string;
  memberId?: string;
}

export interface ResultsAwardView {
  entryId: string;
  teamName: string;
  prizeCode: string;
  prizeName: string;
  kind: "ranked" | "certificate" | "side" | "sponsor";
  /** Whole đồng */
  amountVnd: number;
  /** Individual side prize: the person honoured */
  memberName: string | null;
  sponsor: string | null;
}

export interface ResultsAwardsView {
  side: ResultsAwardInputView[];
  sponsor: ResultsAwardInputView[];
}

export interface ResultsComputationView {
  document: ResultsDocumentView;
  problems: ResultsProblemView[];
  sidePrizeProposals: ResultsSidePrizeProposalView[];
  /** The official snapshot and every submitted scorecard counted */
  sources: {
    interactionSnapshotId: string | null;
    scorecards: {
      id: string;
      entryId: string;
      judgeId: string;
    }[];
    partScorecards: {
      id: string;
      entryId: string;
      judgeId: string;
      partCode: string;
    }[];
  };
}

export interface ResultsContestView {
  id: string;
  name: string;
  slug: string;
  rulesVersion: number;
  /** Date of the final (Vietnam time); null when unknown */
  finalDate: string | null;
}

export interface ResultsDocumentView {
  format: 1;
  contest: ResultsContestView;
  rules: ResultsRulesView;
  interactionSnapshot: ResultsInteractionSnapshotView | null;
  tieDecisions: ResultsTieDecisionLineView[];
  prizes: ResultsPrizesView;
  judges: ResultsJudgeView[];
  teams: ResultsTeamView[];
}

export interface ResultsExcludedCountsView {
  reactions: number;
  shares: number;
  comments: number;
  /** The reasons, joined with "; " */
  reason: string;
}

export interface ResultsFinalCardView {
  judgeId: string;
  judgeName: string;
  parts: Record<string, string>;
  /** Exact decimal, two places (e.g. "64.12") */
  total: string;
  dropped: boolean;
}

export interface ResultsFinalView {
  cards: ResultsFinalCardView[];
  /** Mean of the judges' points per part code (display only) */
  partMeans: Record<string, string>;
  /** Exact decimal, two places (e.g. "64.12") */
  points: string | null;
  trimmed: boolean;
}

export interface ResultsInteractionSnapshotView {
  id: string;
  takenAt: string;
  source: "template_csv" | "template_xlsx" | "insights_csv" | "insights_xlsx" | "form";
}

export interface ResultsInteractionView {
  reactions: number;
  shares: number;
  comments: number;
  excluded: ResultsExcludedCountsView | null;
  /** Weighted raw count after exclusions */
  raw: string;
  /** Exact decimal, two places (e.g. "64.12") */
  points: string;
}

export interface ResultsJudgeCardView {
  judgeId: string;
  judgeName: string;
  criteria: Record<string, string>;
  /** Exact decimal, two places (e.g. "64.12") */
  total: string;
  dropped: boolean;
}

export interface ResultsJudgeView {
  id: string;
  name: string;
}

export interface ResultsPrizesView {
  awards: ResultsAwardView[];
  /** Exact sum of every award, whole đồng */
  totalVnd: number;
  unassignedSlots: {
    prizeCode: string;
    prizeName: string;
    count: number;
  }[];
}

export interface ResultsProblemView {
  code: "FINAL_NOT_SET_UP" | "FINAL_INCOMPLETE" | "TIE_NEEDS_DECISION" | "PRIZE_TIE" | "SIDE_PRIZE_UNCONFIRMED" | "PRIZE_SLOTS_UNASSIGNED";
  blocking: boolean;
  message: string;
  entryIds: string[];
}

export interface ResultsPublicDocumentView {
  format: 1;
  contest: ResultsContestView;
  rules: ResultsRulesView;
  interactionSnapshot: ResultsInteractionSnapshotView | null;
  tieDecisions: ResultsTieDecisionLineView[];
  prizes: ResultsPrizesView;
  /** Never present in the public view */
  judges?: unknown;
  teams: ResultsPublicTeamView[];
}

export interface ResultsPublicFinalView {
  /** Never present: each judge's own points stay with the organisers */
  cards?: unknown;
  /** Mean of the judges' points per part code (display only) */
  partMeans: Record<string, string>;
  /** Exact decimal, two places (e.g. "64.12") */
  points: string | null;
  trimmed: boolean;
}

export interface ResultsPublicTeamView {
  entryId: string;
  teamId: string;
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  interaction: ResultsInteractionView;
  /** Exact decimal, two places (e.g. "64.12") */
  judgesPoints: string | null;
  judgesTrimmed: boolean;
  /** Exact decimal, two places (e.g. "64.12") */
  preliminary: string | null;
  finalist: boolean;
  /** Preliminary + final; null when unranked */
  rankingScore: string | null;
  /** Null for entries not ranked (non-finalists) */
  rank: number | null;
  /** Label of the tie-break criterion that separated the team */
  tieBreakUsed: string | null;
  needsDecision: boolean;
  decided: boolean;
  awards: ResultsAwardView[];
  /** Never present: each judge's own marks stay with the organisers */
  judgeCards?: unknown;
  final: ResultsPublicFinalView | null;
}

export interface ResultsPublicVersionView {
  version: number;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  fingerprint: string;
  frozenAt: string;
  publishedAt: string | null;
  /** Version N+1 after publication: why it was corrected */
  correctionReason: string | null;
  /** Display name of the organiser who froze it */
  frozenBy: string;
  /** Display name of the organiser who approved it */
  approvedBy: string | null;
  rejectionReason: string | null;
  status: "published" | "superseded";
}

export interface ResultsPublicView {
  version: number;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  fingerprint: string;
  frozenAt: string;
  publishedAt: string | null;
  /** Version N+1 after publication: why it was corrected */
  correctionReason: string | null;
  status: "published" | "superseded";
  document: ResultsPublicDocumentView;
}

export interface ResultsRubricItemView {
  code: string;
  name: string;
  /** Exact decimal, two places (e.g. "64.12") */
  maxPoints: string;
}

export interface ResultsRulesView {
  /** Exact decimal, two places (e.g. "64.12") */
  interactionMax: string;
  /** Exact decimal, two places (e.g. "64.12") */
  judgingMax: string;
  /** "mean", or "trimmedMean(n)" with its minimum number of judges */
  judgingAggregation: string;
  criteria: ResultsRubricItemView[];
  /** Exact decimal, two places (e.g. "64.12") */
  finalMax: string;
  /** "mean", or "trimmedMean(n)" with its minimum number of judges */
  finalAggregation: string;
  parts: ResultsRubricItemView[];
  tieBreak: ("final" | "judges" | "interaction" | "preliminary")[];
}

export interface ResultsSidePrizeProposalView {
  prizeCode: string;
  kind: "individual" | "collective";
  candidates: {
    entryId: string;
    memberId?: string;
    nominations: number;
  }[];
  tie: boolean;
}

export interface ResultsTeamView {
  entryId: string;
  teamId: string;
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  interaction: ResultsInteractionView;
  /** Exact decimal, two places (e.g. "64.12") */
  judgesPoints: string | null;
  judgesTrimmed: boolean;
  /** Exact decimal, two places (e.g. "64.12") */
  preliminary: string | null;
  finalist: boolean;
  /** Preliminary + final; null when unranked */
  rankingScore: string | null;
  /** Null for entries not ranked (non-finalists) */
  rank: number | null;
  /** Label of the tie-break criterion that separated the team */
  tieBreakUsed: string | null;
  needsDecision: boolean;
  decided: boolean;
  awards: ResultsAwardView[];
  judgeCards: ResultsJudgeCardView[];
  final: ResultsFinalView | null;
}

export interface ResultsTieDecisionLineView {
  entryIds: string[];
  reason: string;
  /** The organiser's display name */
  decidedBy: string;
  decidedAt: string;
}

export interface ResultsTieDecisionView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  entryIds: string[];
  reason: string;
  decidedBy: string;
  decidedByName: string;
}

export interface ResultsVerifyView {
  version: number;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  fingerprint: string;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  recomputedFingerprint: string;
  matches: boolean;
  /** The stored document still hashes to its fingerprint */
  storedDocumentMatches: boolean;
}

export interface ResultsVersionDetailView {
  version: number;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  fingerprint: string;
  frozenAt: string;
  publishedAt: string | null;
  /** Version N+1 after publication: why it was corrected */
  correctionReason: string | null;
  /** Display name of the organiser who froze it */
  frozenBy: string;
  /** Display name of the organiser who approved it */
  approvedBy: string | null;
  rejectionReason: string | null;
  status: "frozen" | "published" | "superseded" | "rejected";
  document: ResultsDocumentView;
}

export interface ResultsVersionView {
  version: number;
  /** SHA-256 (hex) of the canonical JSON of the results document */
  fingerprint: string;
  frozenAt: string;
  publishedAt: string | null;
  /** Version N+1 after publication: why it was corrected */
  correctionReason: string | null;
  /** Display name of the organiser who froze it */
  frozenBy: string;
  /** Display name of the organiser who approved it */
  approvedBy: string | null;
  rejectionReason: string | null;
  status: "frozen" | "published" | "superseded" | "rejected";
}

export interface ReturnEntryDto {
  reasons: string[];
}

export interface RevealDto {
  /** With partCode: reveal this finalist's part results */
  entryId?: string;
  partCode?: string;
  /** true: this call is about the provisional ranking */
  ranking?: boolean;
  /** Show (true) or hide (false) */
  revealed: boolean;
  /** The stage version this console last saw */
  version: number;
}

export interface RulesVersionView {
  id: string;
  contestId: string;
  version: number;
  /** Thể lệ (ContestRules): shape defined and validated by the scoring engine */
  rules: Record<string, unknown>;
  kind: "initial" | "edit" | "amendment";
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface SaveEntryDto {
  name?: string;
  /** Bối cảnh ra đời */
  context?: string;
  /** Quá trình triển khai áp dụng */
  implementation?: string;
  /** Lợi ích mang lại */
  benefits?: string;
  /** Lĩnh vực */
  category?: string;
  /** Cam kết mô hình không trùng với mô hình đã áp dụng trước ngày chốt */
  originalityDeclared?: boolean;
}

export interface SaveScorecardDto {
  /** Points per criterion code (draft may be partial) */
  scores: Record<string, unknown>;
  comment?: string;
  /** The version of the card this tablet last saw; required once the card exists */
  version?: number;
}

export interface SentNotificationPage {
  items: SentNotificationView[];
  total: number;
}

export interface SentNotificationView {
  id: string;
  recipientId: string;
  /** Display name */
  recipientName: string;
  channel: "email" | "in_app";
  eventType: "account.created" | "entry.returned" | "entry.approved" | "entry.published" | "judge.assigned" | "results.published" | "results.corrected" | "final.order_drawn" | "judging.reminder";
  title: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  toAddress: string | null;
  messageId: string | null;
  /** The mail server answer, e.g. "550 5.1.1 …" */
  lastResponse: string | null;
  resends: number;
  nextAttemptAt: string;
  sentAt: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface SetAddressDto { [key: string]: unknown }

export interface SetupFinalDto {
  /** Order of appearance set by the organiser (entry ids); drawn when omitted */
  order?: string[];
  /** Seed of the draw (recorded); random when omitted */
  seed?: string;
  /** Finalists chosen by the organisers when the engine reports a tie at the cut line */
  finalists?: string[];
  /** Required with `finalists` */
  reason?: string;
}

export interface SubmitPartDto {
  version: number;
}

export interface SubmitScorecardDto {
  /** The version being submitted */
  version: number;
}

export interface TeamMemberView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  teamId: string;
  fullName: string;
  /** Chức vụ */
  position: string;
  /** Đơn vị công tác of the member */
  unitName: string;
  isLeader: boolean;
}

export interface TeamView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  /** "Đội số 5" */
  number: number;
  name: string;
  unitId: string;
  status: "active" | "withdrawn";
  /** Name of the team’s unit */
  unitName: string;
  members: TeamMemberView[];
}

export interface TemporaryPasswordView {
  /** Shown once; not stored in clear anywhere */
  temporaryPassword: string;
}

export interface TieDecisionDto {
  /** The tied entries in the decided order, best first */
  entryIds: string[];
  reason: string;
}

export interface TransitionDto {
  to: "draft" | "registration" | "submission" | "moderation" | "published" | "judging" | "final" | "results_published" | "archived";
  /** Required when moving backwards */
  reason?: string;
}

export interface UnitView {
  id: string;
  createdAt: string;
  updatedAt: string;
  contestId: string;
  name: string;
  kind: "phong" | "ban" | "nganh" | "xa" | "phuong" | "khac";
  active: boolean;
}

export interface UnreadCountView {
  unread: number;
}

export interface UpdateContestDto {
  name?: string;
  description?: string;
  fanpageUrl?: string | null;
  /** Optimistic lock: the version you read */
  version?: number;
}

export interface UpdateNotificationSettingsDto { [key: string]: unknown }

export interface UpdateTeamDto {
  number?: number;
  name?: string;
  unitId?: string;
  status?: "active" | "withdrawn";
}

export interface UpdateUnitDto {
  name?: string;
  kind?: "phong" | "ban" | "nganh" | "xa" | "phuong" | "khac";
  active?: boolean;
}

export interface UploadStateView {
  id: string;
  kind: "video" | "outline";
  status: "pending" | "ready" | "failed" | "expired" | "cancelled";
  /** Bytes safely stored so far */
  offset: number;
  /** Declared total size in bytes */
  size: number;
  /** Set once the upload is ready */
  sha256: string | null;
  /** Why the upload failed, was cancelled or expired */
  failureCode: string | null;
}

export interface WithdrawExclusionDto {
  reason: string;
}

export interface ApiRoutes {
  'POST /api/auth/login': { path: {}; query: {}; body: LoginDto; response: LoginView };
  'GET /api/auth/me': { path: {}; query: {}; body: undefined; response: MeView };
  'POST /api/auth/password': { path: {}; query: {}; body: ChangePasswordDto; response: undefined };
  'GET /api/contests': { path: {}; query: {}; body: undefined; response: ContestView[] };
  'POST /api/contests': { path: {}; query: {}; body: CreateContestDto; response: ContestView };
  'GET /api/contests/{contestId}': { path: { contestId: string }; query: {}; body: undefined; response: ContestView };
  'PATCH /api/contests/{contestId}': { path: { contestId: string }; query: {}; body: UpdateContestDto; response: ContestView };
  'GET /api/contests/{contestId}/accounts': { path: { contestId: string }; query: {}; body: undefined; response: AccountView[] };
  'POST /api/contests/{contestId}/accounts': { path: { contestId: string }; query: {}; body: CreateAccountDto; response: CreatedAccountView };
  'POST /api/contests/{contestId}/accounts/{userId}/reset-password': { path: { contestId: string; userId: string }; query: {}; body: undefined; response: TemporaryPasswordView };
  'GET /api/contests/{contestId}/audit': { path: { contestId: string }; query: {}; body: undefined; response: AuditEntryView[] };
  'GET /api/contests/{contestId}/audit/verify': { path: { contestId: string }; query: {}; body: undefined; response: AuditChainVerificationView };
  'GET /api/contests/{contestId}/entries': { path: { contestId: string }; query: {}; body: undefined; response: EntryView[] };
  'GET /api/contests/{contestId}/entries/{entryId}': { path: { contestId: string; entryId: string }; query: {}; body: undefined; response: EntryView };
  'POST /api/contests/{contestId}/entries/{entryId}/approve': { path: { contestId: string; entryId: string }; query: {}; body: ApproveEntryDto; response: EntryView };
  'POST /api/contests/{contestId}/entries/{entryId}/duplicate-flag': { path: { contestId: string; entryId: string }; query: {}; body: FlagDuplicateDto; response: EntryView };
  'PUT /api/contests/{contestId}/entries/{entryId}/post-url': { path: { contestId: string; entryId: string }; query: {}; body: PostUrlDto; response: EntryView };
  'POST /api/contests/{contestId}/entries/{entryId}/return': { path: { contestId: string; entryId: string }; query: {}; body: ReturnEntryDto; response: EntryView };
  'GET /api/contests/{contestId}/entries/{entryId}/reviews': { path: { contestId: string; entryId: string }; query: {}; body: undefined; response: EntryReviewView[] };
  'GET /api/contests/{contestId}/final': { path: { contestId: string }; query: {}; body: undefined; response: FinalStateView };
  'PUT /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}': { path: { contestId: string; entryId: string; partCode: string }; query: {}; body: PartScoreDto; response: FinalPartScorecardView };
  'POST /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}/submit': { path: { contestId: string; entryId: string; partCode: string }; query: {}; body: SubmitPartDto; response: FinalPartScorecardView };
  'POST /api/contests/{contestId}/final/live': { path: { contestId: string }; query: {}; body: LiveDto; response: FinalStateView };
  'POST /api/contests/{contestId}/final/nominations': { path: { contestId: string }; query: {}; body: NominationDto; response: FinalNominationView };
  'POST /api/contests/{contestId}/final/reveal': { path: { contestId: string }; query: {}; body: RevealDto; response: FinalStateView };
  'GET /api/contests/{contestId}/final/scores': { path: { contestId: string }; query: {}; body: undefined; response: FinalScoreView[] };
  'POST /api/contests/{contestId}/final/setup': { path: { contestId: string }; query: {}; body: SetupFinalDto; response: FinalStateView };
  'GET /api/contests/{contestId}/interactions': { path: { contestId: string }; query: { burstThreshold?: number; burstWindowHours?: number; roundAbove?: number }; body: undefined; response: InteractionStandingsView };
  'POST /api/contests/{contestId}/interactions/exclusions': { path: { contestId: string }; query: {}; body: ExclusionDto; response: InteractionExclusionView };
  'POST /api/contests/{contestId}/interactions/exclusions/{exclusionId}/withdraw': { path: { contestId: string; exclusionId: string }; query: {}; body: WithdrawExclusionDto; response: InteractionExclusionView };
  'POST /api/contests/{contestId}/interactions/form': { path: { contestId: string }; query: {}; body: FormSnapshotDto; response: InteractionFormSnapshotView };
  'GET /api/contests/{contestId}/interactions/history': { path: { contestId: string }; query: {}; body: undefined; response: InteractionHistoryView[] };
  'POST /api/contests/{contestId}/interactions/imports': { path: { contestId: string }; query: {}; body: FormData; response: InteractionImportExistingView };
  'POST /api/contests/{contestId}/interactions/imports/preview': { path: { contestId: string }; query: {}; body: FormData; response: InteractionImportPreviewView };
  'GET /api/contests/{contestId}/interactions/template.csv': { path: { contestId: string }; query: {}; body: undefined; response: Blob };
  'GET /api/contests/{contestId}/interactions/template.xlsx': { path: { contestId: string }; query: {}; body: undefined; response: Blob };
  'GET /api/contests/{contestId}/judging/assignments': { path: { contestId: string }; query: {}; body: undefined; response: JudgingAssignmentView[] };
  'PUT /api/contests/{contestId}/judging/assignments': { path: { contestId: string }; query: {}; body: AssignDto; response: JudgingJudgeAssignmentsView };
  'POST /api/contests/{contestId}/judging/assignments/all': { path: { contestId: string }; query: {}; body: undefined; response: JudgingAssignAllView };
  'POST /api/contests/{contestId}/judging/close': { path: { contestId: string }; query: {}; body: CloseJudgingDto; response: JudgingCloseView };
  'POST /api/contests/{contestId}/judging/conflicts': { path: { contestId: string }; query: {}; body: ConflictDto; response: JudgingConflictView };
  'POST /api/contests/{contestId}/judging/entries/{entryId}/recuse': { path: { contestId: string; entryId: string }; query: {}; body: ReasonDto; response: JudgingConflictView };
  'GET /api/contests/{contestId}/judging/entries/{entryId}/scorecard': { path: { contestId: string; entryId: string }; query: {}; body: undefined; response: JudgingScorecardView };
  'PUT /api/contests/{contestId}/judging/entries/{entryId}/scorecard': { path: { contestId: string; entryId: string }; query: {}; body: SaveScorecardDto; response: JudgingScorecardView };
  'POST /api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit': { path: { contestId: string; entryId: string }; query: {}; body: SubmitScorecardDto; response: JudgingScorecardView };
  'GET /api/contests/{contestId}/judging/progress': { path: { contestId: string }; query: {}; body: undefined; response: JudgingProgressView };
  'GET /api/contests/{contestId}/judging/scorecards/{scorecardId}': { path: { contestId: string; scorecardId: string }; query: {}; body: undefined; response: JudgingScorecardView };
  'POST /api/contests/{contestId}/judging/scorecards/{scorecardId}/reopen': { path: { contestId: string; scorecardId: string }; query: {}; body: ReasonDto; response: JudgingScorecardView };
  'GET /api/contests/{contestId}/moderation': { path: { contestId: string }; query: {}; body: undefined; response: ModerationItemView[] };
  'GET /api/contests/{contestId}/my-entry': { path: { contestId: string }; query: {}; body: undefined; response: EntryView };
  'PUT /api/contests/{contestId}/my-entry': { path: { contestId: string }; query: {}; body: SaveEntryDto; response: EntryView };
  'POST /api/contests/{contestId}/my-entry/submit': { path: { contestId: string }; query: {}; body: undefined; response: EntryView };
  'GET /api/contests/{contestId}/notifications': { path: { contestId: string }; query: {}; body: undefined; response: SentNotificationPage };
  'PUT /api/contests/{contestId}/notifications/addresses/{userId}': { path: { contestId: string; userId: string }; query: {}; body: SetAddressDto; response: MemberAddressView };
  'POST /api/contests/{contestId}/notifications/{notificationId}/resend': { path: { contestId: string; notificationId: string }; query: {}; body: undefined; response: SentNotificationView };
  'POST /api/contests/{contestId}/publish-all': { path: { contestId: string }; query: {}; body: undefined; response: PublishAllView };
  'GET /api/contests/{contestId}/results': { path: { contestId: string }; query: {}; body: undefined; response: ResultsComputationView };
  'PUT /api/contests/{contestId}/results/awards': { path: { contestId: string }; query: {}; body: AwardsDto; response: ResultsAwardsView };
  'POST /api/contests/{contestId}/results/freeze': { path: { contestId: string }; query: {}; body: FreezeDto; response: ResultsVersionView };
  'POST /api/contests/{contestId}/results/tie-decisions': { path: { contestId: string }; query: {}; body: TieDecisionDto; response: ResultsTieDecisionView };
  'GET /api/contests/{contestId}/results/versions': { path: { contestId: string }; query: {}; body: undefined; response: ResultsVersionView[] };
  'GET /api/contests/{contestId}/results/versions/{version}': { path: { contestId: string; version: string }; query: {}; body: undefined; response: ResultsVersionDetailView };
  'POST /api/contests/{contestId}/results/versions/{version}/approve': { path: { contestId: string; version: string }; query: {}; body: undefined; response: ResultsVersionView };
  'GET /api/contests/{contestId}/results/versions/{version}/documents/{kind}': { path: { contestId: string; version: string; kind: string }; query: {}; body: undefined; response: Blob };
  'POST /api/contests/{contestId}/results/versions/{version}/reject': { path: { contestId: string; version: string }; query: {}; body: RejectDto; response: ResultsVersionView };
  'GET /api/contests/{contestId}/results/versions/{version}/verify': { path: { contestId: string; version: string }; query: {}; body: undefined; response: ResultsVerifyView };
  'GET /api/contests/{contestId}/rules': { path: { contestId: string }; query: {}; body: undefined; response: ContestRulesView };
  'PUT /api/contests/{contestId}/rules': { path: { contestId: string }; query: {}; body: PutRulesDto; response: ContestRulesView };
  'POST /api/contests/{contestId}/rules/amendments': { path: { contestId: string }; query: {}; body: AmendRulesDto; response: ContestRulesView };
  'GET /api/contests/{contestId}/rules/versions': { path: { contestId: string }; query: {}; body: undefined; response: RulesVersionView[] };
  'GET /api/contests/{contestId}/teams': { path: { contestId: string }; query: {}; body: undefined; response: TeamView[] };
  'POST /api/contests/{contestId}/teams': { path: { contestId: string }; query: {}; body: CreateTeamDto; response: TeamView };
  'GET /api/contests/{contestId}/teams/{teamId}': { path: { contestId: string; teamId: string }; query: {}; body: undefined; response: TeamView };
  'PATCH /api/contests/{contestId}/teams/{teamId}': { path: { contestId: string; teamId: string }; query: {}; body: UpdateTeamDto; response: TeamView };
  'PUT /api/contests/{contestId}/teams/{teamId}/members': { path: { contestId: string; teamId: string }; query: {}; body: ReplaceMembersDto; response: TeamView };
  'POST /api/contests/{contestId}/transitions': { path: { contestId: string }; query: {}; body: TransitionDto; response: ContestView };
  'GET /api/contests/{contestId}/units': { path: { contestId: string }; query: {}; body: undefined; response: UnitView[] };
  'POST /api/contests/{contestId}/units': { path: { contestId: string }; query: {}; body: CreateUnitDto; response: UnitView };
  'PATCH /api/contests/{contestId}/units/{unitId}': { path: { contestId: string; unitId: string }; query: {}; body: UpdateUnitDto; response: UnitView };
  'POST /api/contests/{contestId}/uploads': { path: { contestId: string }; query: {}; body: undefined; response: UploadStateView };
  'OPTIONS /api/contests/{contestId}/uploads': { path: {}; query: {}; body: undefined; response: undefined };
  'GET /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined; response: UploadStateView };
  'PATCH /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined; response: undefined };
  'DELETE /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined; response: undefined };
  'HEAD /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined; response: undefined };
  'GET /api/contests/{contestId}/uploads/{uploadId}/content': { path: { contestId: string; uploadId: string }; query: {}; body: undefined; response: Blob };
  'GET /api/health': { path: {}; query: {}; body: undefined; response: HealthView };
  'GET /api/notifications': { path: {}; query: {}; body: undefined; response: MyNotificationPage };
  'POST /api/notifications/read-all': { path: {}; query: {}; body: undefined; response: MarkedReadView };
  'GET /api/notifications/settings': { path: {}; query: {}; body: undefined; response: NotificationSettingsView };
  'PUT /api/notifications/settings': { path: {}; query: {}; body: UpdateNotificationSettingsDto; response: NotificationSettingsView };
  'GET /api/notifications/unread-count': { path: {}; query: {}; body: undefined; response: UnreadCountView };
  'POST /api/notifications/{notificationId}/read': { path: { notificationId: string }; query: {}; body: undefined; response: MyNotificationView };
  'GET /api/public/contests': { path: {}; query: {}; body: undefined; response: PublicContestView[] };
  'GET /api/public/contests/{slug}/entries': { path: { slug: string }; query: {}; body: undefined; response: PublishedEntriesView };
  'GET /api/public/contests/{slug}/live': { path: { slug: string }; query: {}; body: undefined; response: Blob };
  'GET /api/public/contests/{slug}/live/snapshot': { path: { slug: string }; query: {}; body: undefined; response: LiveBoardView };
  'GET /api/public/contests/{slug}/results': { path: { slug: string }; query: {}; body: undefined; response: ResultsPublicView };
  'GET /api/public/contests/{slug}/results/versions': { path: { slug: string }; query: {}; body: undefined; response: ResultsPublicVersionView[] };
  'GET /api/public/contests/{slug}/results/versions/{version}': { path: { slug: string; version: string }; query: {}; body: undefined; response: ResultsPublicView };
  'GET /api/public/contests/{slug}/results/versions/{version}/documents/{kind}': { path: { slug: string; version: string; kind: string }; query: {}; body: undefined; response: Blob };
}
