import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';

/** Debian's chromium (apt-get install -y chromium); CHROMIUM_PATH overrides. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENS = join(process.cwd(), 'test-output', 'screens');

/**
 * A real headless Chromium for the web app tests. Fails with a clear message (never skips)
 * when the browser or the built web app is missing.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  const web = process.env.WEB_DIST_DIR ?? join(process.cwd(), 'web', 'dist');
  if (!existsSync(join(web, 'index.html')))
    throw new Error('The web app is not built: run `npm run build:web` (npm test does it).');
  mkdirSync(SCREENS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** The test app's address, as the browser sees it. */
export function baseUrl(t: TestApp): string {
  return `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
}

/** A fresh browser profile (own storage), Vietnamese locale, Vietnam time zone. */
export async function newContext(
  browser: Browser,
  t: TestApp,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(t),
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

/** Signs in through the login page like a person would. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** A full-page screenshot under test-output/screens for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
}

/**
 * The app's one polite live region (web/src/components/announcer.tsx): what a screen reader
 * is told when a message box appears. It repeats the box's words, so a page-wide getByText
 * for a message finds both; look for the box inside its section or `main`.
 */
export function announcer(page: Page): Locator {
  return page.getByTestId('announcer');
}

/** Waits until the live region says `text` (the region is visually hidden, so: attached). */
export async function expectAnnounced(page: Page, text: string | RegExp): Promise<void> {
  await announcer(page).filter({ hasText: text }).waitFor({ state: 'attached' });
}
