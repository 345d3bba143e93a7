import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { importFilesLeft } from './support/import-files';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Abuse at the HTTP level: a slow-loris client that never finishes its headers is cut off by
 * the server's time limit; a multipart import whose body stops half-way stores nothing; the
 * server keeps answering normally afterwards.
 */
describe('slow and truncated requests', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({
      HTTP_HEADERS_TIMEOUT_SECONDS: '2',
      HTTP_REQUEST_TIMEOUT_SECONDS: '3',
    });
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    port = (t.server.address() as AddressInfo).port;
    await t.sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, published_at)
       SELECT contest_id, id, 'published', name, now() FROM teams WHERE contest_id = $1`,
      [contestId],
    );
    await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);
  });
  afterAll(() => t?.close());

  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    });
  const closed = (socket: Socket) =>
    new Promise<{ ms: number; data: string }>((resolve) => {
      const start = Date.now();
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('close', () => resolve({ ms: Date.now() - start, data }));
    });

  it('cuts off a client that sends its headers one byte at a time (slow-loris)', async () => {
    const socket = await open();
    const done = closed(socket);
    const header = `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: `;
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(header[i++ % header.length]!);
    }, 200);
    const { ms, data } = await done;
    clearInterval(drip);
    expect(ms).toBeLessThan(10_000);
    expect(data === '' || /^HTTP\/1\.1 408/.test(data)).toBe(true);
    expect((await t.http.get('/api/health')).status).toBe(200);
  });

  it('a multipart import whose body stops half-way stores nothing', async () => {
    const boundary = '----cchc-truncated';
    const csv =
      'STT,Đội,Mô hình,Địa chỉ bài đăng,Lượt thích,Lượt chia sẻ,Bình luận\r\n1,Đội 1,,,10,1,0\r\n';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="takenAt"\r\n\r\n2022-08-30T10:00:00+07:00\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dem.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}`;
    const socket = await open();
    const done = closed(socket);
    socket.write(
      `POST /api/contests/${contestId}/interactions/imports HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: ${bearer(admin).Authorization}\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: ${Buffer.byteLength(body) + 5000}\r\n\r\n` +
        body,
    );
    setTimeout(() => socket.end(), 300); // the client goes away mid-body
    const { data } = await done;
    expect(data === '' || /^HTTP\/1\.1 (400|408|413)/.test(data)).toBe(true);
    const snapshots = await t.sql.query(`SELECT count(*)::int AS n FROM interaction_snapshots`);
    expect(snapshots.rows[0].n).toBe(0);
    // nor is the part of the file that arrived left on disk (multer removes it)
    expect(await importFilesLeft(t)).toEqual([]);
    expect((await t.http.get('/api/health')).status).toBe(200);
  });

  it('a body that never completes is cut off by the request time limit', async () => {
    const socket = await open();
    const done = closed(socket);
    socket.write(
      `PUT /api/contests/${contestId} HTTP/1.1\r\nHost: x\r\nAuthorization: ${bearer(admin).Authorization}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":`,
    );
    const { ms } = await done;
    expect(ms).toBeLessThan(15_000);
    expect((await t.http.get('/api/health')).status).toBe(200);
  });
});
