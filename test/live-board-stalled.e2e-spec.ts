import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { LiveBoardHub } from '../src/live-board/live-board.hub';
import { LIVE_BOARD_CHANNEL } from '../src/live-board/notify';
import { startTestApp, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A viewer whose phone stops reading (a dead line, or someone holding connections open on
 * purpose) must not make the server keep every later board in memory for it: past a bounded
 * backlog it is disconnected, and its EventSource reconnects with Last-Event-ID when it can.
 */
describe('live board: a viewer that stops reading', () => {
  let t: TestApp;
  let socket: Socket | undefined;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_BOARD_MIN_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    socket?.destroy();
    await t?.close();
  });

  it('is dropped once its unsent backlog passes the bound, not buffered without end', async () => {
    const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id as string;
    await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);
    const hub = t.app.get(LiveBoardHub);
    const { port } = t.server.address() as AddressInfo;
    const stalled = connect(port, '127.0.0.1');
    socket = stalled;
    stalled.pause(); // never reads a byte
    let closedByServer = false;
    stalled.on('close', () => (closedByServer = true));
    stalled.on('error', () => (closedByServer = true));
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(
      'GET /api/public/contests/nga-bay-2022/live HTTP/1.1\r\nHost: localhost\r\n' +
        'Accept: text/event-stream\r\n\r\n',
    );
    for (let i = 0; i < 100 && hub.viewerCount() === 0; i++) await sleep(20);
    expect(hub.viewerCount()).toBe(1);

    // every change sends a board of about 300 kB: 80 of them are 24 MB for this one viewer
    const big = 'Hội thi '.repeat(30_000);
    for (let i = 0; i < 80 && hub.viewerCount() > 0; i++) {
      await t.sql.query(`UPDATE contests SET name = $2 WHERE id = $1`, [contestId, `${big}${i}`]);
      await t.sql.query('SELECT pg_notify($1, $2)', [LIVE_BOARD_CHANNEL, contestId]);
      await sleep(60);
    }
    expect(hub.viewerCount()).toBe(0);
    // reading again, the phone finds its stream ended (its EventSource then reconnects)
    stalled.on('data', () => undefined);
    stalled.resume();
    for (let i = 0; i < 250 && !closedByServer; i++) await sleep(20);
    expect(closedByServer).toBe(true);
  }, 60_000);
});
