/**
 * @jest-environment <rootDir>/test/support/cluster-environment.ts
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { freePort, stopProcess } from './support/built-server';
import type { Cluster } from './support/cluster';
import {
  callJson,
  CLUSTER_SLUG,
  judgeSavesAndSubmits,
  judgesShown,
  JUDGE_PASSWORD,
  prepareClusterFinal,
  ReconnectingViewer,
} from './support/cluster-load';
import { startClusterTest, type ClusterTest } from './support/cluster-setup';

/**
 * deploy/nginx.conf, run as committed (its ${…} filled as envsubst would) in front of 3 built
 * instances on one bucket: the API and the live board pass through (the stream unbuffered),
 * /metrics is refused, and after a kill -9 requests keep being answered (a refused connection
 * is retried on another instance). The cluster test covers the rest with HAProxy.
 */
describe('nginx in front of several instances (deploy/nginx.conf)', () => {
  let parts: ClusterTest;
  let cluster: Cluster;
  let nginx: ChildProcess;
  let dir: string;
  let port: number;
  let sql: Client;
  let output = '';
  const viewers: ReconnectingViewer[] = [];

  beforeAll(async () => {
    parts = await startClusterTest('nginx', {}, { balancer: false });
    ({ cluster, sql } = parts);
    dir = mkdtempSync(join(tmpdir(), 'cchc-nginx-'));
    port = await freePort();
    const values: Record<string, string> = {
      LISTEN_ADDR: `127.0.0.1:${port}`,
      ...Object.fromEntries(
        cluster.instances.map((instance, i) => [`APP${i + 1}`, `127.0.0.1:${instance.port}`]),
      ),
    };
    const config = readFileSync(join(__dirname, '..', 'deploy', 'nginx.conf'), 'utf8').replace(
      /\$\{(\w+)\}/g,
      (_, name: string) => values[name]!,
    );
    writeFileSync(join(dir, 'nginx.conf'), config);
    nginx = spawn(
      '/usr/sbin/nginx',
      [
        '-p',
        dir,
        '-c',
        join(dir, 'nginx.conf'),
        '-e',
        'stderr',
        '-g',
        `daemon off; pid ${join(dir, 'nginx.pid')};`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    nginx.stdout!.on('data', (d) => (output += d));
    nginx.stderr!.on('data', (d) => (output += d));
    await cluster.waitUntil(
      () =>
        fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.status === 200,
          () => {
            if (nginx.exitCode !== null) throw new Error(`nginx exited:\n${output}`);
            return false;
          },
        ),
      30_000,
    );
  });

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    if (nginx) await stopProcess(nginx, 'SIGQUIT');
    await parts?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the API and the live board through, refuses /metrics, and keeps answering after an instance is killed', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(403);
    const { contestId, entryIds, usernames } = await prepareClusterFinal(sql, 1);
    const entryId = entryIds[0]!;
    const login = await callJson(`http://127.0.0.1:${port}`, 'POST', '/api/auth/login', undefined, {
      username: usernames[0],
      password: JUDGE_PASSWORD,
    });
    expect(login.status).toBe(200);
    for (let i = 0; i < 9; i++) {
      const viewer = new ReconnectingViewer(port, `/api/public/contests/${CLUSTER_SLUG}/live`);
      viewers.push(viewer);
      await viewer.open();
    }
    await Promise.all(viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === 0, 30_000)));

    cluster.instances[1]!.proc.kill('SIGKILL');
    // every request still answered (a refused connection goes to another instance)
    for (let i = 0; i < 12; i++) {
      const res = await fetch(
        `http://127.0.0.1:${port}/api/public/contests/${CLUSTER_SLUG}/entries`,
      );
      expect(res.status).toBe(200);
    }
    // nginx did meet the dead instance, and retried elsewhere
    expect(output).toMatch(
      /connect\(\) failed \(111: Connection refused\) while connecting to upstream/,
    );
    // a change reaches every viewer, those of the dead instance after reconnecting
    await judgeSavesAndSubmits(
      `http://127.0.0.1:${port}`,
      login.body.accessToken as string,
      contestId,
      entryId,
      12,
    );
    await Promise.all(viewers.map((v) => v.waitFor((d) => judgesShown(d, entryId) === 1, 30_000)));
  });
});
