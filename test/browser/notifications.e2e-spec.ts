import type { Browser, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

/** The header's notification button in a real Chromium: unread count, list, open and read. */
describe('notifications in the header (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id;
    const team2 = (
      await t.sql.query(`SELECT id FROM teams WHERE contest_id = $1 AND number = 2`, [contestId])
    ).rows[0].id;
    const entryId = (
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name) VALUES ($1, $2, 'submitted', 'Một cửa không chờ')
         RETURNING id`,
        [contestId, team2],
      )
    ).rows[0].id;
    await t.http
      .post(`/api/contests/${contestId}/entries/${entryId}/return`)
      .set(bearer(admin))
      .send({ reasons: ['Video thiếu phần giới thiệu đơn vị.'] })
      .expect(200);
    page = await (await newContext(browser, t)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the unread count; the list opens the exact page and marks the item read', async () => {
    await signIn(page, 'doi2', t.password('doi2'));
    // the account's welcome and the returned entry
    const button = page.getByRole('button', { name: /Thông báo/ });
    await page.getByLabel('2 thông báo chưa đọc').waitFor();
    await button.click();
    const item = page.getByRole('link', { name: /Sản phẩm dự thi cần bổ sung, chỉnh sửa/ });
    await item.waitFor();
    await page.getByText('Video thiếu phần giới thiệu đơn vị.', { exact: false }).waitFor();
    await screenshot(page, 'notifications-panel');
    await item.click();
    await page.waitForURL('**/doi-thi');
    await page.getByLabel('1 thông báo chưa đọc').waitFor();
    await button.click();
    await page.getByRole('button', { name: 'Đánh dấu đã đọc tất cả' }).click();
    await page.getByLabel(/thông báo chưa đọc/).waitFor({ state: 'detached' });
    const unread = await t.sql.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE u.username = 'doi2' AND n.read_at IS NULL`,
    );
    expect(unread.rows[0].n).toBe(0);
  });
});
