import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { launchBrowser, screenshot, signIn } from './browser';

/**
 * A tablet on a hall's Wi-Fi opens the app by a LAN name over plain HTTP (not localhost, so
 * not a "secure context"). Chromium resolves `hoithi.lan` to this machine
 * (--host-resolver-rules) and must see the page: no script rewritten to https by the CSP.
 * The judges' area says that reopening without network needs https.
 */
describe('the app opened by a LAN host name over plain HTTP (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser(['--host-resolver-rules=MAP hoithi.lan 127.0.0.1']);
    const { port } = t.server.address() as AddressInfo;
    context = await browser.newContext({
      baseURL: `http://hoithi.lan:${port}`,
      viewport: { width: 768, height: 1024 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the home page, its scripts loaded over http from the LAN name', async () => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).not.toContain(
      'upgrade-insecure-requests',
    );
    // rendered by the app's script, after it asked the API for the public contests
    await page.getByText('Chưa có hội thi nào được công bố.').waitFor();
    expect(await page.evaluate('window.isSecureContext')).toBe(false);
    expect(scripts.length).toBeGreaterThan(0);
    for (const url of scripts) expect(url).toMatch(/^http:\/\/hoithi\.lan:\d+\/assets\//);
    expect(problems).toEqual([]);
    await screenshot(page, 'lan-host-home');
  });

  it('tells a judge that offline reopening needs https', async () => {
    await signIn(page, 'gk.nguyen', t.password('gk.nguyen'));
    await page.goto('/giam-khao');
    await page.getByTestId('insecure-origin').waitFor();
    await expect(page.getByTestId('insecure-origin').textContent()).resolves.toContain('https://');
    await screenshot(page, 'lan-host-judge-768');
  });
});
