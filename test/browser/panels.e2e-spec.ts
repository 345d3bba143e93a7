import type { Browser, Page } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { growToProvinceContest } from '../../bench/province-contest';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

jest.setTimeout(180_000);

/**
 * The panels section of the organisers' console at seed 003's size (421 entries, 15
 * judges), in a real Chromium at 1366×768: choose k, see the plan (loads, each entry's
 * judges, a page at a time), commit it after a confirmation, then follow the progress per
 * panel with search and filters. The judge's tablet then lists only the judge's entries.
 */
describe('judging panels in the console (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    ({ contestId } = await publishDemoEntries(t));
    await growToProvinceContest(t.sql, contestId, { entries: 421, judges: 15 });
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, 'btc.thuky', t.password('btc.thuky'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const domNodes = () => page.evaluate<number>(`document.getElementsByTagName('*').length`);
  const stickyHead = (testId: string) =>
    page.evaluate<string>(
      `getComputedStyle(document.querySelector('[data-testid="${testId}"] thead th')).position`,
    );

  it('previews a plan of 5 judges per entry: loads, pairs, each entry’s judges a page at a time', async () => {
    await page.goto(`/btc/${contestId}/so-khao`);
    await page
      .getByTestId('panels-mode')
      .filter({ hasText: 'Mọi giám khảo chấm mọi sản phẩm' })
      .waitFor();
    await page.getByLabel('Số giám khảo mỗi sản phẩm (k)').fill('5');
    await page.getByRole('button', { name: 'Lập phương án' }).click();
    const plan = page.getByTestId('panel-plan');
    await plan.getByText('Phương án đề xuất: 5 giám khảo mỗi sản phẩm').waitFor();
    await expect(page.getByTestId('panel-loads').locator('tbody tr').count()).resolves.toBe(15);
    const loads = await page
      .getByTestId('panel-loads')
      .locator('tbody tr td:last-child')
      .allInnerTexts();
    expect(new Set(loads)).toEqual(new Set(['140', '141']));
    await expect(page.getByTestId('panel-entries').locator('tbody tr').count()).resolves.toBe(25);
    await page.getByText('Trang 1/17 · 421 dòng').waitFor();
    await plan.getByLabel('Tìm sản phẩm, đơn vị, giám khảo').fill('Đội thi số 400');
    await expect(page.getByTestId('panel-entries').locator('tbody tr').count()).resolves.toBe(1);
    expect(await domNodes()).toBeLessThan(3000);
    await expectNoAxeViolations(page);
    await screenshot(page, 'console-panels-plan');
  });

  it('commits the plan after a confirmation; progress per panel is paginated, searched, sticky', async () => {
    await page.getByRole('button', { name: 'Áp dụng phương án…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Áp dụng phương án tiểu ban?' });
    await dialog.getByText(/Thêm 2\.105 phân công/).waitFor();
    await dialog.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
    await page
      .locator('main')
      .getByText(/^Đã áp dụng phương án: 2\.105 phân công/)
      .waitFor();
    await page.getByTestId('panels-mode').filter({ hasText: 'Chấm theo tiểu ban' }).waitFor();
    const progress = page.getByTestId('panel-progress');
    await expect(progress.locator('tbody tr').count()).resolves.toBe(50);
    await page.getByText('Trang 1/9 · 421 dòng').waitFor();
    await page
      .getByTestId('panel-progress-summary')
      .filter({ hasText: '0/421 sản phẩm đủ phiếu' })
      .waitFor();
    expect(await stickyHead('panel-progress')).toBe('sticky');
    expect(await domNodes()).toBeLessThan(3000);
    await page.getByLabel('Tìm số báo danh, đội, đơn vị, giám khảo').fill('400');
    await progress.locator('tbody tr').filter({ hasText: '400. Đội thi số 400' }).waitFor();
    await expect(progress.locator('tbody tr').count()).resolves.toBe(1);
    await expect(progress.locator('tbody tr .panel-cards li').count()).resolves.toBe(5);
    await expectNoAxeViolations(page);
    await screenshot(page, 'console-panels-progress');
    expect(pageErrors).toEqual([]);
  });

  it('the judge’s tablet lists only the judge’s own entries', async () => {
    const token = await t.login('gk.tran');
    const mine = await t.http
      .get(`/api/contests/${contestId}/judging/assignments`)
      .set(bearer(token));
    const judgePage = await (await newContext(browser, t, { width: 1024, height: 768 })).newPage();
    await signIn(judgePage, 'gk.tran', t.password('gk.tran'));
    await judgePage.goto('/giam-khao');
    await judgePage
      .getByTestId('progress')
      .filter({ hasText: `Chưa chấm ${mine.body.length}` })
      .waitFor();
    await expect(judgePage.locator('.jg-rows li').count()).resolves.toBe(mine.body.length);
    await judgePage.close();
  });
});
