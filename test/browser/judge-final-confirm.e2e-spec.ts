import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reachFinal } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext } from './browser';

jest.setTimeout(120_000);

/**
 * The judge's "submit this part?" dialog while the organiser moves the stage on: the tablet
 * follows the stage every 2 s, and the dialog must never end up submitting (or showing)
 * another part than the one the judge asked to submit.
 */
describe('judge tablet: submitting a part while the stage moves on', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let contestId: string;
  let judgeId: string;
  let first: string;
  let second: string;
  let version: number;
  let judges: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    ({ admin, contestId, judges } = await reachFinal(t));
    const setup = await t.http
      .post(`/api/contests/${contestId}/final/setup`)
      .set(bearer(admin))
      .send({ seed: 'hop-thoai-nop' })
      .expect(201);
    judgeId = (await t.sql.query(`SELECT id FROM users WHERE username = 'gk.nguyen'`)).rows[0].id;
    [first, second] = setup.body.order as [string, string];
    const live = await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ entryId: first, partCode: 'presentation', version: setup.body.version })
      .expect(200);
    version = live.body.version;
    context = await newContext(browser, t, { width: 768, height: 1024 });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const part = async (code: string, entryId = first) =>
    (
      await t.sql.query(
        `SELECT points, status FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2 AND part_code = $3`,
        [judgeId, entryId, code],
      )
    ).rows[0] as { points: string; status: string } | undefined;

  it('the stage moves on while the dialog is open: confirming never submits the part now on stage', async () => {
    await page.goto('/dang-nhap?tiep=/giam-khao');
    await page.getByLabel('Tên đăng nhập').fill('gk.nguyen');
    await page.getByLabel('Mật khẩu').fill(t.password('gk.nguyen'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /^Chấm phần Thuyết trình — Đội số/ }).waitFor();
    await page.getByRole('slider', { name: /^Thuyết trình/ }).fill('40');
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor();

    await page.getByRole('button', { name: 'Nộp điểm phần thi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nộp điểm phần thi?' });
    await expect(dialog.getByTestId('confirm-total').innerText()).resolves.toBe('40,00 / 50');

    // the organiser moves to the next part while the judge reads the dialog
    await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ partCode: 'debate', version })
      .expect(200);
    await page.getByTestId('stage-part').filter({ hasText: 'Phản biện giữa các đội' }).waitFor();

    // The dialog was about the presentation: it closes rather than turn into the debate's.
    await dialog.waitFor({ state: 'hidden' });
    expect(await part('debate')).toBeUndefined();
    expect(await part('presentation')).toEqual({ points: '40.00', status: 'draft' });
    await expect(page.getByRole('alert').count()).resolves.toBe(0);

    // The presentation waits among the parts not submitted; from there it is submitted.
    await page.getByRole('button', { name: /— Thuyết trình$/ }).click();
    await page.getByRole('button', { name: 'Nộp điểm phần thi' }).click();
    await expect(dialog.getByTestId('confirm-total').innerText()).resolves.toBe('40,00 / 50');
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await page.getByTestId('part-locked').waitFor();
    expect(await part('presentation')).toEqual({ points: '40.00', status: 'submitted' });
    expect(await part('debate')).toBeUndefined();
  });

  it('another tablet of the judge submitted the part first: this one shows the stored score as submitted, not its own', async () => {
    const state = await t.http
      .get(`/api/contests/${contestId}/final`)
      .set(bearer(admin))
      .expect(200);
    await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ entryId: second, partCode: 'debate', version: state.body.version })
      .expect(200);
    await page.getByTestId('stage-part').filter({ hasText: 'Phản biện giữa các đội' }).waitFor();
    await page.getByRole('heading', { name: /^Chấm phần Phản biện giữa các đội/ }).waitFor();
    await page.getByRole('slider', { name: /^Phản biện giữa các đội/ }).fill('20');
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor();
    expect(await part('debate', second)).toEqual({ points: '20.00', status: 'draft' });

    // This tablet loses the Wi-Fi with its submit queued...
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Nộp điểm phần thi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nộp điểm phần thi?' });
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await page.getByTestId('sync').filter({ hasText: 'sẽ tự nộp khi có mạng' }).waitFor();
    // ...while the judge's other tablet changes the score to 25 and submits it.
    const path = `/api/contests/${contestId}/final/entries/${second}/parts/debate`;
    const changed = await t.http
      .put(path)
      .set(bearer(judges['gk.nguyen']!))
      .send({ points: 25, version: 1 })
      .expect(200);
    await t.http
      .post(`${path}/submit`)
      .set(bearer(judges['gk.nguyen']!))
      .send({ version: changed.body.version })
      .expect(200);

    await context.setOffline(false);
    await page.getByTestId('part-locked').waitFor();
    await page.getByTestId('sync').filter({ hasText: 'Đã nộp' }).waitFor();
    // the score that counts is the one shown
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('25,00 / 30');
    expect(await part('debate', second)).toEqual({ points: '25.00', status: 'submitted' });
  });
});
