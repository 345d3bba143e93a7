import { createServer, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { startS3Server, type S3Server } from './support/s3-server';
import { startTestApp, TestApp } from './support/test-app';

/**
 * /api/health with STORAGE=s3, against s3rver behind a small counting HTTP relay (real
 * sockets both ways): the bucket is probed without writing and at most once per 5 s, and an
 * unreachable bucket is a clear warning that keeps the instance in the balancer.
 */
describe('health of the bucket (STORAGE=s3)', () => {
  let s3: S3Server;
  let t: TestApp;
  let relay: Server;
  let relayPort: number;
  const sockets = new Set<Socket>();
  let seen: string[] = [];

  const openRelay = (port = 0) =>
    new Promise<number>((resolve) => {
      relay = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        const out = request(
          {
            host: '127.0.0.1',
            port: s3.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        req.pipe(out);
      });
      relay.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      relay.listen(port, '127.0.0.1', () => {
        const address = relay.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  const closeRelay = () =>
    new Promise<void>((resolve) => {
      relay.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  beforeAll(async () => {
    s3 = await startS3Server();
    relayPort = await openRelay();
    t = await startTestApp({ ...s3.env, S3_ENDPOINT: `http://127.0.0.1:${relayPort}` });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await closeRelay();
    await s3?.stop();
  });

  const health = () => t.http.get('/api/health');
  const afterCache = () => new Promise((r) => setTimeout(r, 5200));

  it('probes the bucket with HeadBucket, never a write, at most once per 5 s', async () => {
    await afterCache();
    seen = [];
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => health()));
    for (let i = 0; i < 20; i++) answers.push(await health());
    const elapsed = Date.now() - started;
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', uploads: 'ok', storage: 's3', warnings: [] });
    }
    // 40 checks, one (or one more per 5 s the loaded machine took) HeadBucket
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(1 + Math.floor(elapsed / 5000));
    for (const call of seen) expect(call).toMatch(new RegExp(`^HEAD /${s3.bucket}/?$`));
  });

  /** Health answers until one matches (probes run in the background, 5 s apart). */
  const healthUntil = async (check: (body: Record<string, unknown>) => boolean) => {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const res = await health();
      if (check(res.body as Record<string, unknown>) || Date.now() > deadline) return res;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  it('an unreachable bucket: still 200 (the balancer keeps the instance), uploads "down" and a STORAGE_UNREACHABLE warning after two failed probes; back to ok when it answers', async () => {
    await closeRelay();
    const closedAt = Date.now();
    const down = await healthUntil((body) => body.uploads === 'down');
    // two failed probes, 5 s apart: not before ~5 s
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(5000);
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'degraded', database: 'ok', uploads: 'down' });
    expect(down.body.warnings).toEqual([
      expect.objectContaining({
        code: 'STORAGE_UNREACHABLE',
        message: expect.stringContaining('Không kết nối được kho lưu trữ'),
        error: expect.any(String),
        since: expect.any(String),
      }),
    ]);

    await openRelay(relayPort);
    const back = await healthUntil((body) => body.uploads === 'ok');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'ok', uploads: 'ok', warnings: [] });
  });
});
