import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workbookCsv } from '../bench/registration-workbook';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { publishDemoEntries } from './support/fixtures';
import { startS3Server, type S3Server } from './support/s3-server';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * With STORAGE=s3 every instance has a DATA_DIR of its own, so a previewed file must not wait
 * on the disk of the instance that answered the preview: the commit by token may reach any
 * other instance behind the balancer (issue 23: everything a request needs is in PostgreSQL or
 * the bucket). Two app instances on one database and one s3rver, each with its own disk.
 */
describe('preview tokens across instances with their own disks (STORAGE=s3)', () => {
  let s3: S3Server;
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  let contestId: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    a = await startTestApp(s3.env);
    b = await startTestApp(s3.env, { shareDatabaseWith: a });
    admin = await a.login('admin');
    ({ contestId } = await publishDemoEntries(a));
  }, 90_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await s3?.stop();
  });

  /** The kept files s3rver holds for one kind of preview (its objects are plain files). */
  const inBucket = (folder: string): string[] => {
    const dir = join(s3.dir, s3.bucket, 'previews', folder);
    return existsSync(dir) ? readdirSync(dir).filter((name) => /^[0-9a-f-]{36}/.test(name)) : [];
  };
  const onDisk = (t: TestApp, folder: string) => {
    const dir = join(t.settings.dataDir, 'tmp', folder);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  /** Previews an interaction file on `app`; the answer's body. */
  const previewCounts = async (app: TestApp, csv: string, takenAt: string) =>
    (
      await app.http
        .post(`/api/contests/${contestId}/interactions/imports/preview`)
        .set(bearer(admin))
        .field('takenAt', takenAt)
        .attach('file', Buffer.from(csv), 'luot-tuong-tac.csv')
        .expect(200)
    ).body as { previewToken: string; fileSha256: string };
  const commitCounts = (app: TestApp, token: string) =>
    app.http
      .post(`/api/contests/${contestId}/interactions/imports`)
      .set(bearer(admin))
      .send({ previewToken: token });

  it('commits an interaction file on the instance that did not preview it (201), then forgets it', async () => {
    expect(a.settings.dataDir).not.toBe(b.settings.dataDir);
    const csv = [
      '\uFEFFĐội số;Lượt thích;Lượt chia sẻ',
      ...Array.from({ length: 9 }, (_, i) => `${i + 1};${100 * (i + 1)};${i}`),
    ].join('\r\n');
    const previewed = await previewCounts(a, csv, '2022-08-20T17:00:00+07:00');
    const token = previewed.previewToken;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(inBucket('import-previews').some((name) => name.startsWith(token))).toBe(true);
    expect(onDisk(b, 'import-previews')).toEqual([]);

    const committed = await commitCounts(b, token).expect(201);
    expect(committed.body).toMatchObject({
      created: true,
      rows: 9,
      fileSha256: previewed.fileSha256,
    });
    const stored = await a.sql.query(
      `SELECT file_sha256, file_name FROM interaction_snapshots WHERE id = $1`,
      [committed.body.snapshotId],
    );
    expect(stored.rows[0]).toEqual({
      file_sha256: previewed.fileSha256,
      file_name: 'luot-tuong-tac.csv',
    });
    // used: gone from the bucket and from the committing instance's disk
    expect(inBucket('import-previews')).toEqual([]);
    expect(onDisk(b, 'import-previews')).toEqual([]);
    const again = await commitCounts(a, token).expect(409);
    expect(again.body.code).toBe('IMPORT_PREVIEW_USED');
  });

  it('drops expired copies on every instance: each has a DATA_DIR of its own', () => {
    for (const t of [a, b])
      expect(t.app.get(JobScheduler).names()).toEqual(
        expect.arrayContaining([
          'preview-files-here:interaction_import_previews',
          'preview-files-here:registration_previews',
        ]),
      );
  });

  it('commits a registration workbook on the other instance too (201)', async () => {
    const created = await a.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'dang-ky-hai-may', name: 'Hội thi đăng ký qua hai máy chủ' })
      .expect(201);
    const base = `/api/contests/${created.body.id as string}/registration`;
    const workbook = workbookCsv({
      units: [['UBND phường Hiệp Thành', 'Phường']],
      teams: [[1, 'Chính quyền 24 giờ', 'UBND phường Hiệp Thành']],
      members: [[1, 'Nguyễn Thị Mai', 'Công chức Văn phòng - Thống kê', '', 'x']],
    });
    const previewed = await b.http
      .post(`${base}/preview`)
      .set(bearer(admin))
      .attach('file', Buffer.from(workbook), 'dang-ky.csv')
      .expect(200);
    expect(previewed.body.canCommit).toBe(true);
    expect(onDisk(a, 'registration-previews')).toEqual([]);
    const committed = await a.http
      .post(`${base}/commits`)
      .set(bearer(admin))
      .send({ previewToken: previewed.body.previewToken })
      .expect(201);
    expect(committed.body).toMatchObject({ created: true });
    expect(inBucket('registration-previews')).toEqual([]);
  });

  it('answers a clear 409 when the bucket no longer has the previewed file', async () => {
    const csv = ['\uFEFFĐội số;Lượt thích', '1;10'].join('\r\n');
    const { previewToken: token } = await previewCounts(a, csv, '2022-08-21T17:00:00+07:00');
    // the bucket loses the object (a lifecycle rule, an operator): the other instance cannot
    // fetch it and says so; nothing is written
    const before = await a.sql.query(`SELECT count(*)::int AS n FROM interaction_snapshots`);
    await fetch(`${s3.endpoint}/${s3.bucket}/previews/import-previews/${token}`, {
      method: 'DELETE',
    });
    const refused = await commitCounts(b, token).expect(409);
    expect(refused.body).toMatchObject({
      code: 'IMPORT_PREVIEW_FILE_MISSING',
      details: [expect.objectContaining({ field: 'previewToken' })],
    });
    const after = await a.sql.query(`SELECT count(*)::int AS n FROM interaction_snapshots`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
