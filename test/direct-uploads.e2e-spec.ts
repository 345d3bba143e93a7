import { UploadCleanupService } from '../src/uploads/upload-cleanup.service';
import { DirectUploadVerifier } from '../src/uploads/direct-upload-verifier';
import { FILE_STORE, type FileStore } from '../src/storage/file-store';
import type { S3FileStore } from '../src/storage/s3-file-store';
import { DirectUploadClient } from './support/direct-upload-client';
import { startS3Server, type S3Server } from './support/s3-server';
import { mp4, pdf, png, sha256 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';

const MIB = 1024 * 1024;

/**
 * STORAGE=s3 against a real S3-compatible server process (s3rver over HTTP): the multipart
 * flow from start to a presigned download, and what is refused or cleaned up on the way.
 */
describe('direct uploads to an S3-compatible bucket', () => {
  let s3: S3Server;
  let t: TestApp;
  let contestId: string;
  let team1: DirectUploadClient;
  let team2: DirectUploadClient;
  let token1: string;
  let store: FileStore;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await startTestApp({
      ...s3.env,
      UPLOAD_MAX_VIDEO_BYTES: String(40 * MIB),
      UPLOAD_TEAM_QUOTA_BYTES: String(60 * MIB),
    });
    const admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    token1 = await t.login('doi1');
    team1 = new DirectUploadClient(t.http, token1, contestId);
    team2 = new DirectUploadClient(t.http, await t.login('doi2'), contestId);
    store = t.app.get<FileStore>(FILE_STORE);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  const row = async (id: string) =>
    (await t.sql.query(`SELECT * FROM uploads WHERE id = $1`, [id])).rows[0];
  const key = (id: string) => `${contestId}/${id}`;
  const idle = () => t.app.get(DirectUploadVerifier).idle();

  it('tells the web app to upload straight to the bucket, and refuses tus uploads', async () => {
    const mode = await t.http.get('/api/storage');
    expect(mode.body).toEqual({ storage: 's3', maxPartUrls: 10 });
    const tus = await t.http
      .post(`/api/contests/${contestId}/uploads`)
      .set(bearer(token1))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', '1000')
      .set('Upload-Metadata', `kind ${Buffer.from('video').toString('base64')}`);
    expect(tus.status).toBe(409);
    expect(tus.body.code).toBe('USE_DIRECT_UPLOAD');
    const health = await t.http.get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', uploads: 'ok', storage: 's3' });
  });

  it('uploads a video in parallel parts, resumes from the recorded parts, verifies, then serves it by a presigned URL', async () => {
    const body = mp4(17 * MIB + 12_345);
    const started = await team1.start('video', 'Chính quyền 24 giờ.mp4', body.length);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      status: 'pending',
      size: body.length,
      partSize: 8 * MIB,
      partCount: 3,
      parts: [],
      verifying: false,
    });
    const id = started.body.id as string;
    await team1.sendParts(id, body, 8 * MIB, [1, 3]);

    // after a reload the portal asks what is stored, and sends only the rest
    const resumed = await team1.get(id);
    expect(resumed.body.parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([1, 3]);
    expect(resumed.body.received).toBe(8 * MIB + (body.length - 16 * MIB));
    const early = await team1.complete(id);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'PARTS_MISSING', missingParts: [2] });
    await team1.sendParts(id, body, 8 * MIB, [2]);

    const done = await team1.complete(id);
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({ status: 'pending', verifying: true, received: body.length });
    await idle();
    const ready = await team1.get(id);
    expect(ready.body).toMatchObject({ status: 'ready', verifying: false, sha256: sha256(body) });
    expect(await row(id)).toMatchObject({
      detected_type: 'mp4',
      mime: 'video/mp4',
      sha256: sha256(body),
    });
    expect(s3.openMultipartUploads()).toEqual([]);
    const entry = await t.http.get(`/api/contests/${contestId}/my-entry`).set(bearer(token1));
    expect(entry.body.video).toMatchObject({ id, size: body.length });
    const actions = (
      await t.sql.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['upload.create', 'upload.assemble', 'upload.complete']);

    // download: the app answers with a redirect; the bucket serves the bytes and the seeks
    const content = await t.http
      .get(`/api/contests/${contestId}/uploads/${id}/content`)
      .set(bearer(token1));
    expect(content.status).toBe(302);
    const location = content.headers.location!;
    expect(location.startsWith(s3.endpoint)).toBe(true);
    expect(location).toMatch(/X-Amz-Expires=900/);
    const ranged = await fetch(location, { headers: { Range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(ranged.headers.get('content-disposition')).toMatch(
      /^inline; filename="Chinh quyen 24 gio.mp4"; filename\*=UTF-8''Ch%C3%ADnh/,
    );
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(body.subarray(1000, 2000));
    const link = await t.http
      .get(`/api/contests/${contestId}/uploads/${id}/link`)
      .set(bearer(token1));
    expect(link.body).toMatchObject({ direct: true, url: expect.stringContaining(s3.endpoint) });
    // not published: nobody else learns it exists
    expect((await t.http.get(`/api/contests/${contestId}/uploads/${id}/content`)).status).toBe(404);
    expect((await team2.get(id)).status).toBe(404);
  }, 120_000);

  it('refuses a fake video (a PNG named .mp4) when the parts are assembled: 415, failed row, no object', async () => {
    const body = png(300_000);
    const { id, res } = await team1.upload('video', 'video.mp4', body);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect((await row(id!)).status).toBe('failed');
    expect(await store.stat(key(id!))).toBeNull();
  });

  it('accepts a PDF outline after the background verification of its whole content', async () => {
    const body = pdf(50_000);
    const { id, res } = await team1.upload('outline', 'de-cuong.pdf', body);
    expect(res.status).toBe(202);
    await idle();
    expect(await row(id!)).toMatchObject({
      status: 'ready',
      detected_type: 'pdf',
      sha256: sha256(body),
    });
  });

  it('completes an upload the bucket already assembled (an instance killed between the two): 202, then ready', async () => {
    // the instance that asked the bucket to assemble the parts died before it wrote so: the
    // client's retry reaches another instance, whose own CompleteMultipartUpload the bucket
    // refuses (the multipart upload is gone), while the object is there, whole
    const body = pdf(6 * MIB + 4_321);
    const started = await team1.start('outline', 'de-cuong-hai-may.pdf', body.length);
    expect(started.status).toBe(201);
    const { id, partSize, partCount } = started.body as {
      id: string;
      partSize: number;
      partCount: number;
    };
    await team1.sendParts(id, body, partSize, [1, 2].slice(0, partCount));
    const recorded = await t.sql.query(
      `SELECT p.part_number AS "partNumber", p.etag, u.multipart_id AS "multipartId"
         FROM upload_parts p JOIN uploads u ON u.id = p.upload_id
        WHERE p.upload_id = $1 ORDER BY p.part_number`,
      [id],
    );
    const s3Store = store as S3FileStore;
    await s3Store.completeMultipart(
      key(id),
      recorded.rows[0].multipartId,
      recorded.rows.map((r: { partNumber: number; etag: string }) => ({
        partNumber: r.partNumber,
        etag: r.etag,
      })),
    );
    const res = await team1.complete(id);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ verifying: true });
    await idle();
    expect(await row(id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
  });

  it('refuses at start a file past the size limit or the team quota (413), with no row', async () => {
    const before = Number((await t.sql.query(`SELECT count(*) FROM uploads`)).rows[0].count);
    const big = await team2.start('video', 'dai.mp4', 41 * MIB);
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('FILE_TOO_LARGE');
    const first = await team2.start('video', 'a.mp4', 40 * MIB);
    expect(first.status).toBe(201);
    const second = await team2.start('video', 'b.mp4', 25 * MIB);
    expect(second.status).toBe(413);
    expect(second.body.code).toBe('QUOTA_EXCEEDED');
    expect(Number((await t.sql.query(`SELECT count(*) FROM uploads`)).rows[0].count)).toBe(
      before + 1,
    );
    expect((await team2.abort(first.body.id)).status).toBe(204);
  });

  it('gives up an idle unfinished upload of the same kind when the quota needs its room (multipart aborted)', async () => {
    const first = await team2.start('video', 'a.mp4', 40 * MIB);
    expect(first.status).toBe(201);
    await t.sql.query(
      `UPDATE uploads SET updated_at = now() - interval '11 minutes' WHERE id = $1`,
      [first.body.id],
    );
    const multipartId = (await row(first.body.id)).multipart_id as string;
    expect(s3.openMultipartUploads()).toContain(multipartId);
    const second = await team2.start('video', 'b.mp4', 25 * MIB);
    expect(second.status).toBe(201);
    expect(await row(first.body.id)).toMatchObject({
      status: 'expired',
      failure_code: 'ABANDONED',
    });
    expect(s3.openMultipartUploads()).not.toContain(multipartId);
    expect((await team2.abort(second.body.id)).status).toBe(204);
  });

  it('checks each recorded part: its number and its size', async () => {
    const started = await team2.start('video', 'c.mp4', 9 * MIB);
    const id = started.body.id as string;
    const wrongSize = await team2.record(id, { partNumber: 1, etag: '"abc"', size: 5 });
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.code).toBe('PART_SIZE_MISMATCH');
    const outOfRange = await team2.partUrls(id, [3]);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.code).toBe('PART_OUT_OF_RANGE');
    const tooMany = await team2.partUrls(id, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(tooMany.status).toBe(400);
    expect((await team2.abort(id)).status).toBe(204);
  });

  it('a part URL signs the length of its part, so a bucket that checks signatures refuses a PUT of any other size', async () => {
    const started = await team2.start('video', 'dai-hon.mp4', 9 * MIB);
    const id = started.body.id as string;
    const { urls } = (await team2.partUrls(id, [1, 2])).body as {
      urls: { partNumber: number; url: string }[];
    };
    for (const { url } of urls) {
      const signed = new URL(url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
      expect(signed).toContain('content-length');
    }
    // (s3rver does not check signatures: docs/storage.md) a PUT of the right size is stored
    const last = urls.find((u) => u.partNumber === 2)!;
    expect((await fetch(last.url, { method: 'PUT', body: Buffer.alloc(MIB) })).status).toBe(200);
    expect((await team2.abort(id)).status).toBe(204);
  });

  it('aborts the multipart upload when the team cancels: parts freed, row cancelled and audited', async () => {
    const body = mp4(9 * MIB);
    const started = await team2.start('video', 'huy.mp4', body.length);
    const id = started.body.id as string;
    await team2.sendParts(id, body, 8 * MIB, [1]);
    const multipartId = (await row(id)).multipart_id as string;
    expect(s3.openMultipartUploads()).toContain(multipartId);
    expect((await team2.abort(id)).status).toBe(204);
    expect(s3.openMultipartUploads()).not.toContain(multipartId);
    expect(await row(id)).toMatchObject({ status: 'cancelled', failure_code: 'CANCELLED' });
    const audit = await t.sql.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'upload.cancel'`,
      [id],
    );
    expect(audit.rowCount).toBe(1);
    expect((await team2.partUrls(id, [2])).status).toBe(409);
  });

  it('the cleanup job expires an abandoned direct upload and aborts its multipart upload', async () => {
    const body = mp4(9 * MIB);
    const started = await team2.start('video', 'bo-do.mp4', body.length);
    const id = started.body.id as string;
    await team2.sendParts(id, body, 8 * MIB, [2]);
    const multipartId = (await row(id)).multipart_id as string;
    expect(s3.openMultipartUploads()).toContain(multipartId);
    const result = await t.app
      .get(UploadCleanupService)
      .sweep(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toMatchObject({ status: 'expired', failure_code: 'ABANDONED' });
    expect(s3.openMultipartUploads()).toEqual([]);
  });

  it('finishes a verification a restart interrupted (the sweep takes over a stale claim)', async () => {
    const body = mp4(300_000);
    const started = await team1.start('video', 'restart.mp4', body.length);
    const id = started.body.id as string;
    await team1.sendParts(id, body, 8 * MIB, [1]);
    expect((await team1.complete(id)).status).toBe(202);
    await idle();
    // as if the instance died mid-verification: pending, assembled, claimed long ago
    await t.sql.query(
      `UPDATE uploads SET status = 'pending', sha256 = NULL, verify_claimed_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    await t.sql.query(`UPDATE entries SET video_upload_id = NULL WHERE video_upload_id = $1`, [id]);
    await t.app.get(UploadCleanupService).sweep();
    expect(await row(id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
  });

  it('never expires an upload the team finished sending: an assembled upload whose verification waited past the cutoff is verified, not expired', async () => {
    const body = mp4(300_000);
    const started = await team1.start('video', 'cho-kiem-tra.mp4', body.length);
    const id = started.body.id as string;
    await team1.sendParts(id, body, 8 * MIB, [1]);
    expect((await team1.complete(id)).status).toBe(202);
    await idle();
    // as if every verification so far failed (the bucket was unreachable for a day)
    await t.sql.query(
      `UPDATE uploads SET status = 'pending', sha256 = NULL, verify_claimed_at = NULL,
              updated_at = now() - interval '2 days' WHERE id = $1`,
      [id],
    );
    await t.sql.query(`UPDATE entries SET video_upload_id = NULL WHERE video_upload_id = $1`, [id]);
    await t.app.get(UploadCleanupService).sweep();
    expect(await row(id)).toMatchObject({ status: 'ready', sha256: sha256(body) });
    expect(await store.stat(key(id))).toBe(body.length);
  });

  it('answers 503 FILE_MISSING when the bucket lacks a ready file', async () => {
    const body = mp4(200_000);
    const { id } = await team1.upload('video', 'mat.mp4', body);
    await idle();
    expect((await row(id!)).status).toBe('ready');
    await store.remove(key(id!));
    const res = await t.http
      .get(`/api/contests/${contestId}/uploads/${id}/content`)
      .set(bearer(token1));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('FILE_MISSING');
    const health = await t.http.get('/api/health');
    expect(health.body.warnings[0]).toMatchObject({ code: 'FILES_MISSING' });
  });
});
