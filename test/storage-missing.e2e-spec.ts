import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { mp4 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * Issue #23: with several instances on local disks, a file the database knows can be absent
 * from the store serving the request. That must be a logged error answer and a health warning,
 * never a dropped connection.
 */
describe('a ready file missing from the store', () => {
  let t: TestApp;
  let contestId: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    token = await t.login('doi1');
  });
  afterAll(() => t?.close());

  it('answers 503 FILE_MISSING in the JSON error shape (whole file and a range), and /api/health warns', async () => {
    const before = await t.http.get('/api/health');
    expect(before.body.warnings).toEqual([]);

    const team = new TusTestClient(t.http, token, contestId);
    const { id, res } = await team.upload('video', 'clip.mp4', mp4(200 * 1024));
    expect(res.status).toBe(204);
    const url = `/api/contests/${contestId}/uploads/${id}/content`;
    expect((await t.http.get(url).set(bearer(token))).status).toBe(200);

    // The other instance's disk holds it; this one does not.
    rmSync(join(t.settings.uploadDir, contestId, id!), { force: true });

    for (const range of [undefined, 'bytes=0-99']) {
      const req = t.http.get(url).set(bearer(token));
      const missing = await (range ? req.set('Range', range) : req);
      expect(missing.status).toBe(503);
      expect(missing.headers['content-type']).toMatch(/application\/json/);
      expect(missing.body).toMatchObject({
        statusCode: 503,
        code: 'FILE_MISSING',
        details: [],
      });
      expect(missing.body.message).toMatch(/Không đọc được tệp/);
      expect(missing.body.requestId).toBeTruthy();
    }

    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.warnings).toEqual([
      expect.objectContaining({ code: 'FILES_MISSING', count: 2 }),
    ]);
    expect(health.body.warnings[0].message).toMatch(/tệp/);
  });
});
