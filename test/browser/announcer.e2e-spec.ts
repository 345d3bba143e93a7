import type { Browser, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { announcer, expectAnnounced, launchBrowser, newContext, signIn } from './browser';

jest.setTimeout(120_000);

const SAVED = 'Đã lưu thông tin hội thi.';

/**
 * Screen readers (NVDA, JAWS) often say nothing about a live region inserted already holding
 * its text, which is how a success box appears. The app keeps one polite live region in its
 * shell, present and empty from the first paint, and the message boxes write into it.
 */
describe('messages said through the one live region (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id as string;
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    await signIn(page, 'admin', t.password('admin'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // (strings: these run in Chromium, and this project compiles without the DOM library)
  const markRegion = `window.__region = document.getElementById('announcer')`;
  const sameRegion = `window.__region === document.getElementById('announcer')`;
  const recordSaid = `(() => {
    const el = document.getElementById('announcer');
    window.__said = [];
    new MutationObserver(() => window.__said.push(el.textContent)).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  })()`;

  it('the shell holds one polite live region, there and empty before anything is said', async () => {
    await page.goto(`/btc/${contestId}/thiet-lap`);
    await page.getByRole('button', { name: 'Lưu thông tin' }).waitFor();
    await expect(announcer(page).count()).resolves.toBe(1);
    await expect(announcer(page).getAttribute('aria-live')).resolves.toBe('polite');
    await expect(announcer(page).getAttribute('aria-atomic')).resolves.toBe('true');
    await expect(announcer(page).textContent()).resolves.toBe('');
    // outside the page's landmarks, visually hidden (1 px, clipped)
    await expect(page.locator('main #announcer').count()).resolves.toBe(0);
    const box = await announcer(page).boundingBox();
    expect(box && box.width <= 1 && box.height <= 1).toBe(true);
  });

  it('an organiser’s save is said by the live region, not by a status box; saving again says it again; the words go with the box', async () => {
    await page.evaluate(markRegion);
    await page.evaluate(recordSaid);
    const form = page.locator('#thong-tin-hoi-thi');
    await form.getByLabel('Địa điểm vòng chung khảo').fill('Hội trường UBND thành phố Ngã Bảy');
    await form.getByRole('button', { name: 'Lưu thông tin' }).click();

    const saved = form.locator('.alert-ok');
    await saved.getByText(SAVED).waitFor();
    await expectAnnounced(page, SAVED);
    await expect(announcer(page).textContent()).resolves.toBe(SAVED);
    // the green box looks as before, but is no live region of its own: said once, not twice
    await expect(saved.getAttribute('class')).resolves.toBe('alert alert-ok');
    await expect(saved.getAttribute('role')).resolves.toBeNull();
    await expect(page.locator('main [role="status"]', { hasText: SAVED }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    // the same words after a second save: emptied, then said again on the next frame
    await form.getByRole('button', { name: 'Lưu thông tin' }).click();
    const said = () => page.evaluate<string[]>('window.__said');
    for (let waited = 0; (await said()).filter((s) => s === SAVED).length < 2; waited += 50) {
      if (waited > 20_000)
        throw new Error(`not said a second time: ${JSON.stringify(await said())}`);
      await page.waitForTimeout(50);
    }
    await expect(said()).resolves.toEqual([SAVED, '', SAVED]);
    await saved.getByText(SAVED).waitFor();

    // another section (no reload): the box is gone, and so are its words; same region
    await page.getByRole('link', { name: 'Đơn vị, đội thi, tài khoản' }).click();
    await page.waitForURL(`**/btc/${contestId}/doi-thi`);
    await page.getByRole('heading', { name: 'Đơn vị, đội thi, tài khoản', level: 1 }).waitFor();
    await expect(announcer(page).textContent()).resolves.toBe('');
    await expect(page.evaluate(sameRegion)).resolves.toBe(true);
  });

  it('a temporary password is said by its title only; the password is shown, never spoken', async () => {
    const summary = page.locator('summary', { hasText: 'Tạo tài khoản' });
    const create = page.locator('details', { has: summary });
    await summary.click();
    await create.getByLabel('Tên đăng nhập').fill('gk.moi');
    await create.getByLabel('Họ tên hiển thị').fill('Giám khảo Mới');
    await create.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const issued = create.locator('.alert-ok', { hasText: 'Mật khẩu tạm của gk.moi' });
    await issued.waitFor();
    const password = (await issued.locator('code.password').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(8);
    await expectAnnounced(
      page,
      'Mật khẩu tạm của gk.moi (chỉ hiện một lần, hãy gửi cho người dùng):',
    );
    await expect(announcer(page).textContent()).resolves.not.toContain(password);
    await expect(issued.getAttribute('role')).resolves.toBeNull();
    await expectNoAxeViolations(page);
  });
});
