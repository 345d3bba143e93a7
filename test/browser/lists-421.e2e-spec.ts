import type { Browser, Page } from 'playwright-core';
import { FANPAGE } from '../support/fixtures';
import { seedManyEntries } from '../support/many-entries';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

/**
 * A department's yearly contest at seed 003's size (421 entries, 3 members each) in the
 * organisers' console at 1366×768: each list section shows its first page with a sticky
 * header, stays under 3.000 DOM nodes and passes axe. The time to content is measured and
 * printed (with the machine's load), not asserted: a timed test flakes on a busy machine; the
 * budget of 1 s is checked by reading the printed figures (docs/benchmarks.md).
 */
jest.setTimeout(240_000);

const ENTRIES = 421;
const MAX_NODES = 3000;

describe('console lists at 421 entries (browser, 1366×768)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let contestId: string;
  let entries: { teamNumber: number; entryId: string }[];
  const figures: string[] = [];
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const section = (slug: string) => `/btc/${contestId}/${slug}`;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    entries = await seedManyEntries(t.sql, contestId, { from: 10, count: ENTRIES, members: 3 });
    await t.sql.query(`UPDATE contests SET status = 'moderation' WHERE id = $1`, [contestId]);
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
    await signIn(page, 'btc.thuky', t.password('btc.thuky'));
  });
  afterAll(async () => {
    const { loadavg } = await import('node:os');
    console.log(
      [
        `console lists at ${ENTRIES} entries, 1366×768 (load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}):`,
        ...figures,
      ].join('\n'),
    );
    await browser?.close();
    await t?.close();
  });

  /**
   * Opens a section, waits for its table's first row, and checks the page: DOM nodes under
   * the budget, the table's header sticky while its box scrolls, axe clean, a screenshot.
   */
  const checkSection = async (slug: string, testId: string, name: string, link: string) => {
    const table = page.getByTestId(testId);
    // Cold: the page loaded afresh at the section's address (script, sign-in check, data).
    let started = Date.now();
    await page.goto(section(slug));
    await table.locator('tbody tr').first().waitFor();
    const cold = Date.now() - started;
    // In the app: from the overview, the section's link in the console menu.
    await page.goto(`/btc/${contestId}`);
    const menu = page.getByRole('link', { name: link, exact: true }).first();
    await menu.waitFor();
    started = Date.now();
    await menu.click();
    await table.locator('tbody tr').first().waitFor();
    const inApp = Date.now() - started;
    const nodes = await page.evaluate<number>(`document.getElementsByTagName('*').length`);
    figures.push(
      `  ${name}: content ${inApp} ms from the menu, ${cold} ms on a fresh load; ${nodes} DOM nodes (budget 1.000 ms, < ${MAX_NODES})`,
    );
    expect(nodes).toBeLessThan(MAX_NODES);
    // The header stays at the top of the table's scroll box when the box scrolls.
    // (strings: this file is type-checked without the DOM library)
    const sticky = await page.evaluate<{ position: string; moved: number; gap: number }>(`(() => {
      const th = document.querySelector('[data-testid="${testId}"] thead th');
      const box = th.closest('table').parentElement;
      box.scrollTop = 400;
      const moved = box.scrollTop;
      const gap = th.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = 0;
      return { position: getComputedStyle(th).position, moved, gap: Math.round(gap) };
    })()`);
    expect(sticky.position).toBe('sticky');
    expect(sticky.moved).toBeGreaterThan(0);
    expect(Math.abs(sticky.gap)).toBeLessThanOrEqual(1);
    await expectNoAxeViolations(page);
    await screenshot(page, `lists-421-${slug}`);
    return table;
  };

  it('people: units, teams and accounts, paged and searchable', async () => {
    const teams = await checkSection('doi-thi', 'teams', 'people', 'Đơn vị, đội thi, tài khoản');
    await expect(teams.locator('tbody tr').count()).resolves.toBe(25);
    await page.getByRole('heading', { name: 'Đội thi (430)' }).waitFor();
    await page.getByLabel('Tìm đội').fill('Thanh vien 321.2');
    await teams.getByRole('rowheader', { name: 'Đội Phường số 321' }).waitFor();
    await expect(teams.locator('tbody tr').count()).resolves.toBe(1);
  });

  it('moderation: a compact table with filters, bulk approval of a page', async () => {
    const table = await checkSection(
      'kiem-duyet',
      'moderation',
      'moderation',
      'Kiểm duyệt và đăng tải',
    );
    await page.getByRole('heading', { name: `Hàng chờ kiểm duyệt (${ENTRIES})` }).waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(25);
    await page.getByText(`Trang 1/17 · ${ENTRIES} dòng`).waitFor();
    await page.getByLabel('Chọn mọi sản phẩm chờ duyệt của trang này').check();
    await page.getByRole('button', { name: 'Duyệt 25 sản phẩm đã chọn…' }).click();
    await page.getByRole('button', { name: 'Xác nhận duyệt 25 sản phẩm' }).click();
    await page.locator('main').getByText('Đã duyệt 25 sản phẩm.').waitFor();
    await page.getByRole('heading', { name: `Hàng chờ kiểm duyệt (${ENTRIES - 25})` }).waitFor();
    const nodes = await page.evaluate<number>(`document.getElementsByTagName('*').length`);
    expect(nodes).toBeLessThan(MAX_NODES);
  });

  it('interactions: standings paged by rank, the chart draws 10 teams plus a chosen one', async () => {
    // Everything published, and two readings of the fanpage counts (one API call each).
    await t.sql.query(
      `UPDATE entries e SET status = 'published', published_at = now(),
              post_url = $2 || '/posts/' || (SELECT number FROM teams WHERE id = e.team_id)
        WHERE contest_id = $1`,
      [contestId, FANPAGE],
    );
    await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);
    for (const [takenAt, factor] of [
      ['2022-08-20T10:00:00+07:00', 1],
      ['2022-08-25T10:00:00+07:00', 2],
    ] as const) {
      await t.http
        .post(api('/interactions/form'))
        .set(bearer(admin))
        .send({
          takenAt,
          counts: entries.map((e) => ({
            entryId: e.entryId,
            reactions: factor * e.teamNumber * 3,
            shares: factor,
            comments: 0,
          })),
        })
        .expect(201);
    }
    const standings = await checkSection(
      'tuong-tac',
      'standings',
      'interactions',
      'Lượt tương tác',
    );
    await expect(standings.locator('tbody tr').count()).resolves.toBe(25);
    // rank 1 is the team with the most interactions (the highest number)
    await expect(standings.locator('tbody tr').first().innerText()).resolves.toContain('430.');
    const lines = page.locator('#bieu-do svg g[data-series]');
    await expect(lines.count()).resolves.toBe(10);
    await page.getByLabel('Thêm một đội (số đội)').fill('15');
    await expect(lines.count()).resolves.toBe(11);
    await page
      .getByText('10 đội cao nhất theo điểm thô (theo trọng số của thể lệ), và đội 15.')
      .waitFor();
  });

  it('results: the ranking table paged, rank and team fixed while it scrolls sideways', async () => {
    await t.sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
    const res = await t.http.get(api('/results')).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.document.teams.length).toBeGreaterThanOrEqual(ENTRIES);
    const table = await checkSection('ket-qua', 'results-table', 'results', 'Kết quả');
    await expect(table.locator('tbody tr').count()).resolves.toBe(25);
    // folded, the table fits 1366 px (issue 26); each judge's total makes it scroll sideways
    await page.getByRole('button', { name: /^Hiện điểm từng giám khảo/ }).click();
    await table.locator('thead th[title]').first().waitFor();
    const fixed = await page.evaluate<{
      scrolled: number;
      rankGap: number;
      teamAfterRank: number;
    }>(`(() => {
      const table = document.querySelector('[data-testid="results-table"]');
      const box = table.parentElement;
      box.scrollLeft = 600;
      const row = table.querySelector('tbody tr');
      const rank = row.children[0].getBoundingClientRect();
      const team = row.children[1].getBoundingClientRect();
      return {
        scrolled: box.scrollLeft,
        rankGap: Math.round(rank.left - box.getBoundingClientRect().left),
        teamAfterRank: Math.round(team.left - rank.right),
      };
    })()`);
    expect(fixed.scrolled).toBeGreaterThan(0);
    expect(Math.abs(fixed.rankGap)).toBeLessThanOrEqual(1);
    expect(Math.abs(fixed.teamAfterRank)).toBeLessThanOrEqual(1);
  });
});
