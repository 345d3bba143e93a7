import type { Permission } from '../../src/auth/allow.decorator';

/**
 * Who may call each route, written by hand and checked against the live route table (the
 * OpenAPI document): a route missing here fails the authorization test.
 * `ownTeamOnly`: team accounts may call it only for their own team (others get 404).
 */
export interface RouteAccess {
  allow: Permission[];
  ownTeamOnly?: boolean;
  /** Acts on "my team": the admin, having no team, is refused (403) too. */
  teamOnly?: boolean;
  /** The object used in the test is not visible to judges yet (404). */
  hiddenFromJudge?: boolean;
  /** For public routes guarded by the service: the only callers that may read the object. */
  readers?: string[];
  /** A valid body, so that ownership (not validation) decides the answer. */
  body?: object;
  /** Exact statuses for callers whose answer depends on the test object (e.g. 404 for a missing id). */
  expect?: Partial<Record<string, number>>;
}

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  'GET /api/health': { allow: ['public'] },
  'POST /api/auth/login': { allow: ['public'] },
  'GET /api/auth/me': { allow: ['authenticated'] },
  'POST /api/auth/password': { allow: ['authenticated'] },
  'GET /api/contests': { allow: ['authenticated'] },
  'POST /api/contests': { allow: ['admin'] },
  'GET /api/contests/{contestId}': { allow: ['organiser', 'judge', 'team'] },
  'PATCH /api/contests/{contestId}': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/transitions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/rules': { allow: ['organiser', 'judge', 'team'] },
  'PUT /api/contests/{contestId}/rules': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/rules/amendments': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/rules/versions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/accounts': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/accounts': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/accounts/{userId}/reset-password': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/accounts/{userId}/deactivate': {
    allow: ['organiser'],
    body: { reason: 'Giám khảo xin rút khỏi hội thi.' },
  },
  'POST /api/contests/{contestId}/accounts/{userId}/reactivate': {
    allow: ['organiser'],
    body: { reason: 'Giám khảo quay lại chấm thi.' },
  },
  'GET /api/contests/{contestId}/audit': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/audit/verify': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/audit/export': { allow: ['organiser'] },
  'GET /api/public/audit-key': { allow: ['public'] },
  'GET /api/contests/{contestId}/units': { allow: ['organiser', 'judge', 'team'] },
  'POST /api/contests/{contestId}/units': { allow: ['organiser'] },
  'PATCH /api/contests/{contestId}/units/{unitId}': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/teams': { allow: ['organiser', 'judge', 'team'] },
  'POST /api/contests/{contestId}/teams': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/teams/{teamId}': {
    allow: ['organiser', 'judge', 'team'],
    ownTeamOnly: true,
  },
  'PATCH /api/contests/{contestId}/teams/{teamId}': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/teams/{teamId}/members': {
    allow: ['organiser', 'team'],
    ownTeamOnly: true,
    body: { members: [{ fullName: 'Võ Thị Kim Ngân', isLeader: true }] },
  },
  'GET /api/contests/{contestId}/my-entry': { allow: ['team'], teamOnly: true },
  'PUT /api/contests/{contestId}/my-entry': { allow: ['team'], teamOnly: true },
  'POST /api/contests/{contestId}/my-entry/submit': { allow: ['team'], teamOnly: true },
  'GET /api/contests/{contestId}/entries': { allow: ['organiser', 'judge', 'team'] },
  'GET /api/contests/{contestId}/entries/{entryId}': {
    allow: ['organiser', 'judge', 'team'],
    ownTeamOnly: true,
    hiddenFromJudge: true,
  },
  'GET /api/contests/{contestId}/moderation': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/entries/{entryId}/reviews': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/entries/{entryId}/approve': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/entries/{entryId}/return': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/entries/{entryId}/duplicate-flag': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/entries/{entryId}/post-url': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/publish-all': { allow: ['organiser'] },
  'GET /api/public/contests': { allow: ['public'] },
  'GET /api/public/contests/{slug}/entries': { allow: ['public'] },
  'OPTIONS /api/contests/{contestId}/uploads': { allow: ['public'] },
  'POST /api/contests/{contestId}/uploads': { allow: ['team'], teamOnly: true },
  'HEAD /api/contests/{contestId}/uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  'GET /api/contests/{contestId}/uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  'PATCH /api/contests/{contestId}/uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  'DELETE /api/contests/{contestId}/uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  // Public route; the service decides: organisers, the owning team, judges once approved,
  // everyone once published. The file used in the test is team 2's and not published.
  'GET /api/contests/{contestId}/uploads/{uploadId}/content': {
    allow: ['public'],
    readers: ['admin', 'organiserA', 'teamA2'],
  },
  'GET /api/contests/{contestId}/interactions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/interactions/history': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/interactions/template.csv': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/interactions/template.xlsx': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/interactions/imports/preview': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/interactions/imports': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/interactions/form': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/interactions/exclusions': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/interactions/exclusions/{exclusionId}/withdraw': {
    allow: ['organiser'],
  },
  'GET /api/contests/{contestId}/judging/assignments': { allow: ['organiser', 'judge'] },
  'POST /api/contests/{contestId}/judging/assignments/all': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/judging/assignments': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/judging/conflicts': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/judging/entries/{entryId}/recuse': { allow: ['judge'] },
  // team 2's entry is a draft: nobody can score it yet (404)
  'GET /api/contests/{contestId}/judging/entries/{entryId}/scorecard': {
    allow: ['judge'],
    expect: { admin: 404, judgeA: 404 },
  },
  'PUT /api/contests/{contestId}/judging/entries/{entryId}/scorecard': { allow: ['judge'] },
  'POST /api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit': { allow: ['judge'] },
  // the id used does not exist: those allowed get 404 too
  'GET /api/contests/{contestId}/judging/scorecards/{scorecardId}': {
    allow: ['organiser', 'judge'],
    expect: { admin: 404, organiserA: 404, judgeA: 404 },
  },
  'POST /api/contests/{contestId}/judging/scorecards/{scorecardId}/reopen': {
    allow: ['organiser'],
  },
  'GET /api/contests/{contestId}/judging/progress': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/judging/close': { allow: ['organiser'] },
  // the final is not set up in this test: reading it gives 404 to those allowed
  'POST /api/contests/{contestId}/final/setup': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/final': {
    allow: ['organiser', 'judge'],
    expect: { admin: 404, organiserA: 404, judgeA: 404 },
  },
  'POST /api/contests/{contestId}/final/live': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}': { allow: ['judge'] },
  'POST /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}/submit': {
    allow: ['judge'],
  },
  'POST /api/contests/{contestId}/final/nominations': { allow: ['judge'] },
  'GET /api/contests/{contestId}/final/scores': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'POST /api/contests/{contestId}/final/reveal': { allow: ['organiser'] },
  // results: the contest is far from the final (409 for those allowed); no version exists (404)
  'GET /api/contests/{contestId}/results': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/results/tie-decisions': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/results/awards': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/results/freeze': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/results/versions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/results/versions/{version}': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'GET /api/contests/{contestId}/results/versions/{version}/verify': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'POST /api/contests/{contestId}/results/versions/{version}/approve': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/results/versions/{version}/reject': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/results/versions/{version}/documents/{kind}': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  // nothing is published yet and the contest is not public: nobody may read these (404)
  'GET /api/public/contests/{slug}/results': { allow: ['public'], readers: [] },
  'GET /api/public/contests/{slug}/results/versions': { allow: ['public'], readers: [] },
  'GET /api/public/contests/{slug}/results/versions/{version}': {
    allow: ['public'],
    readers: [],
  },
  'GET /api/public/contests/{slug}/results/versions/{version}/documents/{kind}': {
    allow: ['public'],
    readers: [],
  },
  'GET /api/public/contests/{slug}/live': { allow: ['public'], readers: [] },
  'GET /api/public/contests/{slug}/live/snapshot': { allow: ['public'], readers: [] },
  // notifications: `notificationId` is an id nobody has, so callers who get past the guard see 404
  'GET /api/notifications': { allow: ['authenticated'] },
  'GET /api/notifications/unread-count': { allow: ['authenticated'] },
  'POST /api/notifications/read-all': { allow: ['authenticated'] },
  'GET /api/notifications/settings': { allow: ['authenticated'] },
  'PUT /api/notifications/settings': { allow: ['authenticated'] },
  'POST /api/notifications/{notificationId}/read': {
    allow: ['authenticated'],
    expect: Object.fromEntries(
      ['admin', 'organiserA', 'judgeA', 'teamA', 'teamA2', 'judgeConflict']
        .concat(['organiserB', 'judgeB', 'teamB'])
        .map((caller) => [caller, 404]),
    ),
  },
  'GET /api/contests/{contestId}/notifications': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/notifications/{notificationId}/resend': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'PUT /api/contests/{contestId}/notifications/people/{userId}/address': {
    allow: ['organiser'],
    body: { email: 'gk.vo@example.vn' },
  },
  // province administrator's desk (admins only); an empty body is refused by validation (400)
  'GET /api/province/contests': { allow: ['admin'] },
  // (people of another contest do not learn that this one exists: 404, as on every contest route)
  'POST /api/province/contests/{contestId}/copy': {
    allow: ['admin'],
    expect: { organiserB: 404, judgeB: 404, teamB: 404 },
  },
  'POST /api/contests/{contestId}/notifications/{notificationId}/bounce': {
    allow: ['organiser'],
    body: { reason: 'Thư báo lỗi: hộp thư không tồn tại.' },
    expect: { admin: 404, organiserA: 404 },
  },
  'GET /api/contests/{contestId}/judging/panels': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/judging/panels/preview': {
    allow: ['organiser'],
    body: { k: 3 },
  },
  'POST /api/contests/{contestId}/judging/panels/{planId}/commit': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'GET /api/contests/{contestId}/judging/progress/entries': { allow: ['organiser'] },
  // registration (issue 24): the preview token and slips key are nobody's (404 past the guard)
  'GET /api/contests/{contestId}/registration/template.xlsx': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/registration/template.csv': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/registration/preview': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/registration/commits': {
    allow: ['organiser'],
    body: { previewToken: '00000000-0000-4000-8000-000000000000' },
    expect: { admin: 404, organiserA: 404 },
  },
  'POST /api/contests/{contestId}/registration/slips': {
    allow: ['organiser'],
    body: { token: `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}` },
    expect: { admin: 404, organiserA: 404 },
  },
  // bulk moderation and post addresses (issue 24): an empty body is refused (400) for those allowed
  'POST /api/contests/{contestId}/moderation/approve': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/post-urls/preview': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/post-urls': { allow: ['organiser'] },
  // object storage (issue 23): in the embedded mode of this test, direct uploads answer
  // 409 DIRECT_UPLOADS_OFF to the teams, after the ownership check (another team: 404)
  'GET /api/storage': { allow: ['public'] },
  'GET /api/contests/{contestId}/uploads/{uploadId}/link': {
    allow: ['public'],
    readers: ['admin', 'organiserA', 'teamA2'],
  },
  'POST /api/contests/{contestId}/direct-uploads': {
    allow: ['team'],
    teamOnly: true,
    body: { kind: 'video', fileName: 'a.mp4', size: 1000 },
  },
  'GET /api/contests/{contestId}/direct-uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/part-urls': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
    body: { partNumbers: [1] },
  },
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/parts': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
    body: { partNumber: 1, etag: '"abc"', size: 1000 },
  },
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/complete': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  'DELETE /api/contests/{contestId}/direct-uploads/{uploadId}': {
    allow: ['team'],
    teamOnly: true,
    ownTeamOnly: true,
  },
  // award ceremony (issue 26): the final is not set up in this test (404 for those allowed);
  // an empty body is refused (400)
  'GET /api/contests/{contestId}/final/ceremony': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
  'POST /api/contests/{contestId}/final/ceremony': { allow: ['organiser'] },
  // fanpage readings (issue 28): without a connection, the organisers' calls answer 409/200
  'GET /api/contests/{contestId}/fanpage': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/fanpage': { allow: ['organiser'] },
  'DELETE /api/contests/{contestId}/fanpage': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/fanpage/schedule': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/fanpage/readings': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/fanpage/readings': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/fanpage/readings/{readingId}/evidence': {
    allow: ['organiser'],
    expect: { admin: 404, organiserA: 404 },
  },
};
