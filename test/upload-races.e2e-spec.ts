import { existsSync, statSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { UploadCleanupService } from '../src/uploads/upload-cleanup.service';
import { mp4, pdf, sha256 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * "Never lose a file" when things happen at the same time: the cleanup job, a finishing
 * upload, the team's other tab. Each test makes the interleaving happen for real (a row lock
 * held by the test pauses the job at a known point), no timing guesses.
 */
describe('uploads racing the cleanup job and each other', () => {
  let t: TestApp;
  let contestId: string;
  let team1: TusTestClient;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_VIDEO_BYTES: String(8 * 1024 * 1024) });
    const admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    team1 = new TusTestClient(t.http, await t.login('doi1'), contestId);
  });
  afterAll(() => t?.close());

  const uploadRow = async (id: string) =>
    (await t.sql.query(`SELECT * FROM uploads WHERE id = $1`, [id])).rows[0];
  const filePath = (id: string) => join(t.settings.uploadDir, contestId, id);

  /** Holds a row lock on an upload until released: whoever updates that row waits. */
  async function lockRow(id: string) {
    const client = new Client({ connectionString: t.sqlUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`SELECT 1 FROM uploads WHERE id = $1 FOR UPDATE`, [id]);
    return {
      /** Resolves once another session waits for this lock. */
      async waitedOn() {
        for (let i = 0; i < 400; i++) {
          const { rows } = await t.sql.query(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_locks mine
               ON mine.pid = $1 AND mine.granted AND l.transactionid = mine.transactionid
              WHERE NOT l.granted`,
            [(await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid],
          );
          if (rows[0].n > 0) return;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('nobody waited for the lock');
      },
      async release() {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  it('a sweep that listed an upload as abandoned leaves it alone once it finished meanwhile: file kept, no expiry audited', async () => {
    // two unfinished uploads, both older than the cutoff of the sweep below
    const first = mp4(200_000);
    const { body: a } = await team1.create('video', 'cu.mp4', first.length);
    expect((await team1.patch(a.id, 0, first.subarray(0, 50_000))).status).toBe(204);
    const body = mp4(300_000);
    const { body: b } = await team1.create('video', 'moi.mp4', body.length);
    expect((await team1.patch(b.id, 0, body.subarray(0, 100_000))).status).toBe(204);

    // the sweep lists both, then waits on the first one's row...
    const lock = await lockRow(a.id);
    const sweeping = t.app
      .get(UploadCleanupService)
      .sweep(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    await lock.waitedOn();
    // ...while the team's line comes back and the second one is finished
    const rest = await team1.patch(b.id, 100_000, body.subarray(100_000));
    expect(rest.status).toBe(204);
    expect((await uploadRow(b.id)).status).toBe('ready');
    await lock.release();
    await sweeping;

    expect((await uploadRow(a.id)).status).toBe('expired');
    const row = await uploadRow(b.id);
    expect(row).toMatchObject({ status: 'ready', sha256: sha256(body) });
    expect(existsSync(filePath(b.id))).toBe(true);
    expect(statSync(filePath(b.id)).size).toBe(body.length);
    const expiries = await t.sql.query(
      `SELECT 1 FROM audit_log WHERE action = 'upload.expire' AND entity_id = $1`,
      [b.id],
    );
    expect(expiries.rowCount).toBe(0);
  });

  it('a sweep that listed an upload as abandoned leaves it alone once the team resumed it meanwhile', async () => {
    const first = mp4(200_000);
    const { body: a } = await team1.create('video', 'cu-2.mp4', first.length);
    expect((await team1.patch(a.id, 0, first.subarray(0, 50_000))).status).toBe(204);
    const body = mp4(300_000);
    const { body: b } = await team1.create('video', 'tiep.mp4', body.length);
    expect((await team1.patch(b.id, 0, body.subarray(0, 100_000))).status).toBe(204);
    // the cutoff lies between the listing and the resumption: a day after the listing
    const cutoffAge = t.settings.config.UPLOAD_PENDING_MAX_AGE_SECONDS * 1000;
    await t.sql.query(
      `UPDATE uploads SET updated_at = now() - make_interval(secs => $2) WHERE id = ANY($1)`,
      [[a.id, b.id], cutoffAge / 1000 + 60],
    );

    const lock = await lockRow(a.id);
    const sweeping = t.app.get(UploadCleanupService).sweep();
    await lock.waitedOn();
    // the line comes back: the second upload moves on (still unfinished)
    expect((await team1.patch(b.id, 100_000, body.subarray(100_000, 200_000))).status).toBe(204);
    await lock.release();
    const result = await sweeping;

    expect(result.expired).toBe(1);
    expect((await uploadRow(a.id)).status).toBe('expired');
    expect(await uploadRow(b.id)).toMatchObject({ status: 'pending', received: '200000' });
    expect(statSync(filePath(b.id)).size).toBe(200_000);
    const rest = await team1.patch(b.id, 200_000, body.subarray(200_000));
    expect(rest.status).toBe(204);
    expect(await uploadRow(b.id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
  });

  it('an upload that finishes after the entry was submitted (from another tab) is refused and freed, never kept pending to replace the file later', async () => {
    const token = await t.login('doi2');
    const team2 = new TusTestClient(t.http, token, contestId);
    const video = mp4(200_000);
    const first = await team2.upload('video', 'ban-dau.mp4', video);
    expect(first.res.status).toBe(204);
    expect((await team2.upload('outline', 'de-cuong.pdf', pdf())).res.status).toBe(204);
    await t.http
      .put(`/api/contests/${contestId}/my-entry`)
      .set(bearer(token))
      .send({
        name: 'Mô hình của đội 2',
        context: 'Bối cảnh.',
        implementation: 'Triển khai.',
        benefits: 'Lợi ích.',
        originalityDeclared: true,
      })
      .expect(200);
    // a second tab starts replacing the video...
    const better = mp4(300_000);
    const { body: second } = await team2.create('video', 'ban-sua.mp4', better.length);
    expect((await team2.patch(second.id, 0, better.subarray(0, 100_000))).status).toBe(204);
    // ...while the first tab submits the entry with the first video
    await t.http.post(`/api/contests/${contestId}/my-entry/submit`).set(bearer(token)).expect(200);

    const last = await team2.patch(second.id, 100_000, better.subarray(100_000));
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('ENTRY_LOCKED');
    // refused for good: its bytes removed, no longer counted against the team's quota
    expect(await uploadRow(second.id)).toMatchObject({
      status: 'failed',
      failure_code: 'ENTRY_LOCKED',
    });
    expect(existsSync(filePath(second.id))).toBe(false);

    // the organisers return the entry; the team's page reloads and asks about the upload:
    // the video the organisers reviewed is still the entry's, and still on disk
    const admin = await t.login('admin');
    const entryId = (
      await t.http.get(`/api/contests/${contestId}/my-entry`).set(bearer(token)).expect(200)
    ).body.id as string;
    await t.http
      .post(`/api/contests/${contestId}/entries/${entryId}/return`)
      .set(bearer(admin))
      .send({ reasons: ['Bổ sung đề cương'] })
      .expect(200);
    await t.http.get(`/api/contests/${contestId}/uploads/${second.id}`).set(bearer(token));
    const entry = await t.sql.query(`SELECT video_upload_id FROM entries WHERE id = $1`, [entryId]);
    expect(entry.rows[0].video_upload_id).toBe(first.id);
    expect(existsSync(filePath(first.id!))).toBe(true);
  });

  it('a PATCH after the line dropped silently (the old connection never closes) takes over: the upload resumes at once, not after the request timeout', async () => {
    const token = await t.login('doi3');
    const team3 = new TusTestClient(t.http, token, contestId);
    const body = mp4(600_000);
    const { body: created } = await team3.create('video', 'mat-mang.mp4', body.length);
    const id = created.id as string;
    // the first PATCH sends 200 kB, then the ward office's line goes dead: no FIN, no RST
    const stalled = stalledPatch(`/api/contests/${contestId}/uploads/${id}`, token, body, 200_000);
    try {
      let offset = 0;
      for (let i = 0; i < 200 && offset < 200_000; i++) {
        offset = Number((await team3.head(id)).headers['upload-offset']);
        if (offset < 200_000) await new Promise((r) => setTimeout(r, 25));
      }
      expect(offset).toBe(200_000);
      // the line is back: the client resumes from what the server holds
      const rest = await team3.patch(id, offset, body.subarray(offset));
      expect(rest.status).toBe(204);
      expect(await uploadRow(id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
      expect(statSync(filePath(id)).size).toBe(body.length);
    } finally {
      stalled.destroy();
    }
  });

  it('the cleanup job finishes, rather than expires, an upload whose every byte was stored before the server stopped', async () => {
    const token = await t.login('doi4');
    const team4 = new TusTestClient(t.http, token, contestId);
    const body = pdf(6000);
    const { body: created } = await team4.create('outline', 'de-cuong-doi-4.pdf', body.length);
    // the last PATCH was stored and fsynced, then the server died; nobody asked since
    writeFileSync(filePath(created.id), body);
    const result = await t.app
      .get(UploadCleanupService)
      .sweep(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    expect(result.expired).toBe(0);
    expect(await uploadRow(created.id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
    expect(statSync(filePath(created.id)).size).toBe(body.length);
    const entry = await t.sql.query(
      `SELECT e.outline_upload_id FROM entries e JOIN teams t ON t.id = e.team_id
        WHERE t.number = 4 AND e.contest_id = $1`,
      [contestId],
    );
    expect(entry.rows[0].outline_upload_id).toBe(created.id);
  });

  /** A PATCH whose first `sendBytes` arrive, then nothing, on a connection left open. */
  function stalledPatch(path: string, token: string, body: Buffer, sendBytes: number): Socket {
    const { port } = t.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      [
        `PATCH ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Authorization: Bearer ${token}`,
        'Tus-Resumable: 1.0.0',
        'Upload-Offset: 0',
        'Content-Type: application/offset+octet-stream',
        `Content-Length: ${body.length}`,
        '',
        '',
      ].join('\r\n'),
    );
    socket.write(body.subarray(0, sendBytes));
    return socket;
  }
});
