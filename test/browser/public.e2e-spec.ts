import type { Browser, Page } from 'playwright-core';
import { fingerprint } from '../../src/results/fingerprint';
import { reachFinal } from '../support/fixtures';
import { sampleResultsDocument } from '../support/sample-results';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { baseUrl, launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

/** A phone held upright, with touch: what most citizens use to follow the results. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

/** What citizens see, in a real Chromium: home, contest page, live board, published results. */
describe('public pages (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  let judges: Record<string, string>;
  let version: number;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_BOARD_MIN_INTERVAL_MS: '100' });
    browser = await launchBrowser();
    ({ admin, contestId, entries, judges } = await reachFinal(t));
    const setup = await t.http
      .post(`/api/contests/${contestId}/final/setup`)
      .set(bearer(admin))
      .send({ seed: 'trang-cong-khai' })
      .expect(201);
    version = setup.body.version;
    page = await (await newContext(browser, t)).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('home lists the contest; the contest page lists the published entries', async () => {
    await page.goto('/');
    const link = page.getByRole('link', {
      name: /Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy/,
    });
    await link.waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-home');
    await link.click();
    await page.waitForURL('**/c/nga-bay-2022');
    await page.getByRole('heading', { name: /^1\. Mô hình của đội 1$/ }).waitFor();
    expect(await page.locator('article.entry').count()).toBe(9);
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-contest');
  });

  it('HTML in an entry title is shown as text, never run', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await t.sql.query(`UPDATE entries SET name = $1 WHERE id = $2`, [hostile, entries[1]!.id]);
    await page.goto('/c/nga-bay-2022');
    await page.getByRole('heading', { name: `2. ${hostile}` }).waitFor();
    expect(await page.evaluate<unknown>('window.__pwned')).toBeUndefined();
    expect(await page.locator('article.entry img').count()).toBe(0);
    await t.sql.query(`UPDATE entries SET name = 'Mô hình của đội 2' WHERE id = $1`, [
      entries[1]!.id,
    ]);
  });

  it('the live board updates without a reload when a part result is revealed', async () => {
    await page.goto('/c/nga-bay-2022/truc-tiep');
    await page.getByText('Trực tiếp', { exact: true }).waitFor(); // the stream is open
    const first = entries[0]!.id;
    const live = await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ entryId: first, partCode: 'presentation', version })
      .expect(200);
    version = live.body.version;
    const teamName = (
      await t.sql.query(
        `SELECT t.name FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.id = $1`,
        [first],
      )
    ).rows[0].name as string;
    await page.getByTestId('current-team').filter({ hasText: teamName }).waitFor();
    await expect(page.getByText('Thuyết trình', { exact: true }).count()).resolves.toBe(1);

    for (const [username, points] of [
      ['gk.nguyen', 45],
      ['gk.tran', 46.5],
      ['gk.le', 44.25],
    ] as const) {
      const saved = await t.http
        .put(`/api/contests/${contestId}/final/entries/${first}/parts/presentation`)
        .set(bearer(judges[username]!))
        .send({ points })
        .expect(200);
      await t.http
        .post(`/api/contests/${contestId}/final/entries/${first}/parts/presentation/submit`)
        .set(bearer(judges[username]!))
        .send({ version: saved.body.version })
        .expect(200);
    }
    const before = await page.evaluate<number>('performance.getEntriesByType("navigation").length');
    await t.http
      .post(`/api/contests/${contestId}/final/reveal`)
      .set(bearer(admin))
      .send({ entryId: first, partCode: 'presentation', revealed: true, version })
      .expect(200);
    // mean of 45, 46,5 and 44,25 = 45,25, shown the Vietnamese way
    await page.getByTestId('parts').filter({ hasText: '45,25' }).waitFor();
    expect(await page.evaluate<number>('performance.getEntriesByType("navigation").length')).toBe(
      before,
    );
    expect(await page.evaluate<string>('location.pathname')).toBe('/c/nga-bay-2022/truc-tiep');
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-live-board');
  });

  it('a screen reader hears the board change, not the timer ticking twice a second', async () => {
    // still on the live board, a part running: its timer ticks every 500 ms
    await page.getByTestId('timer').waitFor();
    const liveAround = (testId: string) =>
      page.getByTestId(testId).evaluate((el) => {
        // (the shape used: this file is type-checked without the DOM library)
        type Ancestor = {
          getAttribute(name: string): string | null;
          parentElement: Ancestor | null;
        };
        for (let node = el as unknown as Ancestor | null; node; node = node.parentElement) {
          const live = node.getAttribute('aria-live');
          if (live) return live;
          if (node.getAttribute('role') === 'timer') return 'off';
        }
        return null;
      });
    await expect(liveAround('timer')).resolves.toBe('off');
    await expect(liveAround('current-team')).resolves.toBe('polite');
    await expect(liveAround('parts')).resolves.toBe('polite');
  });

  it('before publication the results page says when and where to watch (phone, 390×844)', async () => {
    const phone = await browser.newContext({ ...PHONE, baseURL: baseUrl(t) });
    try {
      const p = await phone.newPage();
      await p.goto('/c/nga-bay-2022/ket-qua');
      const empty = p.getByTestId('not-yet');
      // the contest is in its final: once its state has loaded, the page says so
      await empty.filter({ hasText: 'Vòng chung khảo đang diễn ra' }).waitFor();
      await expect(empty.innerText()).resolves.toMatch(
        /Kết quả chưa được công bố\.[\s\S]*Vòng chung khảo đang diễn ra[\s\S]*hiện tại trang này/,
      );
      expect(
        await empty
          .getByRole('link', { name: 'Xem trực tiếp vòng chung khảo' })
          .getAttribute('href'),
      ).toBe('/c/nga-bay-2022/truc-tiep');
      await expectNoAxeViolations(p);
      await screenshot(p, 'public-results-empty-390');
    } finally {
      await phone.close();
    }
  });

  it('before the final the results page says the day, time and place the organisers set (set-up at 1366, phone)', async () => {
    // the organisers announce the final in set-up
    const desk = await newContext(browser, t, { width: 1366, height: 768 });
    const phone = await browser.newContext({ ...PHONE, baseURL: baseUrl(t) });
    try {
      const o = await desk.newPage();
      await signIn(o, 'admin', t.password('admin'));
      await o.goto(`/btc/${contestId}/thiet-lap`);
      const when = o.getByLabel('Thời gian vòng chung khảo (công bố trên trang kết quả)');
      await when.fill('31/02/2026 08:00'); // no such day: the form says how to write it
      await o.getByRole('button', { name: 'Lưu thông tin' }).click();
      await o.getByText('Viết theo dạng dd/mm/yyyy hh:mm').waitFor();
      await expect(when.getAttribute('aria-invalid')).resolves.toBe('true');
      await when.fill('20/12/2026 08:00');
      await o.getByLabel('Địa điểm vòng chung khảo').fill('Hội trường UBND thành phố Ngã Bảy');
      await o.getByRole('button', { name: 'Lưu thông tin' }).click();
      await o.locator('#thong-tin-hoi-thi').getByText('Đã lưu thông tin hội thi.').waitFor();
      await expectNoAxeViolations(o);
      await screenshot(o, 'admin-setup-final-when-where-1366');
      const stored = await t.sql.query(`SELECT final_at, final_venue FROM contests WHERE id = $1`, [
        contestId,
      ]);
      expect(stored.rows[0]).toEqual({
        final_at: new Date('2026-12-20T01:00:00Z'), // 08:00 in Vietnam
        final_venue: 'Hội trường UBND thành phố Ngã Bảy',
      });

      // a citizen before the final (the contest is back in preliminary judging for this test)
      await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
      const p = await phone.newPage();
      await p.goto('/c/nga-bay-2022/ket-qua');
      const text = p.getByTestId('final-when-where');
      await text.waitFor();
      expect(await text.innerText()).toBe(
        'Kết quả sẽ được công bố sau vòng chung khảo ngày 20/12/2026 lúc 08:00 tại Hội trường ' +
          'UBND thành phố Ngã Bảy; theo dõi trực tiếp tại trang trực tiếp.',
      );
      expect(await text.getByRole('link', { name: 'trang trực tiếp' }).getAttribute('href')).toBe(
        '/c/nga-bay-2022/truc-tiep',
      );
      await expectNoAxeViolations(p);
      await screenshot(p, 'public-results-empty-when-where-390');
    } finally {
      await t.sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
      await desk.close();
      await phone.close();
    }
  });

  it('the published results page shows 94,12 and 6.000.000 đ, and the fingerprint', async () => {
    // A published version straight into the database (the API path to it is covered by
    // results.e2e-spec.ts): the sample document whose first team has 30,00 + 64,12 = 94,12.
    const doc = sampleResultsDocument();
    doc.contest = { ...doc.contest, id: contestId, slug: 'nga-bay-2022' };
    const print = fingerprint(doc);
    const adminId = (await t.sql.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id;
    await t.sql.query(
      `INSERT INTO results_versions (contest_id, version, status, document, fingerprint, frozen_by,
         frozen_by_name, frozen_at, approved_by, approved_by_name, published_at)
       VALUES ($1, 1, 'published', $2, $3, $4, 'admin', now(), $4, 'btc.thuky', now())`,
      [contestId, JSON.stringify(doc), print, adminId],
    );
    await t.sql.query(`UPDATE contests SET status = 'results_published' WHERE id = $1`, [
      contestId,
    ]);
    await page.goto('/c/nga-bay-2022/ket-qua');
    const table = page.getByRole('table', { name: 'Bảng xếp hạng chung cuộc' });
    await table.waitFor();
    const firstRow = table.getByRole('row').nth(1);
    await expect(firstRow.innerText()).resolves.toMatch(
      /1\s+Đội phường Hiệp Thành[\s\S]*30,00\s+64,12\s+94,12\s+85,00\s+179,12\s+Giải Nhất/,
    );
    await expect(page.getByRole('table').nth(1).innerText()).resolves.toContain('6.000.000 đ');
    await expect(page.getByTestId('total').innerText()).resolves.toBe('18.000.000 đ');
    await expect(page.getByTestId('fingerprint').innerText()).resolves.toBe(print);
    const pdf = page.getByRole('link', { name: 'Biên bản kết quả (PDF)' });
    expect(await pdf.getAttribute('href')).toBe(
      '/api/public/contests/nga-bay-2022/results/versions/1/documents/minutes.pdf',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'public-results');
    // the same page on a phone-sized tablet: no horizontal scrolling of the page itself
    await page.setViewportSize({ width: 768, height: 1024 });
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'public-results-768');
  });

  it('on a phone (390×844): one card per team, details on tap, the fingerprint at the bottom', async () => {
    const phone = await browser.newContext({ ...PHONE, baseURL: baseUrl(t) });
    try {
      const p = await phone.newPage();
      await p.goto('/c/nga-bay-2022/ket-qua');
      const cards = p.getByTestId('result-cards');
      await cards.waitFor();
      // the wide table is not shown on a phone: the cards are
      expect(await p.getByRole('table', { name: 'Bảng xếp hạng chung cuộc' }).count()).toBe(0);
      const first = cards.getByRole('listitem').first();
      await expect(first.innerText()).resolves.toMatch(
        /^Hạng\s+1\s+Đội phường Hiệp Thành\s+Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành\s+Tổng điểm 179,12\s+Giải Nhất/,
      );
      expect(await cards.getByRole('listitem').count()).toBe(9);
      // the parts of the score open on a tap
      const details = first.getByText('Chi tiết điểm');
      expect(await first.getByText('94,12', { exact: true }).isVisible()).toBe(false);
      await details.tap();
      await first.getByText('94,12', { exact: true }).waitFor();
      await expect(first.getByText('Chính quyền 24 giờ').isVisible()).resolves.toBe(true);
      // a name on one or two lines, not four to six
      const teamHeight = await first.locator('.result-team').evaluate((el) => el.clientHeight);
      expect(teamHeight).toBeLessThan(60);
      // "Kiểm tra tính toàn vẹn" holds the SHA-256, below the ranking and the prizes
      const integrity = p.getByRole('region', { name: 'Kiểm tra tính toàn vẹn' });
      await expect(integrity.getByTestId('fingerprint').innerText()).resolves.toMatch(
        /^[0-9a-f]{64}$/,
      );
      const [cardsBox, prizeBox, integrityBox] = await Promise.all([
        cards.boundingBox(),
        p.getByRole('region', { name: 'Cơ cấu giải thưởng' }).boundingBox(),
        integrity.boundingBox(),
      ]);
      expect(integrityBox!.y).toBeGreaterThan(cardsBox!.y + cardsBox!.height);
      expect(integrityBox!.y).toBeGreaterThan(prizeBox!.y + prizeBox!.height);
      // the table that remains (prizes) scrolls in a box a keyboard can reach
      const prizes = p.getByRole('region', { name: 'Cơ cấu giải thưởng' });
      expect(await prizes.getAttribute('tabindex')).toBe('0');
      const overflow = await p.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await p.title()).toMatch(/^Kết quả hội thi — .*Ngã Bảy.* — Hội thi CCHC$/);
      await expectNoAxeViolations(p);
      await screenshot(p, 'public-results-390');
    } finally {
      await phone.close();
    }
  });

  it('public pages have titles of their own', async () => {
    const titles: string[] = [];
    for (const [path, wait] of [
      ['/', 'Hội thi Mô hình, sáng kiến cải cách hành chính'],
      ['/c/nga-bay-2022', /Ngã Bảy/],
      ['/c/nga-bay-2022/ket-qua', 'Kết quả hội thi'],
      ['/dang-nhap', 'Đăng nhập'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: wait }).waitFor();
      const h1 = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
      // the title is set just after the heading renders (an effect): poll, never sleep
      const end = Date.now() + 10_000;
      while (!(await page.title()).startsWith(h1) && Date.now() < end)
        await page.waitForTimeout(50);
      titles.push(await page.title());
      expect(titles.at(-1)!.startsWith(`${h1} — `)).toBe(true);
    }
    await page.goto('/c/nga-bay-2022/truc-tiep');
    await page.getByText('Trực tiếp', { exact: true }).waitFor();
    titles.push(await page.title());
    expect(new Set(titles).size).toBe(titles.length);
    // the board's own title: the contest's name once its data has come, a general one before
    expect(titles[4]).toMatch(/^Trực tiếp vòng chung khảo — Hội thi /);
  });

  it('unknown paths get the app\'s own "not found" page; the API stays JSON', async () => {
    await page.goto('/khong-co-trang-nay');
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    const api = await t.http.get('/api/khong-co');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });
});
