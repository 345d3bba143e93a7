import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { startS3Server, type S3Server } from '../support/s3-server';
import { mp4, sha256 } from '../support/sample-files';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

const MIB = 1024 * 1024;
const VIDEO_NAME = 'Một cửa liên thông.mp4';

/** Polls a condition (never a fixed sleep): resolves as soon as it holds. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The team portal when the server keeps files in an S3-compatible bucket (s3rver, a real
 * HTTP server process): the browser sends the video's parts straight to the bucket, in
 * parallel, with progress; pausing and reloading keep the parts already stored.
 */
describe('team portal with the files in an S3 bucket (browser)', () => {
  let s3: S3Server;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  let video: Buffer;
  let videoPath: string;
  /** Part numbers PUT to the bucket, in order (what the browser actually sent). */
  const puts: number[] = [];
  /** Part PUTs held on the wire (never answered until the test lets them go). */
  let held: Route[] = [];
  /** While set, every part but this one is held. */
  let onlyPart: number | null = null;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await startTestApp({ ...s3.env, UPLOAD_MAX_VIDEO_BYTES: String(40 * MIB) });
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    dir = mkdtempSync(join(tmpdir(), 'team-s3-'));
    video = mp4(17 * MIB + 4321); // three parts of 8 MiB, 8 MiB and 1 MiB
    videoPath = join(dir, VIDEO_NAME);
    writeFileSync(videoPath, video);
    browser = await launchBrowser();
    context = await newContext(browser, t);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());
    await context.route(`${s3.endpoint}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (route.request().method() === 'PUT' && url.searchParams.has('partNumber')) {
        const part = Number(url.searchParams.get('partNumber'));
        puts.push(part);
        if (onlyPart !== null && part !== onlyPart) {
          held.push(route);
          return;
        }
      }
      await route.continue().catch(() => undefined); // the page may have reloaded meanwhile
    });
    await signIn(page, 'doi1', t.password('doi1'));
    await page.goto('/doi-thi');
    await page.getByRole('heading', { name: 'Sản phẩm dự thi', level: 1 }).waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await s3?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const videoInput = () => page.getByLabel(/Chọn (tệp video|video khác)/);

  it('uploads the video in parallel parts to the bucket; a pause and a reload resume from the stored parts', async () => {
    onlyPart = 1; // part 1 gets through; parts 2 and 3 stay on the wire
    await videoInput().setInputFiles(videoPath);
    await until('parts 2 and 3 on the wire', () => held.length === 2 && puts.length === 3);
    expect([...puts].sort()).toEqual([1, 2, 3]); // sent in parallel
    await until('part 1 recorded', async () => {
      const r = await t.sql.query(`SELECT count(*)::int AS n FROM upload_parts`);
      return r.rows[0].n === 1;
    });
    await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
    expect(await page.getByTestId('video-percent').textContent()).toMatch(/^\d{1,2},\d%$/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-s3-upload-progress');

    await page.getByRole('button', { name: 'Tạm dừng' }).click();
    await page.getByTestId('video-upload').getByText('Đã tạm dừng.').waitFor();
    held = [];

    // reloaded mid-upload: picking the same file offers to continue from the stored part
    onlyPart = null;
    await page.reload();
    await page.getByRole('heading', { name: 'Sản phẩm dự thi', level: 1 }).waitFor();
    await videoInput().setInputFiles(videoPath);
    const resume = page.getByRole('button', { name: 'Tiếp tục tải lên' });
    await resume.waitFor();
    await page
      .locator('main')
      .getByText(/đã lên 47,0%/)
      .waitFor();
    const before = puts.length;
    await resume.click();
    await page.getByText(`Đã tải lên xong tệp ${VIDEO_NAME}.`).waitFor({ timeout: 60_000 });
    expect(puts.slice(before).sort()).toEqual([2, 3]); // part 1 was not sent again

    const stored = page.getByTestId('video-stored');
    await stored.getByText(VIDEO_NAME).waitFor();
    expect(await stored.textContent()).toContain('Video MP4');
    const rows = (
      await t.sql.query(`SELECT status, size, sha256, detected_type, multipart_id FROM uploads`)
    ).rows;
    expect(rows).toEqual([
      expect.objectContaining({
        status: 'ready',
        size: String(video.length),
        sha256: sha256(video),
        detected_type: 'mp4',
      }),
    ]);
    expect(s3.openMultipartUploads()).toEqual([]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-s3-upload-done');
  }, 120_000);

  it('a reload while the bucket copy is being verified waits for that verification: the file is not sent again', async () => {
    // The verification cannot finish while the test holds the entry's row (it repoints the
    // entry under that row's lock): the upload stays assembled and "being verified".
    const lock = new Client({ connectionString: t.sqlUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query(`SELECT 1 FROM entries FOR UPDATE`);
    try {
      const other = mp4(9 * MIB + 77);
      const otherPath = join(dir, 'Video sửa lại.mp4');
      writeFileSync(otherPath, other);
      await videoInput().setInputFiles(otherPath);
      await until('the parts assembled', async () => {
        const r = await t.sql.query(
          `SELECT count(*)::int AS n FROM uploads WHERE status = 'pending' AND parts_completed_at IS NOT NULL`,
        );
        return r.rows[0].n === 1;
      });
      await page.reload();
      await page.getByRole('heading', { name: 'Sản phẩm dự thi', level: 1 }).waitFor();
      const before = puts.length;
      await videoInput().setInputFiles(otherPath);
      // the page goes back to waiting for the server's check, without sending anything again
      await page.getByText('máy chủ đang kiểm tra tệp…').waitFor();
      expect(puts.length).toBe(before);
      expect((await t.sql.query(`SELECT 1 FROM uploads`)).rowCount).toBe(2);
      await lock.query('ROLLBACK');
      await page.getByText('Đã tải lên xong tệp Video sửa lại.mp4.').waitFor({ timeout: 60_000 });
      const rows = (await t.sql.query(`SELECT status, sha256 FROM uploads ORDER BY created_at`))
        .rows;
      expect(rows).toEqual([
        expect.objectContaining({ status: 'superseded' }),
        expect.objectContaining({ status: 'ready', sha256: sha256(other) }),
      ]);
      expect(puts.length).toBe(before);
    } finally {
      await lock.end();
    }
  }, 120_000);
});
