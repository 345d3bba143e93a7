import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  debugTokenBody,
  GRAPH_ERRORS,
  type GraphErrorFixture,
  postBody,
  usageHeaders,
} from './graph-fixtures';

export interface FakeToken {
  type: 'PAGE' | 'USER';
  /** the page (or user) /me answers with */
  profileId: string;
  scopes: string[];
  /** seconds since the epoch; 0: never */
  expiresAt: number;
  /** answered instead of anything (an expired or revoked token) */
  refusal?: GraphErrorFixture;
}

export interface FakePost {
  reactions: number;
  comments: number;
  /** absent (undefined or 0): the answer has no `shares` field */
  shares?: number;
}

/**
 * A real HTTP server answering like the Graph API (fixtures in graph-fixtures.ts), with state a
 * test changes: tokens, pages, posts (a deleted post is removed), a refusal for every request.
 */
export class FakeGraphApi {
  readonly tokens = new Map<string, FakeToken>();
  readonly profiles = new Map<string, string>(); // id → name
  readonly posts = new Map<string, FakePost>();
  /** answered to every request while set (rate limiting, an outage) */
  refuseAll: GraphErrorFixture | null = null;
  /** answered, as these exact bytes, to every request while set (a proxy, a broken answer) */
  rawAnswer: { status: number; body: string } | null = null;
  /** the `facebook-api-version` header; default: the version asked for */
  servedVersion: string | null = null;
  usagePercent = 12;
  readonly requests: string[] = [];
  private server: Server | null = null;
  private held: {
    arrived: () => void;
    release: Promise<void>;
    waiting: number;
    need: number;
  } | null = null;

  /**
   * A slow Facebook: the next requests are held unanswered until `release()`; `arrived`
   * resolves when `requests` of them have come in (the callers are then waiting on Facebook).
   */
  holdAnswers(requests = 1): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { arrived, release: released, waiting: 0, need: requests };
    return {
      arrived: hasArrived,
      release: () => {
        this.held = null;
        release();
      },
    };
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(req: IncomingMessage, res: ServerResponse) {
    const held = this.held;
    if (!held) return this.answerNow(req, res);
    if (++held.waiting >= held.need) held.arrived();
    void held.release.then(() => this.answerNow(req, res));
  }

  private answerNow(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://graph.local');
    this.requests.push(`${url.pathname}?${hideToken(url.searchParams)}`);
    const [version, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    const headers = {
      'content-type': 'application/json; charset=UTF-8',
      'facebook-api-version': this.servedVersion ?? version ?? 'v23.0',
      ...usageHeaders('104000000000001', this.usagePercent),
    };
    const send = (status: number, body: unknown) => {
      res.writeHead(status, headers);
      res.end(JSON.stringify(body));
    };
    const refuse = (f: GraphErrorFixture) => send(f.status, f.body);
    if (this.refuseAll) return refuse(this.refuseAll);
    if (this.rawAnswer) {
      res.writeHead(this.rawAnswer.status, headers);
      return res.end(this.rawAnswer.body);
    }
    const token = this.tokens.get(url.searchParams.get('access_token') ?? '');
    if (!token) return refuse(GRAPH_ERRORS.tokenRevoked);
    if (token.refusal) return refuse(token.refusal);
    if (path === 'me')
      return send(200, { id: token.profileId, name: this.profiles.get(token.profileId) ?? '?' });
    if (path === 'debug_token') {
      const input = this.tokens.get(url.searchParams.get('input_token') ?? '');
      if (!input) return refuse(GRAPH_ERRORS.tokenRevoked);
      return send(
        200,
        debugTokenBody({
          type: input.type,
          pageId: input.profileId,
          expiresAt: input.expiresAt,
          scopes: input.scopes,
        }),
      );
    }
    if (!token.scopes.includes('pages_read_engagement'))
      return refuse(GRAPH_ERRORS.permissionDenied);
    const fields = url.searchParams.get('fields') ?? '';
    if (!fields.includes('reactions.summary(total_count)')) return send(400, {});
    if (path === '') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length > 50) return send(400, { error: { message: 'too many ids', code: 100 } });
      const missing = ids.filter((id) => !this.posts.has(id));
      if (missing.length) return refuse(GRAPH_ERRORS.aliasesMissing(missing));
      return send(
        200,
        Object.fromEntries(ids.map((id) => [id, postBody(id, this.posts.get(id)!)])),
      );
    }
    const post = this.posts.get(path);
    if (!post) return refuse(GRAPH_ERRORS.postMissing(path));
    return send(200, postBody(path, post));
  }
}

function hideToken(params: URLSearchParams): string {
  const copy = new URLSearchParams(params);
  if (copy.has('access_token')) copy.set('access_token', '…');
  if (copy.has('input_token')) copy.set('input_token', '…');
  return copy.toString();
}
