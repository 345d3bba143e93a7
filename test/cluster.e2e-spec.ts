/**
 * @jest-environment <rootDir>/test/support/cluster-environment.ts
 */
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { Client } from 'pg';
import type { Cluster } from './support/cluster';
import {
  callJson,
  CLUSTER_SLUG,
  judgeSavesAndSubmits,
  judgesShown,
  JUDGE_PASSWORD,
  prepareClusterFinal,
  ReconnectingViewer,
  signInAll,
} from './support/cluster-load';
import {
  AcknowledgedUpload,
  prepareUploadContest,
  uploadThroughBalancer,
} from './support/cluster-uploads';
import { startClusterTest, type ClusterTest } from './support/cluster-setup';
import type { S3Server } from './support/s3-server';
import { mp4 } from './support/sample-files';

const JUDGES = 50;
const VIEWERS = Number(process.env.CLUSTER_TEST_VIEWERS ?? 1000);
const UPLOADING_TEAMS = 6;
const MIB = 1024 * 1024;

/**
 * Three built app instances (separate processes, each with a DATA_DIR of its own) on one
 * PostgreSQL and one S3 server (s3rver, STORAGE=s3), behind HAProxy running
 * deploy/haproxy.cfg. Teams upload videos through presigned URLs (API calls through the
 * balancer, bytes straight to the S3 server) while 50 judges save and submit and live-board
 * viewers, spread over the instances, watch; one instance is killed with SIGKILL mid-run,
 * another is stopped with SIGTERM afterwards. `npm run bench -- cluster` measures the
 * issue's sizes (3.000 viewers).
 */
describe('several instances behind a load balancer, one bucket', () => {
  let parts: ClusterTest;
  let s3: S3Server;
  let cluster: Cluster;
  let sql: Client;
  let contestId: string;
  let entryId: string;
  let tokens: string[];
  let uploadContestId: string;
  let teamTokens: string[];
  const uploads: AcknowledgedUpload[] = [];
  const viewers: ReconnectingViewer[] = [];

  beforeAll(async () => {
    parts = await startClusterTest('cluster', {
      // a verification claimed by the killed instance is taken over within seconds
      UPLOAD_VERIFY_CLAIM_SECONDS: '15',
      UPLOAD_CLEANUP_INTERVAL_SECONDS: '3',
      LOGIN_RATE_LIMIT: '10000',
      LOGIN_ADDRESS_RATE_LIMIT: '10000',
      SHUTDOWN_GRACE_SECONDS: '15',
    });
    ({ s3, cluster, sql } = parts);
    const prepared = await prepareClusterFinal(sql, JUDGES + 1);
    contestId = prepared.contestId;
    entryId = prepared.entryIds[0]!;
    tokens = await signInAll(cluster.base, prepared.usernames);
    const teams = await prepareUploadContest(sql, UPLOADING_TEAMS);
    uploadContestId = teams.contestId;
    teamTokens = await signInAll(cluster.base, teams.usernames);
  });

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await parts?.stop();
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

  const openViewers = async () => {
    // 100 at a time: each waits for its answer's headers through the balancer
    for (let i = 0; i < VIEWERS; i += 100) {
      const batch = Array.from(
        { length: Math.min(100, VIEWERS - i) },
        () =>
          new ReconnectingViewer(cluster.balancerPort, `/api/public/contests/${CLUSTER_SLUG}/live`),
      );
      viewers.push(...batch);
      await Promise.all(batch.map((v) => v.open()));
    }
  };
  const uploadState = async (token: string, id: string) =>
    callJson(cluster.base, 'GET', `/api/contests/${uploadContestId}/direct-uploads/${id}`, token);

  it('50 judges and uploading teams through the balancer, one instance killed: no acknowledged write lost, every viewer sees the current board', async () => {
    await openViewers();
    await Promise.all(viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === 0, 60_000)));
    // the balancer spread them over the three instances
    const spread = [await viewersOn(0), await viewersOn(1), await viewersOn(2)];
    expect(spread.reduce((a, b) => a + b, 0)).toBe(VIEWERS);
    for (const n of spread) expect(n).toBeGreaterThan(VIEWERS / 6);

    const victim = cluster.instances[1]!;
    let acknowledged = 0;
    let killed = false;
    let afterKill: () => void = () => undefined;
    const killedNow = new Promise<void>((resolve) => (afterKill = resolve));
    const judges = tokens.slice(0, JUDGES).map(async (token, i) => {
      // started a little apart, as judges in a hall are
      await new Promise((r) => setTimeout(r, i * 40));
      await judgeSavesAndSubmits(cluster.base, token, contestId, entryId, 10 + (i % 10));
      acknowledged++;
      if (acknowledged === JUDGES / 2 && !killed) {
        killed = true;
        victim.proc.kill('SIGKILL');
        afterKill();
      }
    });
    // meanwhile teams upload videos (17 MiB, 3 parts): API calls through the balancer, the
    // bytes straight to the S3 server; half of them start as the instance dies
    const teams = teamTokens.map(async (token, i) => {
      if (i % 2) await killedNow;
      await new Promise((r) => setTimeout(r, i * 100));
      const body = mp4(17 * MIB + i * 1000);
      uploads[i] = await uploadThroughBalancer(
        cluster.base,
        token,
        uploadContestId,
        `Video đội ${i + 1}.mp4`,
        body,
      );
    });
    await Promise.all([...judges, ...teams]);
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

    // every acknowledged upload is verified and ready, even one the killed instance was
    // verifying (the cleanup sweep of a live instance takes its claim over)
    expect(uploads.filter(Boolean)).toHaveLength(UPLOADING_TEAMS);
    for (const [i, upload] of uploads.entries()) {
      await cluster.waitUntil(
        async () => (await uploadState(teamTokens[i]!, upload.id)).body.status === 'ready',
        90_000,
      );
      const row = (await sql.query(`SELECT sha256, size FROM uploads WHERE id = $1`, [upload.id]))
        .rows[0];
      expect(row).toEqual({ sha256: upload.sha256, size: String(upload.size) });
    }
    // no video byte crossed an app instance
    for (const index of [0, 2])
      expect(
        /^upload_bytes_received_total\{[^}]*\} (\d+)/m.exec(
          await cluster.metrics(cluster.instances[index]!),
        )?.[1] ?? '0',
      ).toBe('0');
  });

  it('downloads and playback: any live instance answers a presigned GET of the bucket (the bytes never cross the app)', async () => {
    for (const index of [0, 2]) {
      const instance = cluster.instances[index]!;
      for (const [i, upload] of uploads.entries()) {
        const res = await fetch(
          `http://127.0.0.1:${instance.port}/api/contests/${uploadContestId}/uploads/${upload.id}/content`,
          { headers: { authorization: `Bearer ${teamTokens[i]}` }, redirect: 'manual' },
        );
        expect(res.status).toBe(302);
        const location = res.headers.get('location')!;
        expect(location.startsWith(s3.endpoint)).toBe(true);
        // a player's seek: a range straight from the bucket
        const seek = await fetch(location, { headers: { range: 'bytes=1000000-1999999' } });
        expect(seek.status).toBe(206);
        expect(seek.headers.get('content-type')).toBe('video/mp4');
        expect((await seek.arrayBuffer()).byteLength).toBe(1_000_000);
      }
    }
    // the whole file, once, is the one uploaded
    const whole = await fetch(
      `${cluster.base}/api/contests/${uploadContestId}/uploads/${uploads[0]!.id}/content`,
      { headers: { authorization: `Bearer ${teamTokens[0]}` } },
    );
    expect(whole.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await whole.arrayBuffer()))
        .digest('hex'),
    ).toBe(uploads[0]!.sha256);
  });

  it('a file the database knows but the bucket lacks: a logged 503 FILE_MISSING and a health warning on the instance that saw it', async () => {
    const lost = uploads[UPLOADING_TEAMS - 1]!;
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(
      new DeleteObjectCommand({ Bucket: s3.bucket, Key: `${uploadContestId}/${lost.id}` }),
    );
    client.destroy();
    const [seeing, other] = [cluster.instances[0]!, cluster.instances[2]!];
    const res = await fetch(
      `http://127.0.0.1:${seeing.port}/api/contests/${uploadContestId}/uploads/${lost.id}/content`,
      {
        headers: { authorization: `Bearer ${teamTokens[UPLOADING_TEAMS - 1]}` },
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe('FILE_MISSING');
    await cluster.waitUntil(async () => seeing.output.text.includes(lost.id), 5_000);
    const health = async (port: number) =>
      (await fetch(`http://127.0.0.1:${port}/api/health`)).json() as Promise<{
        status: string;
        uploads: string;
        warnings: { code: string; lastKey: string }[];
      }>;
    const seen = await health(seeing.port);
    // still serving (the balancer keeps it), but an operator sees the warning
    expect(seen).toMatchObject({ status: 'ok', uploads: 'ok' });
    expect(seen.warnings).toEqual([
      expect.objectContaining({ code: 'FILES_MISSING', lastKey: `${uploadContestId}/${lost.id}` }),
    ]);
    expect((await health(other.port)).warnings).toEqual([]);
    expect(await cluster.serverStates()).toEqual(['UP', 'DOWN', 'UP']);
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
