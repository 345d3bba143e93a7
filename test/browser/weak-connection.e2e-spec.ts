import type { Browser, Page, Request } from 'playwright-core';
import { publishDemoEntries } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { baseUrl, launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

jest.setTimeout(120_000);

const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};
const AREA_CHUNK = /\/assets\/(TeamPortal|JudgeApp|ConsoleApp)-[\w-]+\.(js|css)$/;

/** Until the service worker controls the page (polled: the page's CSP refuses eval). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  const end = Date.now() + 30_000;
  while (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) {
    if (Date.now() > end) throw new Error('the service worker never took control');
    await page.waitForTimeout(100);
  }
}

/** The paths held by the service worker's cache. */
const cached = (page: Page) =>
  page.evaluate<string[]>(`caches.keys()
    .then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()))))
    .then((lists) => lists.flat().map((r) => new URL(r.url).pathname))`);

/**
 * Issue 26, item 6: what a weak connection costs. A citizen's first visit caches only the
 * public pages; a judge's area is cached when opened; a page's first data is asked for while
 * its code is still arriving; /auth/me once per load. (Timings: `npm run bench -- web`.)
 */
describe('web on a weak connection (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    const admin = await t.login('admin');
    ({ contestId } = await publishDemoEntries(t));
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("a citizen's first visit caches the public pages only, never a role's code", async () => {
    const phone = await browser.newContext({ ...PHONE, baseURL: baseUrl(t) });
    try {
      const page = await phone.newPage();
      const fetched: string[] = [];
      phone.on('request', (r: Request) => fetched.push(new URL(r.url()).pathname));
      await page.goto('/c/nga-bay-2022');
      await page.locator('article.entry').first().waitFor();
      await controlled(page);
      const files = await cached(page);
      expect(files).toContain('/index.html');
      expect(files.some((f) => /^\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
      expect(files.filter((f) => AREA_CHUNK.test(f))).toEqual([]);
      expect(fetched.filter((f) => AREA_CHUNK.test(f))).toEqual([]);
      await expectNoAxeViolations(page);
      await screenshot(page, 'public-contest-390');
    } finally {
      await phone.close();
    }
  });

  it("a role page names its area's code for preloading with the page; public pages name none", async () => {
    const linkOf = async (path: string) =>
      (await t.http.get(path).set('Accept', 'text/html').expect(200)).headers.link as
        string | undefined;
    for (const path of ['/', '/c/nga-bay-2022', '/c/nga-bay-2022/ket-qua', '/dang-nhap'])
      expect({ path, link: await linkOf(path) }).toEqual({ path, link: undefined });
    const judge = (await linkOf('/giam-khao/so-khao')) ?? '';
    expect(judge).toMatch(/<\/assets\/JudgeApp-[\w-]+\.js>; rel=modulepreload/);
    // what the areas share is one chunk, named with it (not a second round trip after it)
    expect(judge).toMatch(/<\/assets\/areas-[\w-]+\.js>; rel=modulepreload/);
    expect(judge).not.toMatch(/ConsoleApp|TeamPortal/);
    // the app's one stylesheet comes with index.html: no area waits for a CSS file of its own
    const html = (await t.http.get('/giam-khao/so-khao').set('Accept', 'text/html')).text;
    expect(
      html.match(/<link rel="stylesheet"[^>]*href="\/assets\/style-[\w-]+\.css"/g),
    ).toHaveLength(1);
    expect(judge).not.toMatch(/\.css>/);
    expect(await linkOf('/doi-thi')).toMatch(/TeamPortal-[\w-]+\.js>; rel=modulepreload/);
    expect(await linkOf(`/btc/${contestId}/ket-qua`)).toMatch(/ConsoleApp-[\w-]+\.js>/);
    // the console's overview waits for its own code only; a section names the sections' chunk
    const overview = (await linkOf(`/btc/${contestId}`)) ?? '';
    expect(overview).toMatch(/ConsoleApp-[\w-]+\.js>; rel=modulepreload/);
    expect(overview).not.toMatch(/sections-/);
    for (const path of [`/btc/${contestId}/ket-qua`, `/btc/${contestId}/thiet-lap`, '/btc/nam'])
      expect({ path, link: await linkOf(path) }).toEqual({
        path,
        link: expect.stringMatching(/<\/assets\/sections-[\w-]+\.js>; rel=modulepreload/),
      });
  });

  it("a judge's area is cached when opened (and only that area); /auth/me is asked once", async () => {
    const context = await newContext(browser, t, { width: 768, height: 1024 });
    try {
      const page = await context.newPage();
      await signIn(page, 'gk.nguyen', t.password('gk.nguyen'));
      const me: string[] = [];
      page.on('request', (r) => r.url().endsWith('/api/auth/me') && me.push(r.url()));
      await page.goto('/giam-khao/so-khao');
      await page.locator('.jg-rows li').first().waitFor();
      await page.locator('main.jg[data-offline-ready="true"]').waitFor();
      const areas = (await cached(page)).filter((f) => AREA_CHUNK.test(f));
      expect(areas.some((f) => f.includes('/JudgeApp-'))).toBe(true);
      expect(areas.filter((f) => !f.includes('/JudgeApp-'))).toEqual([]);
      expect(me).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  for (const area of [
    {
      who: 'organiser',
      user: 'admin',
      path: () => `/btc/${contestId}`,
      chunk: '**/assets/ConsoleApp-*.js',
      data: () => [`/api/contests/${contestId}`, `/api/contests/${contestId}/entries`],
      content: '#so-lieu',
      home: '.contest-list li',
    },
    {
      who: 'team',
      user: 'doi1',
      path: () => '/doi-thi',
      chunk: '**/assets/TeamPortal-*.js',
      data: () => [`/api/contests/${contestId}`, `/api/contests/${contestId}/my-entry`],
      content: '[data-testid="entry-status"]',
      home: '[data-testid="entry-status"]',
    },
  ])
    it(`${area.who}: the page's data is asked for while its code is still arriving, each once; /auth/me once`, async () => {
      // no service worker here: it would serve the area's code from its cache, around the route
      const context = await browser.newContext({
        baseURL: baseUrl(t),
        viewport: { width: 1366, height: 768 },
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
        serviceWorkers: 'block',
      });
      try {
        const page = await context.newPage();
        await signIn(page, area.user, t.password(area.user));
        await page.locator(area.home).first().waitFor(); // its home page, with its data
        // the entry bundle and the area's code take 800 ms to arrive (a slow line), the rest
        // is immediate: the data is asked for by index.html's own script (boot.ts) before either
        let released = Infinity;
        for (const chunk of [area.chunk, '**/assets/index-*.js'])
          await page.route(chunk, async (route) => {
            await new Promise((r) => setTimeout(r, 800)); // the slow line, not a wait
            released = Math.min(released, Date.now());
            await route.continue();
          });
        const refused: string[] = [];
        page.on(
          'console',
          (m) => /Content Security Policy/i.test(m.text()) && refused.push(m.text()),
        );
        const asked: { path: string; at: number }[] = [];
        page.on('request', (r) => {
          const url = new URL(r.url());
          if (url.pathname.startsWith('/api/') && r.method() === 'GET')
            asked.push({ path: url.pathname, at: Date.now() });
        });
        // a new page load (not an in-app link): HTTP cache cleared for the area's code
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.clearBrowserCache');
        await page.goto(area.path());
        await page.locator(area.content).first().waitFor();
        for (const path of area.data()) {
          const hits = asked.filter((a) => a.path === path);
          expect({ path, count: hits.length }).toEqual({ path, count: 1 });
          expect(hits[0]!.at).toBeLessThan(released);
        }
        const me = asked.filter((a) => a.path === '/api/auth/me');
        expect(me).toHaveLength(1);
        expect(me[0]!.at).toBeLessThan(released);
        expect(refused).toEqual([]); // the inline script is allowed by its hash
      } finally {
        await context.close();
      }
    });

  it("a citizen's page asks for its data from index.html's own script, before the entry bundle arrives, once", async () => {
    const phone = await browser.newContext({
      ...PHONE,
      baseURL: baseUrl(t),
      serviceWorkers: 'block',
    });
    try {
      const page = await phone.newPage();
      let released = Infinity;
      await page.route('**/assets/index-*.js', async (route) => {
        await new Promise((r) => setTimeout(r, 800)); // the slow line, not a wait
        released = Math.min(released, Date.now());
        await route.continue();
      });
      const asked: { path: string; at: number; auth: boolean }[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/'))
          asked.push({ path: url.pathname, at: Date.now(), auth: !!r.headers().authorization });
      });
      await page.goto('/c/nga-bay-2022');
      await page.locator('article.entry').first().waitFor();
      expect(asked.map((a) => a.path)).toEqual(['/api/public/contests/nga-bay-2022/entries']);
      expect(asked[0]!.at).toBeLessThan(released);
      expect(asked[0]!.auth).toBe(false); // signed out: no token to send
    } finally {
      await phone.close();
    }
  });

  it("the early GETs never use another session's saved user: only /auth/me until it answers", async () => {
    const context = await browser.newContext({
      baseURL: baseUrl(t),
      viewport: { width: 1366, height: 768 },
      serviceWorkers: 'block',
    });
    try {
      const page = await context.newPage();
      await signIn(page, 'doi1', t.password('doi1'));
      await page.locator('[data-testid="entry-status"]').waitFor();
      // another person signs in on this browser; the team's saved /auth/me answer is still there
      const judgeToken = await t.login('gk.nguyen');
      await page.evaluate(`localStorage.setItem('cchc.token', ${JSON.stringify(judgeToken)})`);
      const events: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) events.push(`ask ${url.pathname}`);
      });
      page.on('response', (r) => {
        if (new URL(r.url()).pathname === '/api/auth/me') events.push('me answered');
      });
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/me');
      await page.goto('/doi-thi');
      await answered;
      expect(events.slice(0, events.indexOf('me answered'))).toEqual(['ask /api/auth/me']);
    } finally {
      await context.close();
    }
  });
});
