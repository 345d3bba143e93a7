import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { UploadCleanupService } from '../src/uploads/upload-cleanup.service';
import { docx, exe, html, mp4, pdf, png, sha256, webm } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { abortedPatch, TusTestClient } from './support/tus';
import { deflatedZeros, zipOf } from './support/zip';

describe('resumable uploads', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let team1: TusTestClient;
  let team2: TusTestClient;
  let token1: string;
  let token2: string;

  beforeAll(async () => {
    t = await startTestApp({
      UPLOAD_MAX_VIDEO_BYTES: String(8 * 1024 * 1024),
      UPLOAD_MAX_OUTLINE_BYTES: String(1024 * 1024),
    });
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    token1 = await t.login('doi1');
    token2 = await t.login('doi2');
    team1 = new TusTestClient(t.http, token1, contestId);
    team2 = new TusTestClient(t.http, token2, contestId);
  });
  afterAll(() => t?.close());

  const uploadRow = async (id: string) =>
    (await t.sql.query(`SELECT * FROM uploads WHERE id = $1`, [id])).rows[0];
  const filePath = (id: string) => join(t.settings.uploadDir, contestId, id);

  it('answers OPTIONS with the tus capabilities', async () => {
    const res = await t.http.options(`/api/contests/${contestId}/uploads`);
    expect(res.status).toBe(204);
    expect(res.headers['tus-version']).toBe('1.0.0');
    // exactly what is implemented: no `expiration` (no Upload-Expires header is ever sent)
    expect(res.headers['tus-extension']).toBe('creation,termination');
  });

  it('uploads a video in chunks: pending until complete, then ready with the SHA-256 of the bytes', async () => {
    const body = mp4(300 * 1024);
    const created = await team1.create('video', 'Chính quyền 24 giờ.mp4', body.length);
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(
      new RegExp(`/api/contests/${contestId}/uploads/${created.body.id}$`),
    );
    const id = created.body.id as string;
    const first = await team1.patch(id, 0, body.subarray(0, 100 * 1024));
    expect(first.status).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(100 * 1024));
    expect((await uploadRow(id)).status).toBe('pending');
    const head = await team1.head(id);
    expect(head.headers['upload-offset']).toBe(String(100 * 1024));
    const last = await team1.patch(id, 100 * 1024, body.subarray(100 * 1024));
    expect(last.status).toBe(204);
    const row = await uploadRow(id);
    expect(row).toMatchObject({
      status: 'ready',
      sha256: sha256(body),
      detected_type: 'mp4',
      mime: 'video/mp4',
    });
    expect(statSync(filePath(id)).size).toBe(body.length);
    const entry = await t.http.get(`/api/contests/${contestId}/my-entry`).set(bearer(token1));
    expect(entry.body.video).toMatchObject({
      id,
      originalName: 'Chính quyền 24 giờ.mp4',
      size: body.length,
    });
  });

  it('refuses a PATCH at the wrong offset with 409 and the current offset', async () => {
    const body = webm(50_000);
    const { body: created } = await team1.create('video', 'a.webm', body.length);
    const res = await team1.patch(created.id, 10, body.subarray(10));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'OFFSET_MISMATCH', offset: 0 });
  });

  it.each([
    ['a PNG called .mp4', 'video', 'anh.mp4', png()],
    ['an .exe called .mp4', 'video', 'setup.mp4', exe()],
    ['an HTML page called .pdf', 'outline', 'de-cuong.pdf', html()],
    ['an .exe called .docx', 'outline', 'de-cuong.docx', exe()],
    ['a PDF sent as the video', 'video', 'video.mp4', pdf(6000)],
  ])(
    'rejects %s with 415, leaves no file and a failed row',
    async (_name, kind, fileName, body) => {
      const { id, res } = await team2.upload(kind, fileName, body, 3000);
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
      expect(res.body.message).toMatch(/nội dung tệp/i);
      expect((await uploadRow(id!)).status).toBe('failed');
      expect(existsSync(filePath(id!))).toBe(false);
    },
  );

  it('accepts a real DOCX and a PDF as outlines, recognised by content', async () => {
    const word = await team2.upload('outline', 'de-cuong.docx', docx());
    expect(word.res.status).toBe(204);
    expect((await uploadRow(word.id!)).detected_type).toBe('docx');
    const paper = await team2.upload('outline', 'khong-co-duoi', pdf());
    expect(paper.res.status).toBe(204);
    expect((await uploadRow(paper.id!)).detected_type).toBe('pdf');
  });

  it('refuses a DOCX whose document declares 4 KiB but inflates to 512 MiB (ZIP_BOMB): failed row, no file', async () => {
    const bomb = zipOf([
      {
        name: '[Content_Types].xml',
        data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      },
      {
        name: 'word/document.xml',
        packed: await deflatedZeros(512 * 1024 ** 2),
        declaredSize: 4096,
      },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { id, res } = await team2.upload('outline', 'de-cuong.docx', bomb);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('ZIP_BOMB');
    expect((await uploadRow(id!)).status).toBe('failed');
    expect(existsSync(filePath(id!))).toBe(false);
  });

  it('refuses at tus creation an upload past the team quota (3 × the video limit): 413 QUOTA_EXCEEDED, no row, no file', async () => {
    const token3 = await t.login('doi3');
    const team3 = new TusTestClient(t.http, token3, contestId);
    const cancel = (id: string) =>
      t.http
        .delete(`/api/contests/${contestId}/uploads/${id}`)
        .set(bearer(token3))
        .set('Tus-Resumable', '1.0.0');
    const video = 8 * 1024 * 1024;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await team3.create('video', `clip-${i}.mp4`, video);
      expect(res.status).toBe(201);
      ids.push(res.headers.location!.split('/').pop()!);
    }
    const rows = async () =>
      Number(
        (
          await t.sql.query(
            `SELECT count(*) FROM uploads u JOIN teams t ON t.id = u.team_id WHERE t.number = 3`,
          )
        ).rows[0].count,
      );
    const before = await rows();
    const refused = await team3.create('outline', 'de-cuong.pdf', 1000);
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('QUOTA_EXCEEDED');
    expect(refused.body.details[0].field).toBe('Upload-Length');
    expect(refused.body.message).toMatch(/hạn mức 24 MiB/);
    expect(await rows()).toBe(before);
    // a cancelled upload frees its room
    expect((await cancel(ids.pop()!)).status).toBe(204);
    const fits = await team3.create('outline', 'de-cuong.pdf', 1000);
    expect(fits.status).toBe(201);
    ids.push(fits.headers.location!.split('/').pop()!);
    for (const id of ids) expect((await cancel(id)).status).toBe(204);
  });

  it('makes room past the quota by giving up the team’s idle unfinished uploads of the same kind, and only those', async () => {
    const token5 = await t.login('doi5');
    const team5 = new TusTestClient(t.http, token5, contestId);
    const video = 8 * 1024 * 1024;
    const idOf = (res: { headers: Record<string, string> }) =>
      res.headers.location!.split('/').pop()!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(idOf(await team5.create('video', `clip-${i}.mp4`, video)));
    // two of them left by creations whose answers a dropped line lost: nothing for 11 minutes
    const idle = (upload: string[]) =>
      t.sql.query(
        `UPDATE uploads SET updated_at = now() - interval '11 minutes' WHERE id = ANY($1)`,
        [upload],
      );
    await idle(ids.slice(0, 2));
    const fourth = await team5.create('video', 'clip-3.mp4', video);
    expect(fourth.status).toBe(201);
    for (const id of ids.slice(0, 2)) {
      expect(await uploadRow(id)).toMatchObject({ status: 'expired', failure_code: 'ABANDONED' });
      expect(existsSync(filePath(id))).toBe(false);
    }
    const audit = await t.sql.query(
      `SELECT a.entity_id FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'upload.expire' AND u.username = 'doi5' ORDER BY a.entity_id`,
    );
    expect(audit.rows.map((r) => r.entity_id)).toEqual(ids.slice(0, 2).sort());
    expect((await uploadRow(ids[2]!)).status).toBe('pending');
    // full again (3 × 8 MiB): an idle video gives no room to an outline
    const third = idOf(await team5.create('video', 'clip-4.mp4', video));
    await idle([ids[2]!]);
    const outline = await team5.create('outline', 'de-cuong.pdf', 1000);
    expect([outline.status, outline.body.code]).toEqual([413, 'QUOTA_EXCEEDED']);
    expect((await uploadRow(ids[2]!)).status).toBe('pending');
    for (const id of [ids[2]!, idOf(fourth), third])
      await t.http
        .delete(`/api/contests/${contestId}/uploads/${id}`)
        .set(bearer(token5))
        .set('Tus-Resumable', '1.0.0')
        .expect(204);
  });

  it('removes the file a new upload replaces once the entry points at it; row and audit kept', async () => {
    const team4 = new TusTestClient(t.http, await t.login('doi4'), contestId);
    const first = await team4.upload('outline', 'de-cuong-1.pdf', pdf());
    expect(first.res.status).toBe(204);
    expect(existsSync(filePath(first.id!))).toBe(true);
    const second = await team4.upload('outline', 'de-cuong-2.docx', docx());
    expect(second.res.status).toBe(204);
    expect((await uploadRow(first.id!)).status).toBe('superseded');
    expect(existsSync(filePath(first.id!))).toBe(false);
    expect((await uploadRow(second.id!)).status).toBe('ready');
    expect(existsSync(filePath(second.id!))).toBe(true);
    const entry = await t.sql.query(
      `SELECT e.outline_upload_id FROM entries e JOIN teams t ON t.id = e.team_id WHERE t.number = 4 AND e.contest_id = $1`,
      [contestId],
    );
    expect(entry.rows[0].outline_upload_id).toBe(second.id);
    const audit = await t.sql.query(
      `SELECT after FROM audit_log WHERE action = 'upload.supersede' AND entity_id = $1`,
      [first.id],
    );
    expect(audit.rows).toEqual([{ after: { status: 'superseded', replacedBy: second.id } }]);
  });

  it('reports free disk in /api/health and refuses new uploads below the floor (503 INSUFFICIENT_STORAGE)', async () => {
    const health = await t.http.get('/api/health').expect(200);
    expect(health.body.disk).toEqual({
      freeBytes: expect.any(Number),
      minFreeBytes: 2 * 1024 ** 3,
      acceptingUploads: true,
    });
    // the same server with its floor raised above any real disk (the setting is read per request)
    const config = t.settings.config;
    config.UPLOAD_MIN_FREE_DISK_BYTES = 2 ** 50;
    try {
      const low = await t.http.get('/api/health').expect(200);
      expect(low.body.disk.acceptingUploads).toBe(false);
      const refused = await team1.create('outline', 'de-cuong.pdf', 1000);
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('INSUFFICIENT_STORAGE');
      expect(refused.body.details[0].field).toBe('Upload-Length');
    } finally {
      config.UPLOAD_MIN_FREE_DISK_BYTES = 2 * 1024 ** 3;
    }
  });

  it('refuses a file over the size limit before any byte is sent (413), and a body longer than declared', async () => {
    const tooBig = await team1.create('outline', 'big.pdf', 1024 * 1024 + 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('FILE_TOO_LARGE');
    const body = pdf(10_000);
    const { body: created } = await team1.create('outline', 'small.pdf', 5000);
    const res = await team1.patch(created.id, 0, body);
    expect(res.status).toBe(413);
    expect(statSync(filePath(created.id)).size).toBe(0);
    expect((await uploadRow(created.id)).status).toBe('pending');
  });

  it('resumes after the connection drops mid-upload and yields a byte-identical file', async () => {
    const body = mp4(2 * 1024 * 1024);
    const { body: created } = await team2.create('video', 'video-doi-2.mp4', body.length);
    const path = `/api/contests/${contestId}/uploads/${created.id}`;
    await abortedPatch(t.server, path, token2, 0, body, Math.floor(body.length * 0.6));
    // the server notices the drop; what arrived is kept and the row is still pending. Wait
    // until the offset stops moving: while the dropped request's last bytes are still being
    // written, a resume from an earlier offset is rightly refused (409 OFFSET_MISMATCH).
    let offset = 0;
    let previous = -1;
    for (let i = 0; i < 50; i++) {
      const head = await team2.head(created.id);
      offset = Number(head.headers['upload-offset']);
      if (head.status === 200 && offset > 0 && offset === previous) break;
      previous = offset;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(body.length);
    expect((await uploadRow(created.id)).status).toBe('pending');
    const rest = await team2.patch(created.id, offset, body.subarray(offset));
    expect(rest.status).toBe(204);
    const row = await uploadRow(created.id);
    expect(row.status).toBe('ready');
    expect(row.sha256).toBe(sha256(body));
  });

  it('finishes an upload whose bytes were all stored when the server died before marking it ready', async () => {
    const body = pdf(4000);
    const { body: created } = await team1.create('outline', 'de-cuong.pdf', body.length);
    writeFileSync(filePath(created.id), body); // as if the last PATCH was fsynced, then a crash
    expect((await uploadRow(created.id)).status).toBe('pending');
    const head = await team1.head(created.id);
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(body.length));
    expect((await uploadRow(created.id)).status).toBe('ready');
  });

  it('runs two teams uploading at the same time without mixing bytes', async () => {
    const a = mp4(1024 * 1024);
    const b = mp4(1024 * 1024);
    const [ra, rb] = await Promise.all([
      team1.upload('video', 'a.mp4', a, 128 * 1024),
      team2.upload('video', 'b.mp4', b, 128 * 1024),
    ]);
    expect(ra.res.status).toBe(204);
    expect(rb.res.status).toBe(204);
    expect((await uploadRow(ra.id!)).sha256).toBe(sha256(a));
    expect((await uploadRow(rb.id!)).sha256).toBe(sha256(b));
  });

  it('keeps file names as labels only: path traversal has no effect on storage', async () => {
    const { id, res } = await team1.upload('outline', '../../../../etc/passwd', pdf());
    expect(res.status).toBe(204);
    const row = await uploadRow(id!);
    expect(row.original_name).toBe('passwd');
    expect(existsSync(filePath(id!))).toBe(true);
    expect(readdirSync(t.settings.uploadDir)).toEqual([contestId]);
  });

  it("never lets team A read, replace or cancel team B's upload", async () => {
    const { id } = await team2.upload('outline', 'rieng.pdf', pdf());
    expect(
      (await t.http.get(`/api/contests/${contestId}/uploads/${id}/content`).set(bearer(token1)))
        .status,
    ).toBe(404);
    expect((await team1.head(id!)).status).toBe(404);
    expect((await team1.patch(id!, 0, pdf())).status).toBe(404);
    expect(
      (await t.http.delete(`/api/contests/${contestId}/uploads/${id}`).set(bearer(token1))).status,
    ).toBe(404);
    expect((await t.http.get(`/api/contests/${contestId}/uploads/${id}/content`)).status).toBe(404); // public
    const judge = await t.login('gk.nguyen');
    expect(
      (await t.http.get(`/api/contests/${contestId}/uploads/${id}/content`).set(bearer(judge)))
        .status,
    ).toBe(404);
    expect(
      (await t.http.get(`/api/contests/${contestId}/uploads/${id}/content`).set(bearer(token2)))
        .status,
    ).toBe(200);
  });

  it('after a termination (DELETE 204) the upload is gone: HEAD and PATCH answer 404', async () => {
    const created = await team1.create('video', 'huy.mp4', 10_000);
    const id = created.body.id as string;
    expect((await team1.patch(id, 0, mp4(10_000).subarray(0, 4000))).status).toBe(204);
    const terminated = await t.http
      .delete(`/api/contests/${contestId}/uploads/${id}`)
      .set(bearer(token1))
      .set('Tus-Resumable', '1.0.0');
    expect(terminated.status).toBe(204);
    const head = await team1.head(id);
    expect(head.status).toBe(404);
    const patch = await team1.patch(id, 4000, mp4(10_000).subarray(4000));
    expect(patch.status).toBe(404);
    expect(patch.body.code).toBe('UPLOAD_NOT_FOUND');
    const again = await t.http
      .delete(`/api/contests/${contestId}/uploads/${id}`)
      .set(bearer(token1));
    expect(again.status).toBe(404);
  });

  it('serves byte ranges (206) so a tablet can seek in a video', async () => {
    const body = mp4(100_000);
    const { id } = await team1.upload('video', 'Video "đặc biệt";.mp4', body);
    const url = `/api/contests/${contestId}/uploads/${id}/content`;
    const whole = await t.http.get(url).set(bearer(token1)).buffer(true).parse(binary);
    expect(whole.status).toBe(200);
    expect(sha256(whole.body)).toBe(sha256(body));
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.headers['content-disposition']).toBe(
      `inline; filename="Video _dac biet__.mp4"; filename*=UTF-8''Video%20%22%C4%91%E1%BA%B7c%20bi%E1%BB%87t%22%3B.mp4`,
    );
    const part = await t.http
      .get(url)
      .set(bearer(token1))
      .set('Range', 'bytes=1000-1999')
      .buffer(true)
      .parse(binary);
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${body.length}`);
    expect(Buffer.compare(part.body, body.subarray(1000, 2000))).toBe(0);
    const tail = await t.http
      .get(url)
      .set(bearer(token1))
      .set('Range', 'bytes=-500')
      .buffer(true)
      .parse(binary);
    expect(Buffer.compare(tail.body, body.subarray(body.length - 500))).toBe(0);
    const outside = await t.http.get(url).set(bearer(token1)).set('Range', `bytes=${body.length}-`);
    expect(outside.status).toBe(416);
  });

  it('downloads under the extension of the sniffed type, for the team and the organisers, with bidi and control characters removed', async () => {
    // a PDF that is also an HTML page, named .html; an MP4 named .html; a right-to-left override
    const polyglot = Buffer.concat([
      Buffer.from('%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n'),
      pdf(),
    ]);
    // each file is checked before the next video replaces it (a replaced upload is superseded
    // and its bytes removed), for the team and for an organiser
    const expectDownload = async (id: string | null, type: string, name: string, mime: string) => {
      for (const token of [token1, admin]) {
        const res = await t.http
          .get(`/api/contests/${contestId}/uploads/${id}/content`)
          .set(bearer(token))
          .buffer(true)
          .parse(binary);
        expect({
          id,
          disposition: res.headers['content-disposition'],
          mime: res.headers['content-type'],
        }).toEqual({
          id,
          disposition: `${type}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
          mime,
        });
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    };
    const outline = await team1.upload('outline', 'de-cuong.html', polyglot);
    expect(outline.res.status).toBe(204);
    await expectDownload(outline.id, 'attachment', 'de-cuong.pdf', 'application/pdf');
    const clip = await team1.upload('video', 'clip.html', mp4(40_000));
    expect(clip.res.status).toBe(204);
    await expectDownload(clip.id, 'inline', 'clip.mp4', 'video/mp4');
    const rtl = await team1.upload('video', 'invoice\u202egpj.exe', mp4(40_000));
    expect(rtl.res.status).toBe(204);
    expect((await uploadRow(rtl.id!)).original_name).toBe('invoicegpj.exe');
    await expectDownload(rtl.id, 'inline', 'invoicegpj.mp4', 'video/mp4');
    // a name stored before names were cleaned on upload: bidi, control, NFD, very long
    const legacy = await team1.upload('video', 'cu.mp4', mp4(40_000));
    const long = 'Đề cương'.normalize('NFD') + '\u0007\u200f\u2066' + 'x'.repeat(300) + '.html';
    await t.sql.query(`UPDATE uploads SET original_name = $1 WHERE id = $2`, [long, legacy.id]);
    const old = await t.http
      .get(`/api/contests/${contestId}/uploads/${legacy.id}/content`)
      .set(bearer(admin))
      .buffer(true)
      .parse(binary);
    const header = old.headers['content-disposition'] as string;
    const utf8 = decodeURIComponent(header.split("filename*=UTF-8''")[1]!);
    expect(utf8).toBe(`${'Đề cương'.normalize('NFC')}${'x'.repeat(112)}.mp4`);
    expect(utf8).not.toMatch(/[\u0000-\u001f\u200f\u2066\u202e]/);
    expect(header).toMatch(/^inline; filename="De cuongx+\.mp4"; /);
  });

  it('cleans up abandoned uploads and orphan files after the configured age; ready files stay', async () => {
    const body = mp4(500_000);
    const { body: created } = await team1.create('video', 'bo-do.mp4', body.length);
    await team1.patch(created.id, 0, body.subarray(0, 100_000));
    const orphan = join(t.settings.uploadDir, contestId, '00000000-0000-4000-8000-000000000001');
    writeFileSync(orphan, 'left by a crash');
    const readyBefore = (
      await t.sql.query(`SELECT id FROM uploads WHERE status = 'ready'`)
    ).rows.map((r) => r.id);
    const result = await t.app
      .get(UploadCleanupService)
      .sweep(new Date(Date.now() + 2 * 24 * 3600 * 1000));
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await uploadRow(created.id)).status).toBe('expired');
    expect(existsSync(filePath(created.id))).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    for (const id of readyBefore) expect(existsSync(filePath(id))).toBe(true);
  });

  it('holds the invariant: every ready row has its complete file, every file has a live row', async () => {
    const rows = (await t.sql.query(`SELECT id, status, size FROM uploads`)).rows;
    for (const row of rows.filter((r) => r.status === 'ready')) {
      expect(statSync(filePath(row.id)).size).toBe(Number(row.size));
    }
    for (const file of readdirSync(join(t.settings.uploadDir, contestId))) {
      const row = rows.find((r) => r.id === file);
      expect({ file, status: row?.status }).toEqual({
        file,
        status: expect.stringMatching(/^(ready|pending)$/),
      });
    }
  });
});

/** supertest parser that keeps the body as raw bytes. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
