import { GraphProblem, problemOfAnswer, problemOfNetwork } from './graph-problems';

/** At most this many objects per `?ids=` request (the Graph API's documented limit is 50). */
export const IDS_PER_REQUEST = 50;

/** Fields read per post: totals only (`limit(0)`: no list of people is fetched). */
export const POST_FIELDS =
  'reactions.summary(total_count).limit(0),shares,comments.summary(total_count).limit(0)';

/** A Graph answer is never this large for 50 posts of totals; past it the reading fails. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

/** One HTTP answer as received, kept as evidence (the token is never part of it). */
export interface RawAnswer {
  /** the request without its access token, e.g. /v23.0/?ids=1_2,1_3&fields=… */
  request: string;
  status: number;
  /** the usage headers Facebook sends (x-app-usage, x-business-use-case-usage, x-page-usage) */
  usage: Record<string, string>;
  body: string;
}

export class GraphFailure extends Error {
  /** every answer received before and with the failure (evidence of the refusal) */
  readonly answers: RawAnswer[];
  constructor(
    readonly problem: GraphProblem,
    readonly answer: RawAnswer | null,
    earlier: RawAnswer[] = [],
  ) {
    super(problem.code);
    this.answers = answer ? [...earlier, answer] : earlier;
  }
}

export interface PostCounts {
  reactions: number;
  shares: number;
  comments: number;
}

/** What debug_token says of a token (nulls where it does not say). */
export interface TokenFacts {
  /** the earliest of expires_at and data_access_expires_at; null: never (or not known) */
  expiresAt: Date | null;
  known: boolean;
  /** PAGE for a Page access token */
  type: string | null;
  scopes: string[] | null;
}

const USAGE_HEADERS = ['x-app-usage', 'x-business-use-case-usage', 'x-page-usage'];

/**
 * The few Graph API calls the platform makes, with a Page access token: who the token is
 * (`/me`), when it expires (`/debug_token`) and the totals of up to 50 posts per request
 * (`?ids=`). Every failure becomes a GraphFailure naming the problem (graph-problems.ts).
 */
export class GraphClient {
  /**
   * The version Facebook actually answered with (`facebook-api-version` header) when it is
   * not the one asked for: a retired version is served by the oldest one still usable
   * (https://developers.facebook.com/docs/graph-api/guides/versioning).
   */
  servedVersion: string | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly version: string,
    private readonly token: string,
  ) {}

  /** The Page the token belongs to: a Page token's /me is the Page. */
  async me(): Promise<{ id: string; name: string; answer: RawAnswer }> {
    const { json, answer } = await this.get('/me', { fields: 'id,name' });
    const id = typeof json.id === 'string' ? json.id : null;
    const name = typeof json.name === 'string' ? json.name : null;
    if (!id || !name) throw new GraphFailure(problemOfAnswer(answer.status, json), answer);
    return { id, name, answer };
  }

  /**
   * The token's expiry as debug_token tells it (a token may inspect itself): `expires_at` 0
   * means it does not expire; `data_access_expires_at` bounds data access as well. Null when
   * Facebook does not say (then the expiry is shown as unknown).
   */
  async expiry(): Promise<TokenFacts> {
    try {
      const { json } = await this.get('/debug_token', { input_token: this.token });
      const data = (json.data ?? {}) as Record<string, unknown>;
      const scopes = Array.isArray(data.scopes)
        ? data.scopes.filter((s): s is string => typeof s === 'string')
        : null;
      const type = typeof data.type === 'string' ? data.type : null;
      if (typeof data.expires_at !== 'number')
        return { expiresAt: null, known: false, type, scopes };
      const times = [data.expires_at, data.data_access_expires_at]
        .filter((t): t is number => typeof t === 'number' && t > 0)
        .map((t) => t * 1000);
      return {
        expiresAt: times.length ? new Date(Math.min(...times)) : null,
        known: true,
        type,
        scopes,
      };
    } catch {
      return { expiresAt: null, known: false, type: null, scopes: null };
    }
  }

  /**
   * Totals of the given posts, one request per 50. A post Facebook answers without (deleted,
   * hidden, or not the Page's) is reported in `unread`, never as zero. `shares` is absent
   * from a post nobody shared: that is 0 shares (documented on the Post reference).
   */
  async readPosts(ids: readonly string[]): Promise<{
    counts: Map<string, PostCounts>;
    unread: Map<string, GraphProblem>;
    answers: RawAnswer[];
  }> {
    const counts = new Map<string, PostCounts>();
    const unread = new Map<string, GraphProblem>();
    const answers: RawAnswer[] = [];
    for (let from = 0; from < ids.length; from += IDS_PER_REQUEST) {
      const batch = ids.slice(from, from + IDS_PER_REQUEST);
      try {
        const { json, answer } = await this.get('/', { ids: batch.join(','), fields: POST_FIELDS });
        answers.push(answer);
        for (const id of batch) {
          const post = countsOf(json[id]);
          if (post) counts.set(id, post);
          else unread.set(id, problemOfAnswer(404, { error: { code: 100, error_subcode: 33 } }));
        }
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        if (error.answer) answers.push(error.answer);
        // one missing post fails the whole ?ids= request (code 100): read the batch one by one
        if (error.problem.code === 'GRAPH_POST_UNAVAILABLE' && batch.length > 1) {
          const single = await this.readOneByOne(batch);
          single.counts.forEach((c, id) => counts.set(id, c));
          single.unread.forEach((p, id) => unread.set(id, p));
          answers.push(...single.answers);
          continue;
        }
        throw new GraphFailure(error.problem, null, answers);
      }
    }
    return { counts, unread, answers };
  }

  private async readOneByOne(batch: readonly string[]) {
    const counts = new Map<string, PostCounts>();
    const unread = new Map<string, GraphProblem>();
    const answers: RawAnswer[] = [];
    for (const id of batch) {
      try {
        const { json, answer } = await this.get(`/${encodeURIComponent(id)}`, {
          fields: POST_FIELDS,
        });
        answers.push(answer);
        const post = countsOf(json);
        if (post) counts.set(id, post);
        else unread.set(id, problemOfAnswer(answer.status, json));
      } catch (error) {
        if (!(error instanceof GraphFailure)) throw error;
        if (error.answer) answers.push(error.answer);
        if (error.problem.code !== 'GRAPH_POST_UNAVAILABLE')
          throw new GraphFailure(error.problem, null, answers);
        unread.set(id, error.problem);
      }
    }
    return { counts, unread, answers };
  }

  private async get(
    path: string,
    params: Record<string, string>,
  ): Promise<{ json: Record<string, unknown>; answer: RawAnswer }> {
    const query = new URLSearchParams(params).toString();
    const shown = `/${this.version}${path}?${query}`;
    const url = `${this.baseUrl.replace(/\/+$/, '')}${shown}&access_token=${encodeURIComponent(this.token)}`;
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = await boundedText(response);
    } catch (error) {
      throw new GraphFailure(problemOfNetwork(error), null);
    }
    const served = response.headers.get('facebook-api-version');
    if (served && served !== this.version) this.servedVersion = served;
    const usage: Record<string, string> = {};
    for (const name of USAGE_HEADERS) {
      const value = response.headers.get(name);
      if (value) usage[name] = value;
    }
    const answer: RawAnswer = { request: shown, status: response.status, usage, body };
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new GraphFailure(problemOfAnswer(response.status, null), answer);
    }
    // `null`, a number, `false`: not an answer we can read (nor a reason to call a post deleted)
    if (!parsed || typeof parsed !== 'object')
      throw new GraphFailure(problemOfAnswer(response.status, null), answer);
    const json = parsed as Record<string, unknown>;
    if (!response.ok || json.error)
      throw new GraphFailure(problemOfAnswer(response.status, json), answer);
    return { json, answer };
  }
}

/** A post's totals, or null when the answer holds no such post. */
function countsOf(value: unknown): PostCounts | null {
  if (!value || typeof value !== 'object') return null;
  const post = value as Record<string, unknown>;
  const total = (edge: unknown): number | null => {
    const summary = (edge as { summary?: { total_count?: unknown } } | undefined)?.summary;
    const n = summary?.total_count;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
  };
  const reactions = total(post.reactions);
  const comments = total(post.comments);
  if (reactions === null || comments === null) return null;
  const sharesCount = (post.shares as { count?: unknown } | undefined)?.count;
  const shares = typeof sharesCount === 'number' && sharesCount >= 0 ? sharesCount : 0;
  return { reactions, shares, comments };
}

async function boundedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error('answer too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
