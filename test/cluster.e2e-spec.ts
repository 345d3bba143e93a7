import { request } from 'node:http';
import { Client } from 'pg';
import { Cluster, sharedDataDir } from './support/cluster';
import {
  callJson,
  CLUSTER_SLUG,
  judgeSavesAndSubmits,
  judgesShown,
  JUDGE_PASSWORD,
  prepareClusterFinal,
  ReconnectingViewer,
} from './support/cluster-load';
import { createScratchDatabase, ScratchDatabase } from './support/database';

const JUDGES = 50;
const VIEWERS = 150;

/**
 * Three built app instances (separate processes) on one PostgreSQL and one shared DATA_DIR
 * (local file storage), behind HAProxy running deploy/haproxy.cfg. 50 judges save and submit
 * through the balancer while 150 live-board viewers, spread over the instances, watch; one
 * instance is killed with SIGKILL mid-run, another is stopped with SIGTERM afterwards.
 * Sizes are modest on purpose (2-core CI): `npm run bench -- cluster` uses the sizes.
 */
describe('several instances behind a load balancer', () => {
  let db: ScratchDatabase;
  let data: ReturnType<typeof sharedDataDir>;
  let cluster: Cluster;
  let sql: Client;
  let contestId: string;
  let entryId: string;
  let tokens: string[];
  const viewers: ReconnectingViewer[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase('cluster');
    data = sharedDataDir();
    cluster = new Cluster({
      DATABASE_URL: db.appUrl,
      MIGRATION_DATABASE_URL: db.ownerUrl,
      DATA_DIR: data.path,
      JWT_SECRET: 'cluster-test-secret-cluster-test-secret-01',
      ADMIN_PASSWORD: 'cluster-admin-password-1',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '10000',
      LOGIN_ADDRESS_RATE_LIMIT: '10000',
      LIVE_BOARD_MIN_INTERVAL_MS: '100',
      SHUTDOWN_GRACE_SECONDS: '15',
    });
    await cluster.start();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const prepared = await prepareClusterFinal(sql, JUDGES + 1);
    contestId = prepared.contestId;
    entryId = prepared.entryIds[0]!;
    tokens = [];
    for (const username of prepared.usernames) {
      const res = await callJson(cluster.base, 'POST', '/api/auth/login', undefined, {
        username,
        password: JUDGE_PASSWORD,
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      tokens.push(res.body.accessToken as string);
    }
  });

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await sql?.end();
    await cluster?.stop();
    await db?.drop();
    data?.remove();
  });

  const submitted = async () =>
    Number(
      (
        await sql.query(
          `SELECT count(*) FROM part_scorecards
            WHERE entry_id = $1 AND part_code = 'presentation' AND status = 'submitted'`,
          [entryId],
        )
      ).rows[0].count,
    );
  const viewersOn = async (index: number) =>
    Number(
      /^live_board_viewers\{[^}]*\} (\d+)/m.exec(
        await cluster.metrics(cluster.instances[index]!),
      )?.[1],
    );

  it('tokens from one instance work on the others (shared JWT_SECRET)', async () => {
    for (const instance of cluster.instances) {
      const res = await fetch(`http://127.0.0.1:${instance.port}/api/auth/me`, {
        headers: { authorization: `Bearer ${tokens[0]}` },
      });
      expect(res.status).toBe(200);
    }
  });

  it('50 judges through the balancer, one instance killed: no acknowledged write lost, every viewer sees the current board', async () => {
    for (let i = 0; i < VIEWERS; i++) {
      const viewer = new ReconnectingViewer(
        cluster.balancerPort,
        `/api/public/contests/${CLUSTER_SLUG}/live`,
      );
      viewers.push(viewer);
      await viewer.open();
    }
    await Promise.all(viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === 0, 60_000)));
    // the balancer spread them over the three instances
    const spread = [await viewersOn(0), await viewersOn(1), await viewersOn(2)];
    expect(spread.reduce((a, b) => a + b, 0)).toBe(VIEWERS);
    for (const n of spread) expect(n).toBeGreaterThan(VIEWERS / 6);

    const victim = cluster.instances[1]!;
    let acknowledged = 0;
    let killed = false;
    const judges = tokens.slice(0, JUDGES).map(async (token, i) => {
      // started a little apart, as judges in a hall are
      await new Promise((r) => setTimeout(r, i * 40));
      await judgeSavesAndSubmits(cluster.base, token, contestId, entryId, 10 + (i % 10));
      acknowledged++;
      if (acknowledged === JUDGES / 2 && !killed) {
        killed = true;
        victim.proc.kill('SIGKILL');
      }
    });
    await Promise.all(judges);
    expect(killed).toBe(true);
    expect(acknowledged).toBe(JUDGES);
    // every acknowledged submit is stored (none lost with the killed instance)
    expect(await submitted()).toBe(JUDGES);

    // the balancer's health check took the dead instance out
    await cluster.waitUntil(async () => (await cluster.serverStates())[1] === 'DOWN', 30_000);
    expect(await cluster.serverStates()).toEqual(['UP', 'DOWN', 'UP']);

    // its viewers reconnected elsewhere; every viewer shows all 50 submitted scores
    await Promise.all(
      viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === JUDGES, 60_000)),
    );
    expect(viewers.filter((v) => v.reconnects > 0).length).toBeGreaterThanOrEqual(spread[1]!);
    await cluster.waitUntil(
      async () => (await viewersOn(0)) + (await viewersOn(2)) === VIEWERS,
      30_000,
    );
  });

  it('SIGTERM: stops accepting, finishes the request in flight, sends viewers elsewhere, exits 0', async () => {
    const leaving = cluster.instances[2]!;
    const stayingBefore = await viewersOn(0);
    const onLeaving = await viewersOn(2);
    expect(stayingBefore + onLeaving).toBe(VIEWERS);

    // a request in flight: headers and half its body sent, the rest after the SIGTERM
    const body = JSON.stringify({ username: 'cluster.gk1', password: JUDGE_PASSWORD });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: leaving.port,
          method: 'POST',
          path: '/api/auth/login',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // once the server has the headers: SIGTERM, then the rest of the body 1,5 s later
      req.on('socket', (socket) =>
        socket.once('connect', () =>
          setTimeout(() => {
            leaving.proc.kill('SIGTERM');
            setTimeout(() => req.end(body.slice(10)), 1500);
          }, 300),
        ),
      );
    });
    const exit = new Promise<number | null>((resolve) => leaving.proc.once('exit', resolve));
    // new connections are refused while the request is still running
    await cluster.waitUntil(
      () =>
        fetch(`http://127.0.0.1:${leaving.port}/api/health`).then(
          () => false,
          () => true,
        ),
      5_000,
    );
    const finished = await answer;
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.text).accessToken).toEqual(expect.any(String));
    expect(await exit).toBe(0);
    // its viewers were told to come back in 1 s (the streams open with `retry: 3000`)
    expect(viewers.filter((v) => v.retryHints.includes(1000)).length).toBeGreaterThanOrEqual(
      onLeaving,
    );

    await cluster.waitUntil(async () => (await cluster.serverStates())[2] === 'DOWN', 30_000);
    await cluster.waitUntil(async () => (await viewersOn(0)) === VIEWERS, 30_000);

    // a change after both departures reaches every viewer through the one instance left
    await judgeSavesAndSubmits(cluster.base, tokens[JUDGES]!, contestId, entryId, 12);
    expect(await submitted()).toBe(JUDGES + 1);
    await Promise.all(
      viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === JUDGES + 1, 30_000)),
    );
  });
});
