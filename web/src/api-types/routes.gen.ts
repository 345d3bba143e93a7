// Generated from the OpenAPI document (GET /api/docs-json) by test/support/openapi-types.ts.
// Do not edit: run `npm run api:types` after changing a route or a DTO.
/* eslint-disable */

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

export interface CreateAccountDto {
  username: string;
  displayName: string;
  role: "organiser" | "judge" | "team";
  /** Required for team accounts */
  teamId?: string;
  /** The unit a judge works in (conflict of interest) */
  unitId?: string;
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

export interface MemberDto {
  fullName: string;
  position?: string;
  unitName?: string;
  isLeader?: boolean;
}

export interface NominationDto {
  kind: "individual" | "collective";
  partCode: string;
  entryId: string;
  /** Team member, for the individual prize */
  memberId?: string;
}

export interface PartScoreDto {
  points: number;
  /** Version last seen; required once the card exists */
  version?: number;
}

export interface PostUrlDto {
  postUrl: string;
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

export interface UpdateContestDto {
  name?: string;
  description?: string;
  fanpageUrl?: string | null;
  /** Optimistic lock: the version you read */
  version?: number;
}

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

export interface WithdrawExclusionDto {
  reason: string;
}

export interface ApiRoutes {
  'POST /api/auth/login': { path: {}; query: {}; body: LoginDto };
  'GET /api/auth/me': { path: {}; query: {}; body: undefined };
  'POST /api/auth/password': { path: {}; query: {}; body: ChangePasswordDto };
  'GET /api/contests': { path: {}; query: {}; body: undefined };
  'POST /api/contests': { path: {}; query: {}; body: CreateContestDto };
  'GET /api/contests/{contestId}': { path: { contestId: string }; query: {}; body: undefined };
  'PATCH /api/contests/{contestId}': { path: { contestId: string }; query: {}; body: UpdateContestDto };
  'GET /api/contests/{contestId}/accounts': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/accounts': { path: { contestId: string }; query: {}; body: CreateAccountDto };
  'POST /api/contests/{contestId}/accounts/{userId}/reset-password': { path: { contestId: string; userId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/audit': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/audit/verify': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/entries': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/entries/{entryId}': { path: { contestId: string; entryId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/entries/{entryId}/approve': { path: { contestId: string; entryId: string }; query: {}; body: ApproveEntryDto };
  'POST /api/contests/{contestId}/entries/{entryId}/duplicate-flag': { path: { contestId: string; entryId: string }; query: {}; body: FlagDuplicateDto };
  'PUT /api/contests/{contestId}/entries/{entryId}/post-url': { path: { contestId: string; entryId: string }; query: {}; body: PostUrlDto };
  'POST /api/contests/{contestId}/entries/{entryId}/return': { path: { contestId: string; entryId: string }; query: {}; body: ReturnEntryDto };
  'GET /api/contests/{contestId}/entries/{entryId}/reviews': { path: { contestId: string; entryId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/final': { path: { contestId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}': { path: { contestId: string; entryId: string; partCode: string }; query: {}; body: PartScoreDto };
  'POST /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}/submit': { path: { contestId: string; entryId: string; partCode: string }; query: {}; body: SubmitPartDto };
  'POST /api/contests/{contestId}/final/live': { path: { contestId: string }; query: {}; body: LiveDto };
  'POST /api/contests/{contestId}/final/nominations': { path: { contestId: string }; query: {}; body: NominationDto };
  'POST /api/contests/{contestId}/final/reveal': { path: { contestId: string }; query: {}; body: RevealDto };
  'GET /api/contests/{contestId}/final/scores': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/final/setup': { path: { contestId: string }; query: {}; body: SetupFinalDto };
  'GET /api/contests/{contestId}/interactions': { path: { contestId: string }; query: { burstThreshold?: number; burstWindowHours?: number; roundAbove?: number }; body: undefined };
  'POST /api/contests/{contestId}/interactions/exclusions': { path: { contestId: string }; query: {}; body: ExclusionDto };
  'POST /api/contests/{contestId}/interactions/exclusions/{exclusionId}/withdraw': { path: { contestId: string; exclusionId: string }; query: {}; body: WithdrawExclusionDto };
  'POST /api/contests/{contestId}/interactions/form': { path: { contestId: string }; query: {}; body: FormSnapshotDto };
  'GET /api/contests/{contestId}/interactions/history': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/interactions/imports': { path: { contestId: string }; query: {}; body: FormData };
  'POST /api/contests/{contestId}/interactions/imports/preview': { path: { contestId: string }; query: {}; body: FormData };
  'GET /api/contests/{contestId}/interactions/template.csv': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/interactions/template.xlsx': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/judging/assignments': { path: { contestId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/judging/assignments': { path: { contestId: string }; query: {}; body: AssignDto };
  'POST /api/contests/{contestId}/judging/assignments/all': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/judging/close': { path: { contestId: string }; query: {}; body: CloseJudgingDto };
  'POST /api/contests/{contestId}/judging/conflicts': { path: { contestId: string }; query: {}; body: ConflictDto };
  'POST /api/contests/{contestId}/judging/entries/{entryId}/recuse': { path: { contestId: string; entryId: string }; query: {}; body: ReasonDto };
  'GET /api/contests/{contestId}/judging/entries/{entryId}/scorecard': { path: { contestId: string; entryId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/judging/entries/{entryId}/scorecard': { path: { contestId: string; entryId: string }; query: {}; body: SaveScorecardDto };
  'POST /api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit': { path: { contestId: string; entryId: string }; query: {}; body: SubmitScorecardDto };
  'GET /api/contests/{contestId}/judging/progress': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/judging/scorecards/{scorecardId}': { path: { contestId: string; scorecardId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/judging/scorecards/{scorecardId}/reopen': { path: { contestId: string; scorecardId: string }; query: {}; body: ReasonDto };
  'GET /api/contests/{contestId}/moderation': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/my-entry': { path: { contestId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/my-entry': { path: { contestId: string }; query: {}; body: SaveEntryDto };
  'POST /api/contests/{contestId}/my-entry/submit': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/publish-all': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/results': { path: { contestId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/results/awards': { path: { contestId: string }; query: {}; body: AwardsDto };
  'POST /api/contests/{contestId}/results/freeze': { path: { contestId: string }; query: {}; body: FreezeDto };
  'POST /api/contests/{contestId}/results/tie-decisions': { path: { contestId: string }; query: {}; body: TieDecisionDto };
  'GET /api/contests/{contestId}/results/versions': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/results/versions/{version}': { path: { contestId: string; version: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/results/versions/{version}/approve': { path: { contestId: string; version: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/results/versions/{version}/documents/{kind}': { path: { contestId: string; version: string; kind: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/results/versions/{version}/reject': { path: { contestId: string; version: string }; query: {}; body: RejectDto };
  'GET /api/contests/{contestId}/results/versions/{version}/verify': { path: { contestId: string; version: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/rules': { path: { contestId: string }; query: {}; body: undefined };
  'PUT /api/contests/{contestId}/rules': { path: { contestId: string }; query: {}; body: PutRulesDto };
  'POST /api/contests/{contestId}/rules/amendments': { path: { contestId: string }; query: {}; body: AmendRulesDto };
  'GET /api/contests/{contestId}/rules/versions': { path: { contestId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/teams': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/teams': { path: { contestId: string }; query: {}; body: CreateTeamDto };
  'GET /api/contests/{contestId}/teams/{teamId}': { path: { contestId: string; teamId: string }; query: {}; body: undefined };
  'PATCH /api/contests/{contestId}/teams/{teamId}': { path: { contestId: string; teamId: string }; query: {}; body: UpdateTeamDto };
  'PUT /api/contests/{contestId}/teams/{teamId}/members': { path: { contestId: string; teamId: string }; query: {}; body: ReplaceMembersDto };
  'POST /api/contests/{contestId}/transitions': { path: { contestId: string }; query: {}; body: TransitionDto };
  'GET /api/contests/{contestId}/units': { path: { contestId: string }; query: {}; body: undefined };
  'POST /api/contests/{contestId}/units': { path: { contestId: string }; query: {}; body: CreateUnitDto };
  'PATCH /api/contests/{contestId}/units/{unitId}': { path: { contestId: string; unitId: string }; query: {}; body: UpdateUnitDto };
  'POST /api/contests/{contestId}/uploads': { path: { contestId: string }; query: {}; body: undefined };
  'OPTIONS /api/contests/{contestId}/uploads': { path: {}; query: {}; body: undefined };
  'GET /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined };
  'PATCH /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined };
  'DELETE /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined };
  'HEAD /api/contests/{contestId}/uploads/{uploadId}': { path: { contestId: string; uploadId: string }; query: {}; body: undefined };
  'GET /api/contests/{contestId}/uploads/{uploadId}/content': { path: { contestId: string; uploadId: string }; query: {}; body: undefined };
  'GET /api/health': { path: {}; query: {}; body: undefined };
  'GET /api/public/contests': { path: {}; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/entries': { path: { slug: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/live': { path: { slug: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/live/snapshot': { path: { slug: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/results': { path: { slug: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/results/versions': { path: { slug: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/results/versions/{version}': { path: { slug: string; version: string }; query: {}; body: undefined };
  'GET /api/public/contests/{slug}/results/versions/{version}/documents/{kind}': { path: { slug: string; version: string; kind: string }; query: {}; body: undefined };
}
