import type { Browser, Page } from 'playwright-core';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

/** An account on its temporary password sees the password change first, whatever its role. */
describe('first sign-in: change the temporary password', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let temporary: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id;
    const created = await t.http
      .post(`/api/contests/${contestId}/accounts`)
      .set(bearer(admin))
      .send({ username: 'gk.an', displayName: 'Nguyễn Văn An', role: 'judge' })
      .expect(201);
    temporary = created.body.temporaryPassword;
    page = await (await newContext(browser, t, { width: 768, height: 1024 })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the rules, puts each error beside its field, then opens the judge area', async () => {
    await signIn(page, 'gk.an', temporary);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    const rules = page.getByRole('list', { name: 'Quy tắc mật khẩu' });
    await expect(rules.innerText()).resolves.toContain('Dài ít nhất 10 ký tự');
    // the judge area is not reachable before the change
    await page.goto('/giam-khao');
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();

    const current = page.getByLabel('Mật khẩu tạm đang dùng');
    const next = page.locator('input[name="newPassword"]');
    const repeat = page.getByLabel('Nhập lại mật khẩu mới');
    const submit = page.getByRole('button', { name: 'Đổi mật khẩu' });

    await current.fill('khong-dung-mat-khau');
    await next.fill('cau-mat-khau-moi-2022');
    await repeat.fill('cau-mat-khau-moi-2022');
    await submit.click();
    await page.locator('#current-err', { hasText: 'Mật khẩu hiện tại không đúng.' }).waitFor();

    await current.fill(temporary);
    await next.fill('gk.an-mat-khau-2022');
    await repeat.fill('gk.an-mat-khau-2022');
    await expect(rules.getByText('Không chứa tên đăng nhập').getAttribute('data-ok')).resolves.toBe(
      'no',
    );
    await submit.click();
    await page
      .locator('#new-err', { hasText: 'Mật khẩu mới không được chứa tên đăng nhập.' })
      .waitFor();
    await screenshot(page, 'account-change-password');

    await next.fill('cau-mat-khau-moi-2022');
    await repeat.fill('cau-mat-khau-khac-2022');
    await submit.click();
    await page
      .locator('#repeat-err', { hasText: 'Hai lần nhập mật khẩu mới chưa khớp nhau.' })
      .waitFor();

    await repeat.fill('cau-mat-khau-moi-2022');
    await submit.click();
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor({ state: 'detached' });
    await page.waitForURL((url) => url.pathname.startsWith('/giam-khao'));
    const changed = await t.sql.query(
      `SELECT must_change_password FROM users WHERE username = 'gk.an'`,
    );
    expect(changed.rows[0].must_change_password).toBe(false);
    await screenshot(page, 'account-after-change');
  });
});
