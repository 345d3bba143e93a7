import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ImportPreviews } from '../src/interactions/import-previews';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { publishDemoEntries } from './support/fixtures';
import { importFilesLeft } from './support/import-files';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Preview, then commit the same file: the preview answers a token, and the commit takes the
 * token instead of the file (issue 20). The token lives in PostgreSQL, so a second app
 * instance on the same database honours it (the file waits under DATA_DIR, shared here).
 */
describe('interaction import: commit what was previewed, by its token', () => {
  let t: TestApp;
  let second: TestApp | undefined;
  let admin: string;
  let contestId: string;
  const base = (id = contestId) => `/api/contests/${id}/interactions`;
  const previewDir = () => join(t.settings.dataDir, 'tmp', 'import-previews');

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId } = await publishDemoEntries(t));
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  let day = 1;
  /** A new file each time (another reading day), so no commit is the idempotent re-send. */
  const file = () => {
    day++;
    return [
      '\uFEFFĐội số;Lượt thích;Lượt chia sẻ',
      ...Array.from({ length: 9 }, (_, i) => `${i + 1};${100 * (i + 1) + day};${i}`),
    ].join('\r\n');
  };
  const takenAt = () => `2022-08-${String(day).padStart(2, '0')}T17:00:00+07:00`;
  const preview = async (content = file()) => {
    const res = await t.http
      .post(`${base()}/imports/preview`)
      .set(bearer(admin))
      .field('takenAt', takenAt())
      .attach('file', Buffer.from(content), 'luot-tuong-tac.csv')
      .expect(200);
    return res.body as {
      previewToken: string | null;
      previewExpiresAt: string | null;
      fileSha256: string;
    };
  };
  const commitToken = (token: string, app = t, as = admin, id = contestId) =>
    app.http
      .post(`${base(id)}/imports`)
      .set(bearer(as))
      .send({ previewToken: token });
  const snapshotCount = async () =>
    Number((await t.sql.query(`SELECT count(*) FROM interaction_snapshots`)).rows[0].count);

  it('answers a token with the preview, and commits exactly that file by the token (201)', async () => {
    const previewed = await preview();
    expect(previewed.previewToken).toMatch(/^[0-9a-f-]{36}$/);
    const expires = new Date(previewed.previewExpiresAt!).getTime() - Date.now();
    expect(expires).toBeGreaterThan(29 * 60_000);
    expect(expires).toBeLessThanOrEqual(30 * 60_000);
    expect(readdirSync(previewDir())).toEqual([previewed.previewToken]);
    expect(await importFilesLeft(t)).toEqual([]);

    const before = await snapshotCount();
    const res = await commitToken(previewed.previewToken!).expect(201);
    expect(res.body).toMatchObject({
      created: true,
      rows: 9,
      fileSha256: previewed.fileSha256,
      source: 'template_csv',
    });
    expect(await snapshotCount()).toBe(before + 1);
    const stored = await t.sql.query(
      `SELECT file_sha256, file_name, taken_at FROM interaction_snapshots WHERE id = $1`,
      [res.body.snapshotId],
    );
    expect(stored.rows[0]).toMatchObject({
      file_sha256: previewed.fileSha256,
      file_name: 'luot-tuong-tac.csv',
      taken_at: new Date(takenAt()),
    });
    expect(existsSync(join(previewDir(), previewed.previewToken!))).toBe(false);
  });

  it('refuses the same token a second time, even when both commits race; one snapshot is written', async () => {
    const { previewToken } = await preview();
    const before = await snapshotCount();
    const [a, b] = await Promise.all([commitToken(previewToken!), commitToken(previewToken!)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body).toMatchObject({
      code: 'IMPORT_PREVIEW_USED',
      details: [expect.objectContaining({ field: 'previewToken' })],
    });
    expect(await snapshotCount()).toBe(before + 1);
    const again = await commitToken(previewToken!).expect(409);
    expect(again.body.code).toBe('IMPORT_PREVIEW_USED');
    expect(await snapshotCount()).toBe(before + 1);
  });

  it('answers an unknown token, another organiser’s and another contest’s alike (404)', async () => {
    const { previewToken } = await preview();
    const unknown = await commitToken('00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.code).toBe('IMPORT_PREVIEW_NOT_FOUND');
    const organiser = await t.login('btc.thuky');
    const other = await commitToken(previewToken!, t, organiser).expect(404);
    expect(other.body).toEqual({ ...unknown.body, requestId: other.body.requestId });
    const otherContest = (
      await t.http
        .post('/api/contests')
        .set(bearer(admin))
        .send({ slug: 'hoi-thi-khac', name: 'Hội thi khác' })
        .expect(201)
    ).body.id as string;
    await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [otherContest]);
    const elsewhere = await commitToken(previewToken!, t, admin, otherContest).expect(404);
    expect(elsewhere.body.code).toBe('IMPORT_PREVIEW_NOT_FOUND');
    // still usable by its organiser, in its contest
    await commitToken(previewToken!).expect(201);
  });

  it('refuses an expired token (404 IMPORT_PREVIEW_EXPIRED); the cleanup removes it and its file', async () => {
    const { previewToken } = await preview();
    await t.sql.query(
      `UPDATE interaction_import_previews SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [previewToken],
    );
    const before = await snapshotCount();
    const res = await commitToken(previewToken!).expect(404);
    expect(res.body.code).toBe('IMPORT_PREVIEW_EXPIRED');
    expect(await snapshotCount()).toBe(before);
    expect(existsSync(join(previewDir(), previewToken!))).toBe(true);
    expect(await t.app.get(ImportPreviews).sweep()).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(previewDir(), previewToken!))).toBe(false);
    const rows = await t.sql.query(`SELECT 1 FROM interaction_import_previews WHERE id = $1`, [
      previewToken,
    ]);
    expect(rows.rows).toEqual([]);
  });

  it('takes a token alone: with the file or a time again it is a 400', async () => {
    const { previewToken } = await preview();
    const withFile = await t.http
      .post(`${base()}/imports`)
      .set(bearer(admin))
      .field('previewToken', previewToken!)
      .attach('file', Buffer.from(file()), 'khac.csv')
      .expect(400);
    expect(withFile.body.code).toBe('FILE_WITH_PREVIEW_TOKEN');
    const withTime = await t.http
      .post(`${base()}/imports`)
      .set(bearer(admin))
      .send({ previewToken, takenAt: takenAt() })
      .expect(400);
    expect(withTime.body.code).toBe('TAKEN_AT_WITH_PREVIEW_TOKEN');
    const notUuid = await commitToken('abc').expect(400);
    expect(notUuid.body.details[0].field).toBe('previewToken');
    expect(await importFilesLeft(t)).toEqual([]);
  });

  it('gives no token for a file that cannot be committed; uploading the file again still works', async () => {
    const bad = await t.http
      .post(`${base()}/imports/preview`)
      .set(bearer(admin))
      .field('takenAt', takenAt())
      .attach('file', Buffer.from('\uFEFFĐội số;Lượt thích\r\n1;mười'), 'loi.csv')
      .expect(200);
    expect(bad.body).toMatchObject({ canCommit: false, previewToken: null });
    const content = file();
    await preview(content);
    await t.http
      .post(`${base()}/imports`)
      .set(bearer(admin))
      .field('takenAt', takenAt())
      .attach('file', Buffer.from(content), 'luot-tuong-tac.csv')
      .expect(201);
  });

  it('sweeps kept files from one instance only: one DATA_DIR, no per-instance copies to drop', async () => {
    const jobs = t.app.get(JobScheduler).names();
    expect(jobs).toContain('preview-files:interaction_import_previews');
    expect(jobs.filter((name) => name.startsWith('preview-files-here:'))).toEqual([]);
  });

  it('is honoured by another app instance on the same database', async () => {
    second = await startTestApp({}, { shareDatabaseWith: t, shareDataDir: true });
    const { previewToken } = await preview();
    const res = await commitToken(previewToken!, second, await second.login('admin')).expect(201);
    expect(res.body.created).toBe(true);
    await commitToken(previewToken!).expect(409);
  });
});
