import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

/**
 * A judge's tablet reopens the app with no network at all (the service worker serves the
 * cached app shell), keeps scoring, and the scores reach the server once the Wi-Fi is back.
 */
describe('judge tablet reopened offline (service worker)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let contestId: string;
  let entryOne: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    entryOne = published.entries.find((e) => e.teamNumber === 1)!.id;
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    context = await newContext(browser, t, { width: 768, height: 1024 });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('installs the app shell, reopens without network, and sends the scores later', async () => {
    await signIn(page, 'gk.nguyen', t.password('gk.nguyen'));
    await page.goto('/giam-khao');
    await page.getByRole('link', { name: /Đội số 1 —/ }).click();
    await page.getByRole('heading', { name: /^Đội số 1 — / }).waitFor();
    await expect(
      page.evaluate<boolean>('navigator.serviceWorker.ready.then(() => true)'),
    ).resolves.toBe(true);
    // the worker controls the page once it has claimed it (first visit: after activation).
    // Polled with evaluate: waitForFunction polls a string predicate through eval, which the
    // page's CSP (script-src 'self') refuses whenever the first check is not yet true.
    const deadline = Date.now() + 30_000;
    while (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) {
      if (Date.now() > deadline) throw new Error('the service worker never took control');
      await page.waitForTimeout(100);
    }

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: /^Đội số 1 — / }).waitFor();
    await page.getByRole('button', { name: 'Tăng 1,00 điểm: Tính mới', exact: true }).click();
    await page.getByRole('button', { name: 'Tăng 1,00 điểm: Tính mới', exact: true }).click();
    await page
      .getByTestId('sync')
      .filter({ hasText: /Chưa gửi được/ })
      .waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-reopened-offline-768');
    const none = await t.sql.query(
      `SELECT count(*)::int AS n FROM scorecards WHERE entry_id = $1`,
      [entryOne],
    );
    expect(none.rows[0].n).toBe(0);

    await context.setOffline(false);
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 20_000 });
    const saved = await t.sql.query(
      `SELECT s.scores FROM scorecards s JOIN users u ON u.id = s.judge_id
        WHERE s.entry_id = $1 AND u.username = 'gk.nguyen'`,
      [entryOne],
    );
    expect(saved.rows).toHaveLength(1);
    expect(Number(saved.rows[0].scores.novelty)).toBe(2);
  });
});
