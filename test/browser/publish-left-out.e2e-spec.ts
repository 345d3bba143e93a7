import type { Browser, Page } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

jest.setTimeout(120_000);

/**
 * Issue 26, item 9: publishing every approved entry at once names, in its confirmation, the
 * entries that will be left out (team number, name and state), not just how many.
 */
describe('publish all: the confirmation names the entries left out (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    ({ contestId } = await publishDemoEntries(t));
    // back to moderation: teams 1-7 approved (with their post addresses), 8 returned, 9 waiting
    await t.sql.query(
      `UPDATE entries e SET status = CASE WHEN t.number <= 7 THEN 'approved'
                                          WHEN t.number = 8 THEN 'returned' ELSE 'submitted' END,
              published_at = NULL
         FROM teams t WHERE t.id = e.team_id AND e.contest_id = $1`,
      [contestId],
    );
    await t.sql.query(`UPDATE contests SET status = 'moderation' WHERE id = $1`, [contestId]);
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    await signIn(page, 'admin', t.password('admin'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists "Đội số 8 — … (Bị trả lại)" and "Đội số 9 — …" before publishing', async () => {
    const names = (
      await t.sql.query(`SELECT number, name FROM teams WHERE contest_id = $1 AND number >= 8`, [
        contestId,
      ])
    ).rows as { number: number; name: string }[];
    await page.goto(`/btc/${contestId}/kiem-duyet`);
    await page.getByRole('button', { name: 'Đăng tải đồng loạt (7 sản phẩm)…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đăng tải đồng loạt?' });
    await dialog.waitFor();
    const leftOut = dialog.getByTestId('left-out');
    await expect(leftOut.innerText()).resolves.toContain(
      '2 sản phẩm chưa duyệt sẽ không được đăng',
    );
    const items = await leftOut.getByRole('listitem').allInnerTexts();
    const byNumber = new Map(names.map((n) => [Number(n.number), n.name]));
    expect(items).toEqual([
      expect.stringMatching(
        new RegExp(`^Đội số 8 — ${escape(byNumber.get(8)!)} \\(Bị trả lại\\)$`),
      ),
      expect.stringMatching(new RegExp(`^Đội số 9 — ${escape(byNumber.get(9)!)} \\(.+\\)$`)),
    ]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'admin-publish-all-left-out-1366');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
