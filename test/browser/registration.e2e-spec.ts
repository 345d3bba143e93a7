import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { provinceWorkbook, workbookCsv, workbookXlsx } from '../../bench/registration-workbook';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { expectAnnounced, launchBrowser, newContext, screenshot, signIn } from './browser';

jest.setTimeout(180_000);

/**
 * "Đăng ký hàng loạt" in a real Chromium at 1366×768: templates downloaded, a workbook with
 * errors previewed (errors by sheet, row and column), a correct one committed after the
 * confirmation, the account slips downloaded as a PDF. WCAG 2.1 AA checked by axe at each step.
 */
describe('organiser console: bulk registration (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;
  let tmp: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    contestId = (
      await t.http
        .post('/api/contests')
        .set(bearer(admin))
        .send({ slug: 'dang-ky-2026', name: 'Hội thi sáng kiến 2026' })
        .expect(201)
    ).body.id;
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    tmp = mkdtempSync(join(tmpdir(), 'registration-e2e-'));
    await signIn(page, 'admin', t.password('admin'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('downloads the templates and shows the errors of a wrong workbook, by sheet, row and column', async () => {
    await page.goto(`/btc/${contestId}/dang-ky`);
    await page.getByRole('heading', { name: 'Đăng ký hàng loạt', level: 1 }).waitFor();
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp mẫu CSV' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('mau-dang-ky.csv');
    expect(readFileSync((await template.path())!, 'utf8')).toContain('[Đội thi]');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tệp mẫu Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('mau-dang-ky.xlsx');

    const wrong = join(tmp, 'sai.csv');
    writeFileSync(
      wrong,
      workbookCsv({
        units: [['UBND phường 1', 'Phường']],
        teams: [
          [1, 'Đội một', 'UBND phường 1'],
          [1, 'Đội trùng số', 'UBND phường 1'],
        ],
      }),
    );
    await page.getByLabel('Tệp đăng ký (Excel .xlsx hoặc CSV)').setInputFiles(wrong);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByText('Tệp có 1 lỗi; chưa ghi gì.', { exact: false }).waitFor();
    const errorRow = page.getByRole('table', { name: 'Lỗi trong tệp' }).getByRole('row').nth(1);
    expect(await errorRow.innerText()).toBe(
      'Đội thi\t7\tA (Số đội)\tSố đội 1 trùng với dòng 6 của trang "Đội thi".',
    );
    expect(await page.getByRole('button', { name: 'Ghi đăng ký' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'registration-errors');
  });

  it('previews the 421-team workbook, commits it after confirming, and downloads the slips', async () => {
    const file = join(tmp, 'dang-ky-421.xlsx');
    writeFileSync(
      file,
      await workbookXlsx(provinceWorkbook({ units: 60, teams: 421, members: 3, judges: 15 })),
    );
    await page.getByLabel('Tệp đăng ký (Excel .xlsx hoặc CSV)').setInputFiles(file);
    await page.getByRole('button', { name: 'Xem trước' }).click();
    const counts = page.getByRole('table', { name: 'Số dòng theo loại' });
    await counts.waitFor();
    expect(await counts.getByRole('row', { name: /Đội thi/ }).innerText()).toBe('Đội thi\t421\t0');
    expect(await counts.getByRole('row', { name: /Thành viên/ }).innerText()).toBe(
      'Thành viên\t1.263\t0',
    );
    await page.getByText('Tài khoản sẽ tạo: 436').waitFor();
    // the accounts list is paged: 20 rows, not 436
    const accounts = page.getByRole('table', { name: 'Tài khoản sẽ tạo' });
    expect(await accounts.getByRole('row').count()).toBe(21);
    const nodes = await page.evaluate<number>('document.querySelectorAll("*").length');
    expect(nodes).toBeLessThan(3000);
    await expectNoAxeViolations(page);
    await screenshot(page, 'registration-preview');

    await page.getByRole('button', { name: 'Ghi đăng ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi đăng ký hàng loạt?' });
    await dialog.getByText('Sẽ tạo 421 đội, 1.263 thành viên và 436 tài khoản').waitFor();
    await dialog.getByRole('button', { name: 'Ghi đăng ký' }).click();
    await page
      .locator('main')
      .getByText('Đã ghi đăng ký: 421 đội, 1.263 thành viên, 436 tài khoản.')
      .waitFor();
    // a screen reader hears the result, then the note on the slips, through the one live region
    await expectAnnounced(
      page,
      /^Đã ghi đăng ký: 421 đội, 1\.263 thành viên, 436 tài khoản\. Phiếu tài khoản của 436 người .* chỉ tải được đến \d\d\/\d\d\/\d{4}/,
    );
    await expect(page.locator('main [role="status"]').count()).resolves.toBe(0);
    const [slips] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải phiếu tài khoản (PDF)' }).click(),
    ]);
    expect(slips.suggestedFilename()).toBe('phieu-tai-khoan.pdf');
    expect(
      readFileSync((await slips.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expectNoAxeViolations(page);
    await screenshot(page, 'registration-committed');
    const teams = await t.sql.query(`SELECT count(*)::int AS n FROM teams WHERE contest_id = $1`, [
      contestId,
    ]);
    expect(teams.rows[0].n).toBe(421);
    expect(pageErrors).toEqual([]);
  });
});
