import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, newContext, signIn } from './browser';

jest.setTimeout(120_000);

/**
 * One tablet, two judges: a judge's scores wait in the outbox of a tab left open while
 * another judge signs in on the same tablet (the session is shared by the tabs). The waiting
 * scores must never go out under the other judge's name.
 */
describe('judge tablet shared by two judges', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let first: Page;
  let contestId: string;
  let entryOne: string;
  let entryTwo: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    entryOne = published.entries.find((e) => e.teamNumber === 1)!.id;
    entryTwo = published.entries.find((e) => e.teamNumber === 2)!.id;
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    context = await newContext(browser, t, { width: 768, height: 1024 });
    first = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const cards = async (entryId: string) =>
    (
      await t.sql.query(
        `SELECT u.username, s.scores FROM scorecards s JOIN users u ON u.id = s.judge_id
          WHERE s.entry_id = $1 ORDER BY u.username`,
        [entryId],
      )
    ).rows as { username: string; scores: Record<string, string> }[];

  it("scores queued in a tab left open never reach the server as the next judge's", async () => {
    await signIn(first, 'gk.nguyen', t.password('gk.nguyen'));
    await first.goto('/giam-khao');
    await first.getByRole('link', { name: /Đội số 1 —/ }).click();
    await first.getByRole('heading', { name: /^Đội số 1 — / }).waitFor();

    // The server cannot be reached from this tab for a while: the score waits in the outbox.
    const pattern = `**/api/contests/${contestId}/judging/entries/${entryOne}/scorecard`;
    await first.route(pattern, (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await first.getByRole('button', { name: 'Tăng 1,00 điểm: Tính mới', exact: true }).click();
    await first.getByTestId('sync').filter({ hasText: 'Chưa gửi được' }).waitFor();

    // Meanwhile another judge signs in on the same tablet, in another tab.
    const second = await context.newPage();
    await signIn(second, 'gk.tran', t.password('gk.tran'));

    // The first tab reaches the server again and retries (every 4 s).
    await first.unroute(pattern);
    await first.waitForTimeout(9000);
    expect((await cards(entryOne)).map((c) => c.username)).not.toContain('gk.tran');

    // gk.nguyen signs in again: the waiting score goes out as theirs.
    await signIn(second, 'gk.nguyen', t.password('gk.nguyen'));
    await first.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 20_000 });
    expect(await cards(entryOne)).toEqual([{ username: 'gk.nguyen', scores: { novelty: '1.00' } }]);
    await second.close();
  });

  it("the other judge's card, read in the tab left open, never becomes this judge's: their score is still saved", async () => {
    const second = await context.newPage();
    await signIn(second, 'gk.tran', t.password('gk.tran'));
    // gk.tran has a card for team 2 (version 2)
    const tran = await t.login('gk.tran');
    const path = `/api/contests/${contestId}/judging/entries/${entryTwo}/scorecard`;
    const v1 = await t.http
      .put(path)
      .set(bearer(tran))
      .send({ scores: { novelty: 14 } });
    await t.http
      .put(path)
      .set(bearer(tran))
      .send({ scores: { usefulness: 14 }, version: v1.body.version })
      .expect(200);

    // In the first tab (still gk.nguyen's screen) team 2 is opened and scored.
    await first.getByRole('link', { name: '← Danh sách bài thi' }).click();
    await first.getByRole('link', { name: /Đội số 2 —/ }).click();
    await first.getByRole('heading', { name: /^Đội số 2 — / }).waitFor();
    await first.waitForTimeout(1000); // the card the server sends (gk.tran's) has arrived
    await first
      .getByRole('button', { name: 'Tăng 1,00 điểm: Tính thiết thực', exact: true })
      .click();
    await first.getByTestId('sync').filter({ hasText: 'Chưa gửi được' }).waitFor();

    await signIn(second, 'gk.nguyen', t.password('gk.nguyen'));
    await first.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 20_000 });
    // (it was refused for good: "Phiếu chấm chưa tồn tại ở phiên bản này.", and dropped)
    await expect(first.getByRole('alert').count()).resolves.toBe(0);
    expect(await cards(entryTwo)).toEqual([
      { username: 'gk.nguyen', scores: { practicality: '1.00' } },
      { username: 'gk.tran', scores: { novelty: '14.00', usefulness: '14.00' } },
    ]);
    await second.close();
  });
});
