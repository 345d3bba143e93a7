import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import { mp4, pdf, png, sha256 } from '../support/sample-files';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import {
  expectAnnounced,
  launchBrowser,
  newContext,
  screenshot as fullPage,
  signIn,
} from './browser';
import { expectNoAxeViolations } from './axe';

// The little of the DOM that the page functions below use (this project compiles without the
// DOM library; these functions run in Chromium).
interface DomElement {
  id: string;
  tagName: string;
  type?: string;
  outerHTML: string;
  labels?: DomElement[] | null;
  classList: { contains(name: string): boolean };
  hasAttribute(name: string): boolean;
  getBoundingClientRect(): { height: number };
}
declare const document: {
  activeElement: DomElement | null;
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<DomElement>;
};
declare const window: { scrollTo(x: number, y: number): void };
declare const localStorage: Record<string, string> & { setItem(k: string, v: string): void };

const UPLOADS = '**/api/contests/*/uploads/*';
const CHUNK = 256 * 1024;
const VIDEO_NAME = 'Chính quyền 24 giờ.mp4';

/** Full-page screenshot from the top (the sticky submit panel then sits where it belongs). */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullPage(page, name);
}

/** Polls a condition (never a fixed sleep): resolves as soon as it holds. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A slow line between the browser and the tus endpoint: every PATCH takes `latencyMs`, and
 * after `allow` PATCHes the next one is held (never answered) until the test decides what
 * happens to it: the connection is cut, the page reloads, or the user pauses.
 */
class Line {
  patches = 0;
  allow = Number.POSITIVE_INFINITY;
  held: Route[] = [];
  constructor(private readonly latencyMs = 200) {}
  readonly handler = async (route: Route) => {
    if (route.request().method() === 'PATCH') {
      this.patches++;
      if (this.patches > this.allow) {
        this.held.push(route);
        return;
      }
      await new Promise((r) => setTimeout(r, this.latencyMs)); // the slow line, not a wait
    }
    await route.continue().catch(() => undefined); // the page may have reloaded meanwhile
  };
}

/** The team's view, as a civil servant in a ward office uses it. */
describe('team portal (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let contestId: string;
  let dir: string;
  let video: Buffer;
  let videoPath: string;
  let outlinePath: string;
  let videoPath2: string;
  const patchOffsets: number[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      UPLOAD_MAX_VIDEO_BYTES: String(6 * 1024 * 1024),
      UPLOAD_MAX_OUTLINE_BYTES: String(1024 * 1024),
    });
    browser = await launchBrowser();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    dir = mkdtempSync(join(tmpdir(), 'team-e2e-'));
    video = mp4(16 * CHUNK); // 4 MiB: 16 chunks of 256 KiB
    videoPath = join(dir, VIDEO_NAME);
    writeFileSync(videoPath, video);
    videoPath2 = join(dir, 'Bản mới.mp4');
    writeFileSync(videoPath2, mp4(16 * CHUNK));
    outlinePath = join(dir, 'Đề cương mô hình.pdf');
    writeFileSync(outlinePath, pdf(30_000));
    writeFileSync(join(dir, 'anh-chup.mp4'), png(20_000));
    writeFileSync(join(dir, 'video-qua-lon.mp4'), mp4(7 * 1024 * 1024));

    context = await newContext(browser, t);
    // Small chunks so that a 4 MiB video is 16 requests (the portal defaults to 5 MiB).
    await context.addInitScript(
      (size) => localStorage.setItem('cchc.upload.chunkSize', String(size)),
      CHUNK,
    );
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('request', (req: Request) => {
      if (req.method() === 'PATCH' && req.url().includes('/uploads/'))
        patchOffsets.push(Number(req.headers()['upload-offset']));
    });
    // Leaving the page mid-upload asks for confirmation: the user confirms.
    page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const transition = (to: string) =>
    t.http
      .post(`/api/contests/${contestId}/transitions`)
      .set(bearer(admin))
      .send({ to })
      .expect(200);
  const status = () => page.getByTestId('entry-status');
  const videoInput = () => page.getByLabel(/Chọn (tệp video|video khác)/);
  const percentOf = async () => {
    const text = (await page.getByTestId('video-percent').textContent()) ?? '';
    return Number(text.replace('%', '').replace(',', '.'));
  };
  const progressValue = async () =>
    Number(await page.locator('[data-testid="video-upload"] progress').getAttribute('value'));

  it('sends a signed-out visitor to the login page and back to the portal', async () => {
    await page.goto('/doi-thi');
    await page.waitForURL((url) => url.pathname === '/dang-nhap');
    expect(new URL(page.url()).search).toBe('?tiep=/doi-thi');
    await page.getByLabel('Tên đăng nhập').fill('doi1');
    await page.getByLabel('Mật khẩu').fill(t.password('doi1'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/doi-thi');
    await page.getByRole('heading', { name: 'Sản phẩm dự thi', level: 1 }).waitFor();
    await page.getByText('Đội số 1').waitFor();
  });

  it('while the contest is not taking entries, the form is read-only and says why', async () => {
    await page
      .getByText(/Hội thi chưa mở nhận sản phẩm dự thi/)
      .first()
      .waitFor();
    expect(await page.getByLabel(/^Tên gọi/).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Nộp sản phẩm dự thi' }).count()).toBe(0);
    expect(await page.getByLabel('Chọn tệp video').count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-closed');
  });

  it('a team fills in its entry; submitting too early lists what is missing next to the fields', async () => {
    await transition('registration');
    await transition('submission');
    await page.reload();
    await status().filter({ hasText: 'Bản nháp — chưa nộp' }).waitFor();
    expect(await page.getByTestId('contest-phase').textContent()).toBe('Nộp sản phẩm dự thi');

    await page.getByLabel(/^Tên gọi/).fill('Chính quyền 24 giờ');
    await page
      .getByLabel('Lĩnh vực')
      .selectOption('Xây dựng, phát triển Chính quyền điện tử, Chính quyền số');
    await page
      .getByLabel(/^Bối cảnh ra đời/)
      .fill(
        'Người dân phường Hiệp Thành đi làm cả ngày, không kịp nộp hồ sơ trong giờ hành chính.',
      );
    await page.getByRole('button', { name: 'Nộp sản phẩm dự thi' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Chưa nộp được' });
    await summary.waitFor();
    for (const text of [
      'Chưa nêu quá trình triển khai áp dụng.',
      'Chưa nêu lợi ích mang lại.',
      'Đội chưa đánh dấu cam kết tính mới.',
      'Chưa tải lên video clip.',
      'Chưa tải lên đề cương.',
    ])
      await summary.getByText(text).waitFor();
    // Next to the fields, tied to them for screen readers.
    const implementation = page.getByLabel(/^Quá trình triển khai áp dụng/);
    expect(await implementation.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#tp-implementation-error').textContent()).toBe(
      'Chưa nêu quá trình triển khai áp dụng.',
    );
    expect(await implementation.getAttribute('aria-describedby')).toContain(
      'tp-implementation-error',
    );
    expect(await page.locator('#tp-video-error').textContent()).toBe('Chưa tải lên video clip.');
    expect(await page.getByLabel(/^Tên gọi/).getAttribute('aria-invalid')).toBeNull();
    // The summary has focus, so it is read out at once.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('tp-notice'))).toBe(
      true,
    );
    // What was typed was saved as a draft on the way.
    const saved = await t.sql.query(`SELECT name, status FROM entries`);
    expect(saved.rows).toEqual([{ name: 'Chính quyền 24 giờ', status: 'draft' }]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-missing');

    await implementation.fill(
      'Từ tháng 3/2022, bộ phận một cửa nhận hồ sơ qua Zalo và hộp thư 24 giờ đặt tại trụ sở.',
    );
    await page
      .getByLabel(/^Lợi ích mang lại/)
      .fill('Rút ngắn thời gian chờ; 1.250 hồ sơ được nhận ngoài giờ trong 6 tháng.');
    await page.getByLabel(/Đội cam kết mô hình, sáng kiến là mới/).check();
    expect(await page.getByText('Có thay đổi chưa lưu.').count()).toBe(1);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.getByText(/^Đã lưu lúc \d\d:\d\d\.$/).waitFor();
    expect(await implementation.getAttribute('aria-invalid')).toBeNull();
    const row = (await t.sql.query(`SELECT benefits, originality_declared_at FROM entries`))
      .rows[0];
    expect(row.benefits).toContain('1.250 hồ sơ');
    expect(row.originality_declared_at).not.toBeNull();
  });

  it('uploads the video over a slow line, survives a cut connection, a pause and a reload, and the server has exactly the file', async () => {
    const line = new Line();
    line.allow = 4;
    await page.route(UPLOADS, line.handler);
    await videoInput().setInputFiles(videoPath);

    // 1. Progress: 4 of 16 chunks are through, the 5th is on the wire.
    await until('the 5th chunk on the wire', () => line.held.length === 1);
    await until('25 % shown', async () => (await percentOf()) >= 25);
    expect(await progressValue()).toBeGreaterThanOrEqual(4 * CHUNK);
    expect(await progressValue()).toBeLessThan(video.length);
    expect(await page.locator('[data-testid="video-upload"] progress').getAttribute('max')).toBe(
      String(video.length),
    );
    expect(await page.getByTestId('video-percent').textContent()).toMatch(/^\d{1,2},\d%$/);
    expect(await page.getByTestId('video-speed').textContent()).toMatch(/^\d+(,\d)? (KB|MB)\/s$/);
    await page.getByText(/còn khoảng \d+ (giây|phút)/).waitFor();
    await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
    await screenshot(page, 'team-upload-progress');

    // 2. The connection drops mid-chunk and stays down for a while.
    let cut = 0;
    const down = (route: Route) => {
      cut++;
      return route.abort('internetdisconnected');
    };
    await page.route(UPLOADS, down);
    const before = patchOffsets.length;
    await line.held.shift()!.abort('connectionreset');
    await page.getByTestId('video-upload').getByText('Mất kết nối.').waitFor();
    await until('two failed reconnection attempts', () => cut >= 2);
    await screenshot(page, 'team-upload-retrying');
    line.allow = 10; // the line comes back; let five more chunks through
    await page.unroute(UPLOADS, down);

    // 3. It resumes by itself from the last stored byte, not from zero.
    await until('the 10th chunk on the wire', () => line.held.length === 1, 45_000);
    expect(patchOffsets[before]).toBe(4 * CHUNK);
    expect(await page.getByText('Mất kết nối.').count()).toBe(0);
    await until('9 chunks shown', async () => (await progressValue()) >= 9 * CHUNK);

    // 4. Pause (Tạm dừng) and resume (Tiếp tục).
    await page.getByRole('button', { name: 'Tạm dừng' }).click();
    await page.getByTestId('video-upload').getByText('Đã tạm dừng.').waitFor();
    const beforeResume = patchOffsets.length;
    await page.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
    await until('the chunk after the pause on the wire', () => line.held.length === 2);
    expect(patchOffsets[beforeResume]).toBe(9 * CHUNK);
    await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();

    // 5. The page is reloaded mid-upload: the portal remembers the unfinished file.
    line.held = [];
    line.allow = Number.POSITIVE_INFINITY;
    await page.reload();
    const notice = page.locator('main').getByText(/đang tải dở: đã lên 56,3%/);
    await notice.waitFor();
    await screenshot(page, 'team-upload-remembered');
    const beforeReload = patchOffsets.length;
    await videoInput().setInputFiles(videoPath);
    const resume = page.getByRole('button', { name: 'Tiếp tục tải lên' });
    await resume.waitFor();
    await page
      .getByTestId('video-upload')
      .getByText(/Tệp này đã được tải lên dở dang: đã lên 56,3%/)
      .waitFor();
    await screenshot(page, 'team-upload-resume-offer');
    await resume.click();
    await page.getByText(`Đã tải lên xong tệp ${VIDEO_NAME}.`).waitFor();
    expect(patchOffsets[beforeReload]).toBe(9 * CHUNK);

    // 6. The final state comes from the entry view: name, size, detected type.
    const stored = page.getByTestId('video-stored');
    await stored.getByText(VIDEO_NAME).waitFor();
    expect(await stored.textContent()).toContain('4,2 MB · Video MP4');

    // 7. The server holds exactly this file, from one upload (no second start from zero).
    const rows = (
      await t.sql.query(
        `SELECT id, status, size, received, sha256, detected_type FROM uploads WHERE kind = 'video'`,
      )
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'ready',
      size: String(video.length),
      received: String(video.length),
      sha256: sha256(video),
      detected_type: 'mp4',
    });
    const entry = (await t.sql.query(`SELECT video_upload_id FROM entries`)).rows[0];
    expect(entry.video_upload_id).toBe(rows[0].id);
    // Nothing is left to resume in this browser.
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tus::'))),
    ).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }, 120_000);

  it('says clearly when a file is too large (413) or not a video (415)', async () => {
    await videoInput().setInputFiles(join(dir, 'video-qua-lon.mp4'));
    const tooLarge = page.getByRole('alert').filter({ hasText: 'Tệp quá lớn' });
    await tooLarge.waitFor();
    expect(await tooLarge.textContent()).toMatch(
      /Tệp đã chọn nặng 7,3 MB, vượt mức tối đa 6,3 MB cho video clip/,
    );

    await videoInput().setInputFiles(join(dir, 'anh-chup.mp4'));
    const wrongType = page.getByRole('alert').filter({ hasText: 'Định dạng không được hỗ trợ' });
    await wrongType.waitFor();
    await screenshot(page, 'team-upload-errors');
    // The stored video is untouched.
    expect(await page.getByTestId('video-stored').textContent()).toContain(VIDEO_NAME);
    const ready = await t.sql.query(
      `SELECT count(*)::int AS n FROM uploads WHERE status = 'ready'`,
    );
    expect(ready.rows[0].n).toBe(1);
  });

  it('uploads the outline, submits, and shows the entry waiting for moderation', async () => {
    await page.getByLabel('Chọn tệp đề cương').setInputFiles(outlinePath);
    await page.getByText('Đã tải lên xong tệp Đề cương mô hình.pdf.').waitFor();
    expect(await page.getByTestId('outline-stored').textContent()).toContain('Tài liệu PDF');
    await page.getByText('Hồ sơ đã có 7/7 mục').waitFor();

    await page.getByRole('button', { name: 'Nộp sản phẩm dự thi' }).click();
    await status().filter({ hasText: 'Đã nộp — chờ kiểm duyệt' }).waitFor();
    const submitted = page.locator('main').getByText(/^Đã nộp sản phẩm dự thi lúc/);
    await submitted.waitFor();
    // said through the app's live region; the green box itself is no status region
    await expectAnnounced(page, /^Đã nộp sản phẩm dự thi lúc/);
    await expect(submitted.getAttribute('role')).resolves.toBeNull();
    await expect(submitted.getAttribute('class')).resolves.toBe('alert alert-ok');
    expect(await page.getByLabel(/^Tên gọi/).isDisabled()).toBe(true);
    expect(await page.getByLabel(/Chọn (tệp|video)/).count()).toBe(0);
    const row = (await t.sql.query(`SELECT status, submitted_at FROM entries`)).rows[0];
    expect(row.status).toBe('submitted');
    expect(row.submitted_at).not.toBeNull();
    await screenshot(page, 'team-submitted');
  });

  it('a returned entry shows the organisers’ reasons and can be resubmitted', async () => {
    const entryId = (await t.sql.query(`SELECT id FROM entries`)).rows[0].id as string;
    await t.http
      .post(`/api/contests/${contestId}/entries/${entryId}/return`)
      .set(bearer(admin))
      .send({
        reasons: [
          'Video chưa nêu số liệu cụ thể về lợi ích cho người dân.',
          'Đề cương thiếu phần kinh phí thực hiện.',
        ],
      })
      .expect(200);
    await page.reload();
    await status().filter({ hasText: 'Bị trả lại — cần bổ sung' }).waitFor();
    const reasons = page.getByRole('note', { name: 'Lý do trả lại' });
    await reasons.getByText('Video chưa nêu số liệu cụ thể về lợi ích cho người dân.').waitFor();
    await reasons.getByText('Đề cương thiếu phần kinh phí thực hiện.').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-returned');

    const benefits = page.getByLabel(/^Lợi ích mang lại/);
    expect(await benefits.isDisabled()).toBe(false);
    await benefits.fill(
      'Rút ngắn thời gian chờ từ 3 ngày xuống 1 ngày; 1.250 hồ sơ được nhận ngoài giờ trong 6 tháng.',
    );
    await page.getByRole('button', { name: 'Nộp lại sản phẩm' }).click();
    await status().filter({ hasText: 'Đã nộp lại — chờ kiểm duyệt' }).waitFor();
    const row = (await t.sql.query(`SELECT status, benefits FROM entries`)).rows[0];
    expect(row).toEqual({
      status: 'resubmitted',
      benefits: expect.stringContaining('3 ngày xuống 1 ngày'),
    });
  });

  it('at 768 px (tablet): no horizontal scroll, labelled 44 px controls, sensible focus order', async () => {
    // Back to an editable state to see the whole form.
    const entryId = (await t.sql.query(`SELECT id FROM entries`)).rows[0].id as string;
    await t.http
      .post(`/api/contests/${contestId}/entries/${entryId}/return`)
      .set(bearer(admin))
      .send({ reasons: ['Bổ sung ảnh chụp hộp thư 24 giờ vào đề cương.'] })
      .expect(200);
    const tablet = await newContext(browser, t, { width: 768, height: 1024 });
    await tablet.addInitScript(
      (size) => localStorage.setItem('cchc.upload.chunkSize', String(size)),
      CHUNK,
    );
    const small = await tablet.newPage();
    small.setDefaultTimeout(15_000);
    await signIn(small, 'doi1', t.password('doi1'));
    await small.waitForURL((url) => url.pathname === '/doi-thi');
    await small.getByTestId('entry-status').filter({ hasText: 'Bị trả lại' }).waitFor();
    await small.getByTestId('video-stored').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    const problems = await small.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll(
        '.tp input, .tp select, .tp textarea, .tp button',
      )) {
        const labelled =
          el.tagName === 'BUTTON' || (el.labels?.length ?? 0) > 0 || el.hasAttribute('aria-label');
        if (!labelled) out.push(`no label: ${el.outerHTML.slice(0, 80)}`);
        // A visually hidden file input and a checkbox are reached through their 44 px label.
        const target = el.type === 'file' || el.type === 'checkbox' ? el.labels![0]! : el;
        const height = target.getBoundingClientRect().height;
        if (height < 44) out.push(`small: ${el.outerHTML.slice(0, 80)} ${height}`);
      }
      return out;
    });
    expect(problems).toEqual([]);
    // Keyboard order follows the form.
    await small.getByLabel(/^Tên gọi/).focus();
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await small.keyboard.press('Tab');
      order.push(await small.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(order).toEqual(['tp-category', 'tp-context', 'tp-implementation', 'tp-benefits']);
    await expectNoAxeViolations(small);
    await screenshot(small, 'team-entry-768');

    // A replacement video on its way, then cancelled (Hủy tải lên): the old one stays.
    const line = new Line();
    line.allow = 6;
    await small.route(UPLOADS, line.handler);
    await small.getByLabel('Chọn video khác để thay thế').setInputFiles(videoPath2);
    await until('the 7th chunk on the wire', () => line.held.length === 1);
    await small.getByTestId('video-speed').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
    await screenshot(small, 'team-upload-768');
    await small.getByRole('button', { name: 'Tạm dừng' }).click();
    await small.getByRole('button', { name: 'Hủy tải lên' }).click();
    await small.getByLabel('Chọn video khác để thay thế').waitFor();
    await until('the replacement cancelled on the server', async () => {
      const r = await t.sql.query(`SELECT status FROM uploads WHERE original_name = 'Bản mới.mp4'`);
      return r.rows[0]?.status === 'cancelled';
    });
    expect(await small.getByTestId('video-stored').textContent()).toContain(VIDEO_NAME);
    await small.unrouteAll({ behavior: 'ignoreErrors' });
    await tablet.close();
  });
  it('when the organisers close submissions meanwhile, a save is refused clearly and the typing is kept', async () => {
    await page.reload();
    await status().filter({ hasText: 'Bị trả lại' }).waitFor();
    const benefits = page.getByLabel(/^Lợi ích mang lại/);
    await benefits.fill('Người dân không phải xin nghỉ làm để nộp hồ sơ.');
    await t.http
      .post(`/api/contests/${contestId}/transitions`)
      .set(bearer(admin))
      .send({ to: 'registration', reason: 'Gia hạn đăng ký cho đội xã Tân Thành.' })
      .expect(200);
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    const refused = page.getByRole('alert').filter({
      hasText: 'Chưa lưu được: Hội thi không ở giai đoạn nhận sản phẩm dự thi.',
    });
    await refused.waitFor();
    // The page now shows the closed phase; what was typed is still on screen.
    await page
      .getByText(/Hội thi chưa mở nhận sản phẩm dự thi/)
      .first()
      .waitFor();
    expect(await page.getByTestId('contest-phase').textContent()).toBe('Đăng ký đội thi');
    expect(await benefits.inputValue()).toBe('Người dân không phải xin nghỉ làm để nộp hồ sơ.');
    expect(await benefits.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Nộp lại sản phẩm' }).count()).toBe(0);
    const row = (await t.sql.query(`SELECT benefits FROM entries`)).rows[0];
    expect(row.benefits).toContain('3 ngày xuống 1 ngày');
    await screenshot(page, 'team-closed-meanwhile');
  });
});
