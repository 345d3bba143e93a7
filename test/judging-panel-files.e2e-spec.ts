import { mp4 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * With judging panels a judge reads the files of an approved (not yet published) entry only
 * when it is on one of their panels; the rule is the same as for the entry itself.
 */
describe('judging panels: who reads an approved entry’s files', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entryId: string;
  let uploadId: string;
  const body = mp4(200 * 1024);
  const judges: Record<string, { token: string; id: string }> = {};
  const api = () => `/api/contests/${contestId}`;
  const content = (token: string, range?: string) => {
    const req = t.http.get(`${api()}/uploads/${uploadId}/content`).set(bearer(token));
    return range ? req.set('Range', range) : req;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    for (const to of ['registration', 'submission'])
      await t.http.post(`${api()}/transitions`).set(bearer(admin)).send({ to }).expect(200);
    const team1 = new TusTestClient(t.http, await t.login('doi1'), contestId);
    const { id, res } = await team1.upload('video', 'Chính quyền 24 giờ.mp4', body);
    expect(res.status).toBe(204);
    uploadId = id!;
    // Fast-forward (fixture): the entry approved by the organisers, not published; judging on.
    const { rows } = await t.sql.query(
      `UPDATE entries SET status = 'approved', name = 'Mô hình của đội 1', originality_declared_at = now()
       WHERE video_upload_id = $1 RETURNING id`,
      [uploadId],
    );
    entryId = rows[0].id;
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    for (const username of ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo']) {
      const id = (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]
        .id;
      judges[username] = { token: await t.login(username), id };
    }
  });
  afterAll(() => t?.close());

  it('in "every judge" mode any judge reads an approved entry’s video, whole or a range', async () => {
    for (const { token } of Object.values(judges)) {
      const whole = await content(token).buffer(true);
      expect(whole.status).toBe(200);
      expect(Buffer.compare(whole.body as Buffer, body)).toBe(0);
      expect((await content(token, 'bytes=0-99')).status).toBe(206);
    }
  });

  it('with panels only the judges of the entry’s panel read its files; others get 404', async () => {
    const preview = await t.http
      .post(`${api()}/judging/panels/preview`)
      .set(bearer(admin))
      .send({ k: 2 });
    expect(preview.status).toBe(200);
    const panel: string[] = preview.body.panels.find(
      (p: { entryId: string }) => p.entryId === entryId,
    ).judgeIds;
    expect(panel).toHaveLength(2);
    await t.http
      .post(`${api()}/judging/panels/${preview.body.id}/commit`)
      .set(bearer(admin))
      .send({})
      .expect(200);

    const on = Object.values(judges).filter((j) => panel.includes(j.id));
    const off = Object.values(judges).filter((j) => !panel.includes(j.id));
    expect(off).toHaveLength(3);
    for (const { token } of on) {
      const entry = await t.http.get(`${api()}/entries/${entryId}`).set(bearer(token));
      expect(entry.status).toBe(200);
      expect(entry.body.video.id).toBe(uploadId);
      const whole = await content(token).buffer(true);
      expect(whole.status).toBe(200);
      expect(Buffer.compare(whole.body as Buffer, body)).toBe(0);
      const part = await content(token, 'bytes=100-199');
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${body.length}`);
    }
    for (const { token } of off) {
      const entry = await t.http.get(`${api()}/entries/${entryId}`).set(bearer(token));
      expect(entry.status).toBe(404);
      expect(entry.body.code).toBe('ENTRY_NOT_FOUND');
      for (const res of [await content(token), await content(token, 'bytes=0-99')]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('FILE_NOT_FOUND');
      }
    }
    // the organisers and the team still read it
    expect((await content(admin)).status).toBe(200);
  });
});
