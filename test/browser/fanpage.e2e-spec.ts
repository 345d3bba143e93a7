import type { Browser, Page } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { GRAPH_ERRORS } from '../support/graph-fixtures';
import { FakeGraphApi } from '../support/graph-server';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { expectAnnounced, launchBrowser, newContext, screenshot, signIn } from './browser';

const PAGE_ID = '104000000000001';
const TOKEN = 'EAAGbrowser-page-token-0123456789abcdef';
const SHORT_TOKEN = 'EAAGbrowser-page-token-short-lived-0123456789';

jest.setTimeout(120_000);

/**
 * An organiser connects the contest's fanpage in a real Chromium (the Graph API is a local
 * server answering like Facebook), reads the counts twice, and sees the readings in the
 * interactions chart and the readings table. WCAG 2.1 AA checked by axe.
 */
describe('fanpage connection and readings (browser)', () => {
  let graph: FakeGraphApi;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;
  let teams: number[];
  const setCounts = (extra: number) => {
    for (const n of teams)
      graph.posts.set(`${PAGE_ID}_${1000 + n}`, {
        reactions: 120 * n + extra,
        comments: n,
        shares: n % 2 ? n + extra : 0,
      });
  };

  beforeAll(async () => {
    graph = await new FakeGraphApi().start();
    graph.profiles.set(PAGE_ID, 'Hội thi Mô hình, sáng kiến CCHC Ngã Bảy');
    graph.tokens.set(TOKEN, {
      type: 'PAGE',
      profileId: PAGE_ID,
      scopes: ['pages_show_list', 'pages_read_engagement'],
      expiresAt: Math.floor(Date.now() / 1000) + 60 * 24 * 3600,
    });
    t = await startTestApp({
      FANPAGE_GRAPH_BASE_URL: graph.url,
      FANPAGE_CHECK_INTERVAL_SECONDS: '0',
    });
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    teams = published.entries.map((e) => e.teamNumber);
    setCounts(0);
    browser = await launchBrowser();
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await graph?.stop();
  });

  it('connects the page with its token and shows two readings in the chart', async () => {
    await signIn(page, 'btc.thuky', t.password('btc.thuky'));
    await page.goto(`/btc/${contestId}/tuong-tac`);
    const section = page.locator('#fanpage');
    await section.getByRole('heading', { name: 'Đọc số liệu tự động từ fanpage' }).waitFor();
    await section.getByText('Chưa kết nối.').waitFor();
    await expectNoAxeViolations(page);

    await section.getByLabel('Mã truy cập trang').fill(TOKEN);
    await section.getByLabel('Mã số trang (Page ID), không bắt buộc').fill(PAGE_ID);
    await section.getByLabel('Lịch đọc trong thời gian bình chọn').selectOption('60');
    await section.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await section
      .getByText('Đã kết nối fanpage “Hội thi Mô hình, sáng kiến CCHC Ngã Bảy”.')
      .waitFor();
    const facts = section.getByTestId('fanpage-connection');
    await expect(facts.innerText()).resolves.toContain(
      `Hội thi Mô hình, sáng kiến CCHC Ngã Bảy (${PAGE_ID})`,
    );
    await expect(facts.innerText()).resolves.toContain('Mỗi 60 phút');
    await expect(facts.innerText()).resolves.toMatch(
      /Hạn mã truy cập\s+\d\d\/\d\d\/\d{4} \d\d:\d\d/,
    );
    // the token is gone from the page once saved
    await expect(section.getByLabel('Mã truy cập mới (để thay mã cũ)').inputValue()).resolves.toBe(
      '',
    );
    expect(await page.content()).not.toContain(TOKEN);

    await section.getByRole('button', { name: 'Đọc số liệu ngay' }).click();
    await section.getByText(/^Đã đọc số liệu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
    setCounts(40);
    await section.getByRole('button', { name: 'Đọc số liệu ngay' }).click();
    await section.getByTestId('fanpage-readings').locator('tbody tr').nth(1).waitFor();
    await expect(section.getByTestId('fanpage-readings').locator('tbody tr').count()).resolves.toBe(
      2,
    );
    await expect(section.getByTestId('fanpage-readings').innerText()).resolves.toContain('Đã đọc');

    // the readings are snapshots: the chart draws one line per team, two points each
    const chart = page.locator('#bieu-do svg[role="img"]');
    await chart.waitFor();
    await expect(chart.locator('polyline').count()).resolves.toBe(teams.length);
    const sources = await t.sql.query(
      `SELECT DISTINCT source FROM interaction_snapshots WHERE contest_id = $1`,
      [contestId],
    );
    expect(sources.rows).toEqual([{ source: 'graph' }]);
    await expectNoAxeViolations(page);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'fanpage-connected-readings');
  });

  // Continues from the connection above (same signed-in page).
  it('warns at the top of the panel that the token expires soon, then, once only, that Facebook refused it', async () => {
    graph.tokens.set(SHORT_TOKEN, {
      type: 'PAGE',
      profileId: PAGE_ID,
      scopes: ['pages_show_list', 'pages_read_engagement'],
      expiresAt: Math.floor(Date.now() / 1000) + 3 * 24 * 3600,
    });
    await page.goto(`/btc/${contestId}/tuong-tac`);
    const section = page.locator('#fanpage');
    await section.getByTestId('fanpage-connection').waitFor();
    await expect(section.getByTestId('fanpage-token-warning').count()).resolves.toBe(0);

    await section.getByLabel('Mã truy cập mới (để thay mã cũ)').fill(SHORT_TOKEN);
    await section.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    const warning = section.getByTestId('fanpage-token-warning');
    await warning
      .getByText(/^Mã truy cập fanpage sắp hết hạn: \d\d\/\d\d\/\d{4} \d\d:\d\d\./)
      .waitFor();
    await expect(warning.innerText()).resolves.toContain('Cách xử lý: kết nối lại fanpage.');
    await expect(warning.innerText()).resolves.toContain('Kiểm tra và lưu');
    // said politely through the app's live region, what to do included; the box itself is no
    // status region (a region inserted with its text is often not read, and never twice)
    await expectAnnounced(
      page,
      /Mã truy cập fanpage sắp hết hạn: .*Cách xử lý: kết nối lại fanpage\./,
    );
    await expect(warning.getAttribute('role')).resolves.toBeNull();
    await expectNoAxeViolations(page);

    // Facebook's error 190 on the next reading: the warning says the token no longer works
    graph.tokens.get(SHORT_TOKEN)!.refusal = GRAPH_ERRORS.tokenExpired;
    await section.getByRole('button', { name: 'Đọc số liệu ngay' }).click();
    await warning.getByText(/^Mã truy cập fanpage đã hết hạn hoặc bị Facebook từ chối/).waitFor();
    await expect(warning.innerText()).resolves.toContain('Cách xử lý: kết nối lại fanpage.');
    // said once: the read's result points to the warning, and no problem box repeats it
    await section
      .getByText('Không đọc được số liệu: xem cảnh báo về mã truy cập ở đầu mục.')
      .waitFor();
    await expect(section.getByRole('alert').count()).resolves.toBe(0);
    await expect(section.locator('.alert', { hasText: /từ chối/ }).count()).resolves.toBe(1);
    await expect(
      section.locator('.alert', { hasText: 'Facebook từ chối mã truy cập của fanpage' }).count(),
    ).resolves.toBe(0);
    // it stands first in the panel, above the connection's facts
    await expect(
      section.evaluate((el) => el.querySelector('.alert')?.getAttribute('data-testid')),
    ).resolves.toBe('fanpage-token-warning');
    expect(await page.content()).not.toContain(SHORT_TOKEN);
    await expectNoAxeViolations(page);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'fanpage-token-warning');
  });
  // Continues from the token refused above: connected again with the long-lived token.
  it('tells a reading Facebook refused as a problem, a partial one as a warning, and only a complete one in green', async () => {
    await page.goto(`/btc/${contestId}/tuong-tac`);
    const section = page.locator('#fanpage');
    await section.getByLabel('Mã truy cập mới (để thay mã cũ)').fill(TOKEN);
    await section.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await section.getByText(/^Đã kết nối fanpage/).waitFor();
    const read = section.getByRole('button', { name: 'Đọc số liệu ngay' });
    // the read's own result in green (the connection's "Đã kết nối…" stays above it)
    const green = section.locator('.alert-ok', { hasText: 'đọc' });

    // Facebook down: not a success in green, an alert (the problem box says what to do)
    graph.refuseAll = GRAPH_ERRORS.pageRateLimit;
    try {
      await read.click();
      const failed = section.getByRole('alert').filter({ hasText: /^Không đọc được số liệu lúc/ });
      await failed.waitFor();
      await expect(failed.innerText()).resolves.toMatch(
        /^Không đọc được số liệu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d: xem lỗi và cách xử lý ở trên\.$/,
      );
      await expect(failed.getAttribute('class')).resolves.not.toContain('alert-ok');
      await expect(green.count()).resolves.toBe(0);
      await expect(
        section.getByRole('alert').filter({ hasText: 'Facebook tạm giới hạn số lần gọi' }).count(),
      ).resolves.toBe(1);
      await expectNoAxeViolations(page);
      await failed.scrollIntoViewIfNeeded();
      await screenshot(page, 'fanpage-read-refused');
    } finally {
      graph.refuseAll = null;
    }

    // one post gone: read, but a warning counting and naming the team left unread
    const gone = teams[1]!;
    const kept = graph.posts.get(`${PAGE_ID}_${1000 + gone}`)!;
    graph.posts.delete(`${PAGE_ID}_${1000 + gone}`);
    try {
      await read.click();
      const partial = section
        .locator('.alert')
        .filter({ hasText: /^Đã đọc số liệu lúc .*, nhưng còn 1 bài chưa đọc được/ });
      await partial.waitFor();
      // a warning said politely through the app's live region, the teams named; not an alert
      await expectAnnounced(
        page,
        new RegExp(`Đã đọc số liệu lúc .*, nhưng còn 1 bài chưa đọc được.*Đội ${gone} – `),
      );
      await expect(partial.getAttribute('role')).resolves.toBeNull();
      await expect(partial.innerText()).resolves.toContain(`Đội ${gone} – `);
      await expect(partial.getAttribute('class')).resolves.toBe('alert');
      await expect(green.count()).resolves.toBe(0);
      await expect(section.getByRole('alert').count()).resolves.toBe(0);
      await expectNoAxeViolations(page);
      await partial.scrollIntoViewIfNeeded();
      await screenshot(page, 'fanpage-read-partial');
    } finally {
      graph.posts.set(`${PAGE_ID}_${1000 + gone}`, kept);
    }

    // every post read: green, and nothing else
    await read.click();
    await green.getByText(/^Đã đọc số liệu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/).waitFor();
    await expect(section.getByRole('alert').count()).resolves.toBe(0);
    await expect(section.locator('.alert:not(.alert-ok)').count()).resolves.toBe(0);

    // connecting again clears what a reading taken before said
    await section.getByLabel('Mã truy cập mới (để thay mã cũ)').fill(TOKEN);
    await section.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await green.waitFor({ state: 'detached' });
    await section.getByText(/^Đã kết nối fanpage/).waitFor();
  });
});
