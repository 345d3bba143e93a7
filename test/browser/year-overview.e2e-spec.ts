import type { Browser, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

/**
 * The province administrator's page in a real Chromium at 1366×768: every contest of the year
 * with its step, deadlines, counts and what needs attention; a new contest started from an
 * old one's rules.
 */
jest.setTimeout(120_000);

describe('contests of a year (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let demoId: string;
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.login('admin');
    demoId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0].id;
    // the demo is in moderation with two entries waiting; a second contest is a fresh draft
    const teams = (
      await t.sql.query(`SELECT id FROM teams WHERE contest_id = $1 ORDER BY number LIMIT 2`, [
        demoId,
      ])
    ).rows;
    for (const [i, team] of teams.entries())
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name) VALUES ($1, $2, 'submitted', $3)`,
        [demoId, team.id, `Mô hình ${i + 1}`],
      );
    await t.sql.query(
      `UPDATE contests SET status = 'moderation',
              rules = jsonb_set(rules, '{dates,submissionDeadline}', to_jsonb($2::text))
        WHERE id = $1`,
      [demoId, `${year}-08-15T17:00`],
    );
    await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'sang-kien-so', name: 'Hội thi Sáng kiến chuyển đổi số' })
      .expect(201);
    browser = await launchBrowser();
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every contest of the year with what needs attention, and starts a new contest from one', async () => {
    await signIn(page, 'admin', t.password('admin'));
    await page.goto('/btc');
    await page.getByRole('link', { name: 'Tổng hợp các hội thi trong năm' }).click();
    await page.getByRole('heading', { level: 1, name: `Các hội thi năm ${year}` }).waitFor();
    const table = page.getByTestId('year-contests');
    await page.getByTestId('year-summary').getByText('2 hội thi · 1 hội thi cần chú ý').waitFor();
    const demo = table.locator('tbody tr', { hasText: 'Ngã Bảy' });
    await demo.getByText('Kiểm duyệt', { exact: true }).waitFor();
    await demo.getByText(`15/08/${year} 17:00`).waitFor();
    await demo.getByRole('link', { name: '2 sản phẩm chờ kiểm duyệt.' }).waitFor();
    await demo.getByText('9 / 5').waitFor(); // teams / judges
    const draft = table.locator('tbody tr', { hasText: 'Sáng kiến chuyển đổi số' });
    await draft.getByText('Không có').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'year-overview');

    await demo.getByRole('button', { name: /^Sao chép thể lệ… \(/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo hội thi mới theo thể lệ này?' });
    await dialog
      .getByLabel('Tên hội thi mới')
      .fill('Hội thi Mô hình, sáng kiến CCHC Ngã Bảy năm sau');
    await dialog.getByLabel('Mã rút gọn (slug)').fill('nga-bay-2022');
    await dialog.getByRole('button', { name: 'Tạo hội thi (bản nháp)' }).click();
    await dialog.getByText('Mã rút gọn (slug) đã được dùng.').waitFor(); // beside its field
    await expectNoAxeViolations(page);
    await screenshot(page, 'year-overview-copy-dialog');
    await dialog.getByLabel('Mã rút gọn (slug)').fill('nga-bay-nam-sau');
    await dialog.getByRole('button', { name: 'Tạo hội thi (bản nháp)' }).click();
    await page.waitForURL(/\/btc\/[0-9a-f-]{36}\/thiet-lap$/);
    await page.getByText('Hội thi Mô hình, sáng kiến CCHC Ngã Bảy năm sau').first().waitFor();
    const created = (
      await t.sql.query(`SELECT id, status, rules FROM contests WHERE slug = 'nga-bay-nam-sau'`)
    ).rows[0];
    const source = (await t.sql.query(`SELECT rules FROM contests WHERE id = $1`, [demoId]))
      .rows[0];
    expect(created.status).toBe('draft');
    expect(created.rules.prizes).toEqual(source.rules.prizes);
    expect(created.rules.judging.criteria).toEqual(source.rules.judging.criteria);
    expect(created.rules.dates.submissionDeadline).toBeNull();
    const audit = await t.sql.query(
      `SELECT action FROM audit_log WHERE contest_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['contest.create', 'contest.copy']);

    await page.goto('/btc/nam');
    await page.getByTestId('year-summary').getByText('3 hội thi · 1 hội thi cần chú ý').waitFor();
  });

  it('is for administrators: an organiser is told so', async () => {
    const organiser = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    await signIn(organiser, 'btc.thuky', t.password('btc.thuky'));
    await organiser.goto('/btc/nam');
    await organiser.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
  });
});
