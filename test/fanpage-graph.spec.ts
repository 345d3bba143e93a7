import { GraphClient, GraphFailure } from '../src/fanpage/graph-client';
import { graphObjectId } from '../src/fanpage/post-ids';
import { dueSlots, nextReadingAt } from '../src/fanpage/schedule';
import { TokenVault } from '../src/fanpage/token-vault';
import { GRAPH_ERRORS, type GraphErrorFixture } from './support/graph-fixtures';
import { FakeGraphApi } from './support/graph-server';

const PAGE = '104000000000001';
const TOKEN = 'EAAGpage-token-0123456789';

/** The Graph client against a real local HTTP server answering as the documentation shows. */
describe('Graph API client', () => {
  let graph: FakeGraphApi;
  const client = (token = TOKEN, version = 'v23.0') => new GraphClient(graph.url, version, token);

  beforeAll(async () => {
    graph = await new FakeGraphApi().start();
  });
  afterAll(() => graph.stop());
  beforeEach(() => {
    graph.tokens.clear();
    graph.posts.clear();
    graph.refuseAll = null;
    graph.rawAnswer = null;
    graph.servedVersion = null;
    graph.requests.length = 0;
    graph.profiles.set(PAGE, 'Hội thi CCHC Ngã Bảy');
    graph.tokens.set(TOKEN, {
      type: 'PAGE',
      profileId: PAGE,
      scopes: ['pages_show_list', 'pages_read_engagement'],
      expiresAt: 1_700_000_000,
    });
  });

  it('tells the page of a token (/me) and its expiry (debug_token)', async () => {
    const me = await client().me();
    expect(me).toMatchObject({ id: PAGE, name: 'Hội thi CCHC Ngã Bảy' });
    expect(await client().expiry()).toEqual({
      expiresAt: new Date(1_700_000_000_000),
      known: true,
      type: 'PAGE',
      scopes: ['pages_show_list', 'pages_read_engagement'],
    });
    graph.tokens.get(TOKEN)!.expiresAt = 0;
    expect((await client().expiry()).expiresAt).toBeNull(); // 0: does not expire
  });

  it('reads 120 posts in three ?ids= requests of at most 50, shares absent as 0, paging ignored', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `${PAGE}_${1000 + i}`);
    ids.forEach((id, i) =>
      graph.posts.set(id, { reactions: 10 * i, comments: i, shares: i % 2 ? i : undefined }),
    );
    const { counts, unread, answers } = await client().readPosts(ids);
    expect(graph.requests).toHaveLength(3);
    expect(
      graph.requests.map((r) => new URLSearchParams(r.split('?')[1]).get('ids')!.split(',').length),
    ).toEqual([50, 50, 20]);
    expect(graph.requests[0]).toContain(
      'fields=reactions.summary%28total_count%29.limit%280%29%2Cshares%2Ccomments.summary%28total_count%29.limit%280%29',
    );
    expect(unread.size).toBe(0);
    expect(counts.get(`${PAGE}_1000`)).toEqual({ reactions: 0, shares: 0, comments: 0 });
    expect(counts.get(`${PAGE}_1003`)).toEqual({ reactions: 30, shares: 3, comments: 3 });
    expect(counts.get(`${PAGE}_1004`)).toEqual({ reactions: 40, shares: 0, comments: 4 });
    // the evidence: each answer as received, the usage headers with it, never the token
    expect(answers).toHaveLength(3);
    expect(answers[0]!.usage['x-app-usage']).toContain('call_count');
    expect(answers[0]!.usage['x-business-use-case-usage']).toContain(PAGE);
    expect(JSON.stringify(answers)).not.toContain(TOKEN);
    expect(JSON.parse(answers[0]!.body)[`${PAGE}_1001`].shares).toEqual({ count: 1 });
  });

  it('a deleted post fails the batch (803): the batch is read one by one, the post reported, never zero', async () => {
    graph.posts.set(`${PAGE}_1`, { reactions: 5, comments: 1 });
    graph.posts.set(`${PAGE}_3`, { reactions: 7, comments: 0, shares: 2 });
    const { counts, unread } = await client().readPosts([`${PAGE}_1`, `${PAGE}_2`, `${PAGE}_3`]);
    expect([...counts.keys()]).toEqual([`${PAGE}_1`, `${PAGE}_3`]);
    expect(unread.get(`${PAGE}_2`)).toMatchObject({
      code: 'GRAPH_POST_UNAVAILABLE',
      graphCode: 100,
      graphSubcode: 33,
    });
  });

  const E = GRAPH_ERRORS;
  const refusals: [string, string, boolean, GraphErrorFixture][] = [
    ['expired token (190/463)', 'GRAPH_TOKEN_INVALID', false, E.tokenExpired],
    ['password changed (190/460)', 'GRAPH_TOKEN_INVALID', false, E.passwordChanged],
    ['revoked token (190)', 'GRAPH_TOKEN_INVALID', false, E.tokenRevoked],
    ['missing permission (10)', 'GRAPH_PERMISSION_MISSING', false, E.permissionDenied],
    ['missing permission (200)', 'GRAPH_PERMISSION_MISSING', false, E.permission200],
    ['app rate limit (4)', 'GRAPH_RATE_LIMITED', true, E.appRateLimit],
    ['user rate limit (17)', 'GRAPH_RATE_LIMITED', true, E.userRateLimit],
    ['page rate limit (32)', 'GRAPH_RATE_LIMITED', true, E.pageRateLimit],
    ['calls exceeded (613)', 'GRAPH_RATE_LIMITED', true, E.callsExceeded],
  ];
  it.each(refusals)(
    '%s becomes %s, in Vietnamese with what to do',
    async (_name, code, transient, fixture) => {
      graph.posts.set(`${PAGE}_1`, { reactions: 1, comments: 1 });
      graph.refuseAll = fixture;
      const failure = await client()
        .readPosts([`${PAGE}_1`])
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(failure).toBeInstanceOf(GraphFailure);
      const { problem, answers } = failure as GraphFailure;
      expect(problem.code).toBe(code);
      expect(problem.transient).toBe(transient);
      expect(problem.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
      expect(problem.action.length).toBeGreaterThan(20);
      expect(answers).toHaveLength(1); // the refusal is kept as evidence
      expect(JSON.parse(answers[0]!.body).error.code).toBe(fixture.body.error.code);
    },
  );

  it('a retired version is noticed from the facebook-api-version header', async () => {
    graph.servedVersion = 'v21.0';
    await client(TOKEN, 'v17.0').me();
    const c = client(TOKEN, 'v17.0');
    await c.me();
    expect(c.servedVersion).toBe('v21.0');
  });

  it.each([
    [200, 'null'],
    [502, 'null'],
    [200, '42'],
  ])(
    'an answer whose JSON is not an object (%s %s) is a problem with its evidence, not a crash',
    async (status, body) => {
      graph.rawAnswer = { status, body };
      graph.posts.set(`${PAGE}_1`, { reactions: 1, comments: 0 });
      await expect(client().me()).rejects.toBeInstanceOf(GraphFailure);
      const failure = await client()
        .readPosts([`${PAGE}_1`])
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(GraphFailure);
      expect(failure).toMatchObject({
        problem: { code: 'GRAPH_UNAVAILABLE' },
        answers: [{ status, body }],
      });
    },
  );

  it('an unreachable Graph API is a transient problem, not a crash', async () => {
    const c = new GraphClient('http://127.0.0.1:9', 'v23.0', TOKEN);
    await expect(c.me()).rejects.toMatchObject({
      problem: { code: 'GRAPH_UNAVAILABLE', transient: true },
    });
  });
});

describe('post ids from recorded post addresses', () => {
  it.each([
    ['https://www.facebook.com/hoithicchc/posts/123456789', `${PAGE}_123456789`],
    ['https://m.facebook.com/story.php?story_fbid=987&id=104', `${PAGE}_987`],
    ['https://www.facebook.com/hoithicchc/videos/555666777/', '555666777'],
    ['https://www.facebook.com/watch/?v=444', '444'],
    ['https://www.facebook.com/reel/333', '333'],
    ['https://www.facebook.com/hoithicchc/posts/pfbid02abcXYZ', null],
    ['https://fb.me/abc', null],
    [null, null],
  ])('%s → %s', (url, id) => {
    expect(graphObjectId(PAGE, url)).toBe(id);
  });
});

describe('token vault (AES-256-GCM)', () => {
  it('seals and opens; another key or a changed byte opens nothing', () => {
    const vault = new TokenVault(Buffer.alloc(32, 7));
    const sealed = vault.seal(TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toBe(vault.seal(TOKEN)); // a fresh IV each time
    expect(vault.open(sealed)).toBe(TOKEN);
    expect(new TokenVault(Buffer.alloc(32, 8)).open(sealed)).toBeNull();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(vault.open(tampered)).toBeNull();
  });
});

describe('schedule', () => {
  const h = 3600_000;
  const base = { intervalMinutes: 60, cutoffRetryMinutes: 120, connectedAt: 0 };
  it('hourly slots on the hour before the cut-off, the cut-off slot after it, then missed', () => {
    const cutoff = 100 * h + 30 * 60_000;
    expect(dueSlots({ ...base, cutoff, now: 99 * h + 5 })).toEqual([
      { kind: 'scheduled', scheduledAt: 99 * h },
    ]);
    expect(dueSlots({ ...base, cutoff, now: 100 * h + 31 * 60_000 })).toEqual([
      { kind: 'cutoff', scheduledAt: cutoff },
    ]);
    expect(dueSlots({ ...base, cutoff, now: cutoff + 2 * h })).toEqual([
      { kind: 'cutoff-missed', scheduledAt: cutoff },
    ]);
    expect(nextReadingAt({ ...base, cutoff, now: 100 * h + 1 })).toBe(cutoff);
    expect(nextReadingAt({ ...base, cutoff: null, now: 100 * h + 1 })).toBe(101 * h);
  });
  it('no interval: only the cut-off; before the connection: nothing', () => {
    expect(dueSlots({ ...base, intervalMinutes: null, cutoff: 5 * h, now: 4 * h })).toEqual([]);
    expect(dueSlots({ ...base, connectedAt: 10 * h, cutoff: null, now: 9 * h })).toEqual([]);
  });
});
