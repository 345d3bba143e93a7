/**
 * Answers of the Graph API as its documentation shows them; the page each one is taken from is
 * named beside it. The local Graph server (graph-server.ts) serves them.
 */

const ERRORS_PAGE = 'https://developers.facebook.com/docs/graph-api/guides/error-handling';
const RATE_PAGE = 'https://developers.facebook.com/docs/graph-api/overview/rate-limiting';

/** An error body: `{ error: { message, type, code, error_subcode?, fbtrace_id } }`. */
export interface GraphErrorFixture {
  /** the documentation page the shape and code come from */
  doc: string;
  status: number;
  body: { error: Record<string, unknown> };
}

const error = (
  doc: string,
  status: number,
  code: number,
  type: string,
  message: string,
  subcode?: number,
): GraphErrorFixture => ({
  doc,
  status,
  body: {
    error: {
      message,
      type,
      code,
      ...(subcode !== undefined ? { error_subcode: subcode } : {}),
      fbtrace_id: 'EJplcsCHuLu',
    },
  },
});

export const GRAPH_ERRORS = {
  // Error handling guide, "Authentication Error Subcodes": 463 expired, 460 password changed
  tokenExpired: error(
    ERRORS_PAGE,
    400,
    190,
    'OAuthException',
    'Error validating access token: Session has expired on Monday, 31-Aug-22 10:00:00 PDT.',
    463,
  ),
  passwordChanged: error(
    ERRORS_PAGE,
    400,
    190,
    'OAuthException',
    'Error validating access token: The session has been invalidated because the user changed their password.',
    460,
  ),
  // Error handling guide, code 190 without subcode: "access token has expired, been revoked, or is otherwise invalid"
  tokenRevoked: error(ERRORS_PAGE, 400, 190, 'OAuthException', 'Invalid OAuth access token.'),
  // Error handling guide: 10 "API Permission Denied", 200-299 "API Permission (Multiple values depending on permission)"
  permissionDenied: error(
    ERRORS_PAGE,
    403,
    10,
    'OAuthException',
    '(#10) This endpoint requires the pages_read_engagement permission.',
  ),
  permission200: error(
    ERRORS_PAGE,
    403,
    200,
    'OAuthException',
    '(#200) Requires pages_read_engagement permission to manage the object',
  ),
  // Error handling guide: 4 "API Too Many Calls", 17 "API User Too Many Calls"
  appRateLimit: error(
    ERRORS_PAGE,
    400,
    4,
    'OAuthException',
    '(#4) Application request limit reached',
  ),
  userRateLimit: error(ERRORS_PAGE, 400, 17, 'OAuthException', '(#17) User request limit reached'),
  // Rate limiting guide, Page-level (Pages API) throttling: error code 32; 613 "Calls to this api have exceeded the rate limit"
  pageRateLimit: error(RATE_PAGE, 400, 32, 'OAuthException', '(#32) Page request limit reached'),
  callsExceeded: error(
    RATE_PAGE,
    400,
    613,
    'OAuthException',
    '(#613) Calls to this api have exceeded the rate limit.',
  ),
  // Error handling guide: code 100 "Invalid parameter", subcode 33 for an object that does not exist
  // or cannot be loaded (a deleted or hidden post)
  postMissing: (id: string) =>
    error(
      ERRORS_PAGE,
      400,
      100,
      'GraphMethodException',
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      33,
    ),
  // A `?ids=` read (https://developers.facebook.com/docs/graph-api/guides/field-expansion, "multiple
  // ids") naming an id that does not exist fails as a whole; the code (803) is not in the error
  // guide's table: taken from answers Facebook gives, and read as "post unavailable"
  aliasesMissing: (ids: string[]) =>
    error(
      ERRORS_PAGE,
      404,
      803,
      'OAuthException',
      `(#803) Some of the aliases you requested do not exist: ${ids.join(',')}`,
    ),
} satisfies Record<string, GraphErrorFixture | ((...a: never[]) => GraphErrorFixture)>;

/**
 * A post's totals as the Object Reactions reference
 * (https://developers.facebook.com/docs/graph-api/reference/object/reactions) and the Object
 * Comments reference (https://developers.facebook.com/docs/graph-api/reference/object/comments)
 * show `summary.total_count`; `shares` as the Post reference
 * (https://developers.facebook.com/docs/graph-api/reference/post) documents it: `{ count }`,
 * and absent from a post nobody shared. With `limit(0)` the `data` lists are empty; the
 * reactions edge still carries its `paging` cursors, which a reader of totals ignores.
 */
export function postBody(
  id: string,
  counts: { reactions: number; comments: number; shares?: number },
) {
  return {
    reactions: {
      data: [],
      paging: {
        cursors: {
          before:
            'QVFIUk5YbXFFbG8yVWVOa2w0ZAGhmSUNKMkZAZAOXZARbzJOMHM0TUFtZAnhJbWdPdkF4OURUTHJrQjFqQ2RQZAVN1UGxSVU5FWURENnE4OUFPeXFreU1jV09pdFJR',
          after:
            'QVFIUkpsWVRkcVl6SlhsdWlrcGdudl8xVEhwVEJ5ZA3FXdG90bTRxam13NmJDUGpQVnB5ZA29lMG9FVmFaeU1BLW1hc2oZD',
        },
      },
      summary: { total_count: counts.reactions, viewer_reaction: 'NONE' },
    },
    comments: {
      data: [],
      summary: { order: 'ranked', total_count: counts.comments, can_comment: true },
    },
    ...(counts.shares ? { shares: { count: counts.shares } } : {}),
    id,
  };
}

/**
 * debug_token's answer, as the access-token debugging guide shows it
 * (https://developers.facebook.com/docs/facebook-login/guides/access-tokens/debugging):
 * `expires_at` 0 for a token that does not expire.
 */
export function debugTokenBody(facts: {
  type: string;
  pageId: string;
  expiresAt: number;
  dataAccessExpiresAt?: number;
  scopes: string[];
  valid?: boolean;
}) {
  return {
    data: {
      app_id: '138483919580948',
      type: facts.type,
      application: 'Hội thi CCHC',
      data_access_expires_at: facts.dataAccessExpiresAt ?? 0,
      expires_at: facts.expiresAt,
      is_valid: facts.valid ?? true,
      issued_at: 1_661_000_000,
      profile_id: facts.pageId,
      scopes: facts.scopes,
      granular_scopes: facts.scopes.map((scope) => ({ scope, target_ids: [facts.pageId] })),
      user_id: '10215241773831025',
    },
  };
}

/**
 * The usage headers of the rate limiting guide: X-App-Usage (percentages of the app's
 * allowance) and X-Business-Use-Case-Usage (per business id, for Pages API calls made with a
 * Page token).
 */
export function usageHeaders(pageId: string, percent: number) {
  return {
    'x-app-usage': JSON.stringify({ call_count: percent, total_cputime: 1, total_time: 1 }),
    'x-business-use-case-usage': JSON.stringify({
      [pageId]: [
        {
          type: 'pages',
          call_count: percent,
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: 0,
        },
      ],
    }),
  };
}
