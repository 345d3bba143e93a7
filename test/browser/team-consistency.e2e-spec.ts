import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mp4 } from '../support/sample-files';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { baseUrl, launchBrowser, newContext, SCREENS, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

jest.setTimeout(120_000);

const LAPTOP = { width: 1366, height: 768 };
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

/** Where an element sits against the window: fully inside it or not. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(`(() => {
    const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  })()`) as Promise<boolean>;
}

/**
 * Issue 26, item 9: what the team portal says never contradicts what it lets the team do
 * (a returned entry after the deadline, the deadline's line, a missing-file error during the
 * upload that fixes it), and the submit button is never hidden by the side panel at 1366×768.
 */
describe('team portal says one thing at a time (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let contestId: string;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission'])
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    dir = mkdtempSync(join(tmpdir(), 'team-26-'));
    writeFileSync(join(dir, 'video.mp4'), mp4(2 * 1024 * 1024));
    context = await newContext(browser, t, LAPTOP);
    page = await context.newPage();
    page.on('dialog', (d) => void d.accept()); // leaving mid-upload: confirmed
    await signIn(page, 'doi1', t.password('doi1'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('at 1366×768 the submit button stays in view beside a long error summary', async () => {
    await page.goto('/doi-thi');
    await page.getByTestId('entry-status').waitFor();
    expect(await page.getByTestId('deadline').innerText()).toBe(
      'Chưa ấn định (Ban tổ chức sẽ thông báo)',
    );
    await page.getByLabel(/^Tên gọi/).fill('Một cửa không giấy');
    await page.getByRole('button', { name: 'Nộp sản phẩm dự thi' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa nộp được' }).waitFor();
    const button = '.tp-submit-btn';
    expect(await inView(page, button)).toBe(true);
    // anywhere on the page: the top, the middle, the bottom
    for (const y of ['0', 'document.documentElement.scrollHeight / 2', '1e6']) {
      await page.evaluate(`window.scrollTo(0, ${y})`);
      expect(await inView(page, button)).toBe(true);
    }
    // what the team sees mid-page (the window, not the whole page)
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight / 3)');
    await page.screenshot({ path: join(SCREENS, 'team-side-panel-1366-window.png') });
    await page.evaluate('window.scrollTo(0, 0)');
    await expectNoAxeViolations(page);
    await screenshot(page, 'team-side-panel-1366');
  });

  it('the "Chưa tải lên video clip." error goes away while the video is uploading', async () => {
    await page.locator('#tp-video-error').filter({ hasText: 'Chưa tải lên video clip.' }).waitFor();
    const held: Route[] = [];
    await page.route('**/api/contests/*/uploads/*', (route) =>
      route.request().method() === 'PATCH' ? void held.push(route) : route.continue(),
    );
    await page.getByLabel('Chọn tệp video').setInputFiles(join(dir, 'video.mp4'));
    await page.getByRole('button', { name: 'Tạm dừng' }).waitFor();
    expect(await page.locator('#tp-video-error').count()).toBe(0);
    await screenshot(page, 'team-uploading-no-stale-error-1366');
    await page.unroute('**/api/contests/*/uploads/*');
    for (const r of held) await r.abort('connectionreset').catch(() => undefined);
  });

  it('a returned entry after the deadline is not told to resubmit: the form is locked and says whom to ask', async () => {
    await t.sql.query(
      `UPDATE entries SET status = 'returned', return_reasons = $1::jsonb
        WHERE contest_id = $2`,
      [JSON.stringify(['Video chưa nêu số liệu cụ thể.']), contestId],
    );
    await t.sql.query(
      `UPDATE contests SET rules = jsonb_set(rules, '{dates,submissionDeadline}', '"2026-01-10T10:00:00.000Z"')
        WHERE id = $1`,
      [contestId],
    );
    for (const [ctx, name] of [
      [context, 'team-returned-late-1366'],
      [await browser.newContext({ ...PHONE, baseURL: baseUrl(t) }), 'team-returned-late-390'],
    ] as const) {
      const p = ctx === context ? page : await ctx.newPage();
      if (p !== page) await signIn(p, 'doi1', t.password('doi1'));
      await p.goto('/doi-thi');
      await p.getByTestId('entry-status').filter({ hasText: 'Bị trả lại' }).waitFor();
      const help = await p.getByTestId('status-help').innerText();
      expect(help).not.toMatch(/trước hạn/);
      expect(help).toMatch(/không nộp lại được[\s\S]*liên hệ Ban tổ chức/);
      expect(await p.getByTestId('deadline').innerText()).toBe('10/01/2026 17:00 (đã qua)');
      await p.getByText('Đã hết hạn nộp sản phẩm dự thi (10/01/2026 17:00).').first().waitFor();
      expect(await p.getByLabel(/^Tên gọi/).isDisabled()).toBe(true);
      expect(await p.getByRole('button', { name: 'Nộp lại sản phẩm' }).count()).toBe(0);
      expect(await p.getByText('Theo thông báo của Ban tổ chức').count()).toBe(0);
      const overflow = await p.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(p);
      await screenshot(p, name);
      if (ctx !== context) await ctx.close();
    }
  });
});
