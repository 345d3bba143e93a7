import { BoardSnapshotService } from '../src/live-board/board-snapshot.service';
import { LiveBoardHub } from '../src/live-board/live-board.hub';
import { reachFinal } from './support/fixtures';
import { SseTestClient } from './support/sse';
import { bearer, startTestApp, TestApp } from './support/test-app';

interface Board {
  contest: { name: string; status: string };
  final: {
    order: { entryId: string; teamName: string }[];
    current: { entryId: string | null; partCode: string | null; partName: string | null };
    timer: { running: boolean; startedAt: string | null; elapsedMs: number; limitSeconds: number };
    parts: { entryId: string; partCode: string; points: string | null; judges: number }[];
    ranking: { rank: number; teamName: string }[] | null;
  } | null;
  results: { version: number; fingerprint: string } | null;
  serverTime: string;
}

/**
 * The public live board over server-sent events: real HTTP connections to two app instances
 * sharing one database, with changes fanned out through PostgreSQL LISTEN/NOTIFY.
 */
describe('live board (server-sent events)', () => {
  let t: TestApp;
  let second: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  let judges: Record<string, string>;
  let version: number;
  const viewers: SseTestClient[] = [];
  const LIVE = '/api/public/contests/nga-bay-2022/live';
  const final = (path: string) => `/api/contests/${contestId}/final${path}`;

  beforeAll(async () => {
    // a short heartbeat to see one; a long coalescing window to count coalesced updates
    const env = { LIVE_BOARD_HEARTBEAT_SECONDS: '1', LIVE_BOARD_MIN_INTERVAL_MS: '400' };
    t = await startTestApp(env);
    ({ admin, contestId, entries, judges } = await reachFinal(t));
    second = await startTestApp(env, { shareDatabaseWith: t });
    const setup = await t.http
      .post(final('/setup'))
      .set(bearer(admin))
      .send({ seed: 'bang-dien-tu' })
      .expect(201);
    version = setup.body.version;
  });
  afterAll(async () => {
    for (const v of viewers) v.close();
    await second?.close();
    await t?.close();
  });

  const watch = async (app: TestApp, lastEventId?: string) => {
    const viewer = await SseTestClient.connect(app.server, LIVE, lastEventId);
    viewers.push(viewer);
    return viewer;
  };
  const live = async (body: object) => {
    const res = await t.http
      .post(final('/live'))
      .set(bearer(admin))
      .send({ ...body, version })
      .expect(200);
    version = res.body.version;
    return res.body;
  };
  const lastBoard = (v: SseTestClient) => v.boards<Board>().at(-1)!;

  it('opens an event stream with the current board at once, without authentication', async () => {
    const viewer = await watch(t);
    expect(viewer.status).toBe(200);
    expect(viewer.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(viewer.headers['cache-control']).toMatch(/no-cache/);
    await viewer.waitFor((e) => e.event === 'board');
    expect(viewer.events[0]).toEqual({ retry: 3000 });
    const board = lastBoard(viewer);
    expect(board.contest.name).toMatch(/^Hội thi Mô hình, sáng kiến cải cách hành chính/);
    expect(board.final!.order).toHaveLength(9);
    expect(board.final!.current).toEqual({ entryId: null, partCode: null, partName: null });
    expect(board.final!.ranking).toBeNull();
    expect(board.results).toBeNull();
    const snapshot = await t.http.get(`${LIVE}/snapshot`).expect(200);
    expect(snapshot.body.final.order).toHaveLength(9);
  });

  it('a change committed on one instance reaches viewers of the other instance', async () => {
    const onFirst = await watch(t);
    const onSecond = await watch(second);
    await onSecond.waitFor((e) => e.event === 'board');
    const first = entries[0]!.id;
    await live({ entryId: first, partCode: 'presentation' });
    for (const viewer of [onFirst, onSecond]) {
      await viewer.waitFor(
        (e) => e.event === 'board' && JSON.parse(e.data!).final.current.entryId === first,
      );
      expect(lastBoard(viewer).final!.current).toEqual({
        entryId: first,
        partCode: 'presentation',
        partName: 'Thuyết trình',
      });
    }
    // both instances computed the same snapshot, hence the same event id
    expect(lastBoard(onFirst)._id).toBe(lastBoard(onSecond)._id);
  });

  it('coalesces bursts: many changes, few events, and the last one is the final state', async () => {
    const viewer = await watch(second);
    await viewer.waitFor((e) => e.event === 'board');
    const before = viewer.boards().length;
    for (let i = 0; i < 6; i++) {
      await live({ timer: 'start' });
      await live({ timer: 'stop' });
    }
    const stopped = await live({ timer: 'start' });
    await viewer.waitFor(
      (e) =>
        e.event === 'board' &&
        JSON.parse(e.data!).final.timer.startedAt ===
          new Date(stopped.timer.startedAt).toISOString(),
    );
    const received = viewer.boards().length - before;
    expect(received).toBeGreaterThanOrEqual(1);
    expect(received).toBeLessThan(13); // 13 commits
    const board = lastBoard(viewer);
    expect(board.final!.timer.running).toBe(true);
    expect(board.final!.timer.limitSeconds).toBe(600);
    expect(Date.parse(board.serverTime)).toBeGreaterThan(0);
  });

  it('resumes with Last-Event-ID: nothing is resent unless the board changed meanwhile', async () => {
    const viewer = await watch(t);
    await viewer.waitFor((e) => e.event === 'board');
    const lastId = lastBoard(viewer)._id;
    viewer.close();

    const resumed = await watch(second, lastId);
    await resumed.waitFor((e) => e.comment === 'hb', 3000); // a heartbeat, and no board
    expect(resumed.boards()).toHaveLength(0);
    await live({ timer: 'stop' });
    await resumed.waitFor((e) => e.event === 'board');
    expect(lastBoard(resumed)._id).not.toBe(lastId);
    expect(lastBoard(resumed).final!.timer.running).toBe(false);

    const stale = await watch(t, 'an-id-from-long-ago');
    await stale.waitFor((e) => e.event === 'board');
  });

  it('part results and the ranking appear only when the organiser reveals them', async () => {
    const viewer = await watch(t);
    await viewer.waitFor((e) => e.event === 'board');
    const e1 = entries[0]!.id;
    for (const [username, points] of [
      ['gk.nguyen', 40],
      ['gk.tran', 42.5],
      ['gk.le', 41],
    ] as const) {
      const saved = await t.http
        .put(final(`/entries/${e1}/parts/presentation`))
        .set(bearer(judges[username]!))
        .send({ points })
        .expect(200);
      await t.http
        .post(final(`/entries/${e1}/parts/presentation/submit`))
        .set(bearer(judges[username]!))
        .send({ version: saved.body.version })
        .expect(200);
    }
    expect(lastBoard(viewer).final!.parts).toEqual([]);
    const revealed = await t.http
      .post(final('/reveal'))
      .set(bearer(admin))
      .send({ entryId: e1, partCode: 'presentation', revealed: true, version })
      .expect(200);
    version = revealed.body.version;
    await viewer.waitFor(
      (e) => e.event === 'board' && JSON.parse(e.data!).final.parts.length === 1,
    );
    // mean of 40, 42,5 and 41 = 41,1666… → 41,17
    expect(lastBoard(viewer).final!.parts).toEqual([
      { entryId: e1, partCode: 'presentation', points: '41.17', judges: 3 },
    ]);
    const byJudge = await t.http
      .post(final('/reveal'))
      .set(bearer(judges['gk.le']!))
      .send({ ranking: true, revealed: true, version });
    expect(byJudge.status).toBe(403);
    const ranking = await t.http
      .post(final('/reveal'))
      .set(bearer(admin))
      .send({ ranking: true, revealed: true, version })
      .expect(200);
    version = ranking.body.version;
    await viewer.waitFor((e) => e.event === 'board' && JSON.parse(e.data!).final.ranking !== null);
    // no finalist has a complete final score yet: the provisional ranking is empty
    expect(lastBoard(viewer).final!.ranking).toEqual([]);
  });

  it('drops closed viewers and answers 404 for an unknown contest', async () => {
    const unknown = await t.http.get('/api/public/contests/khong-co-hoi-thi/live');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CONTEST_NOT_FOUND');
    const hub = t.app.get(LiveBoardHub);
    const open = hub.viewerCount();
    const viewer = await watch(t);
    await viewer.waitFor((e) => e.event === 'board');
    expect(hub.viewerCount()).toBe(open + 1);
    viewer.close();
    const deadline = Date.now() + 3000;
    while (hub.viewerCount() !== open && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(hub.viewerCount()).toBe(open);
  });

  it('a failed rebuild keeps the last good board; with no board yet the snapshot answers 503', async () => {
    // Fault injection: the board's database read fails (e.g. during a failover).
    const failing = jest
      .spyOn(t.app.get(BoardSnapshotService), 'build')
      .mockRejectedValue(new Error('connection terminated'));
    try {
      t.app.get(LiveBoardHub).invalidate(contestId);
      await new Promise((r) => setTimeout(r, 600)); // past the coalescing window: it failed
      const stale = await t.http.get(`${LIVE}/snapshot`).expect(200);
      expect(stale.body.final.order).toHaveLength(9);
    } finally {
      failing.mockRestore();
    }

    // A fresh instance that has never built this board cannot answer with one.
    const third = await startTestApp({}, { shareDatabaseWith: t });
    try {
      const broken = jest
        .spyOn(third.app.get(BoardSnapshotService), 'build')
        .mockRejectedValue(new Error('connection terminated'));
      const res = await third.http.get(`${LIVE}/snapshot`);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('BOARD_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
      broken.mockRestore();
      // the retry the client is told to make gets the board
      const retried = await third.http.get(`${LIVE}/snapshot`).expect(200);
      expect(retried.body.final.order).toHaveLength(9);
    } finally {
      await third.close();
    }
  });
});
