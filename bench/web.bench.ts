import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
} from 'playwright-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { fingerprint } from '../src/results/fingerprint';
import { sampleResultsDocument } from '../test/support/sample-results';
import { fmt } from './figures';
import { type ApiClient, startServerProcess } from './server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 3;
const COLD_BUDGET_MS = 2500;
const WARM_BUDGET_MS = 1500;

/** Chrome DevTools' "Fast 3G" preset (the one the issue measured with), and CPU × 4. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

interface MainPage {
  name: string;
  path: string;
  /** The page's own content (its data shown), not a spinner. */
  content: string;
  viewport: { width: number; height: number };
  who: 'citizen' | 'team' | 'judge' | 'organiser';
}

/**
 * `npm run bench -- web`: each main page of every role in Debian's chromium with CPU × 4 and
 * Fast 3G, cold (empty HTTP cache, no service worker, signed in as right after signing in)
 * and warm (the same browser profile again: HTTP cache and service worker), median of 3.
 * Time to content: from the navigation's start to the page's data on screen.
 * Budgets: < 2,5 s cold, < 1,5 s warm.
 */
export async function runWebBench(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  if (!existsSync(join(__dirname, '../../web/dist/index.html')))
    throw new Error('The web app is not built: run `npm run build:web` first.');
  // WEB_DIST_DIR (read by the server) measures another build, e.g. one from before a change
  const proc = await startServerProcess();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const fixtures = await prepare(proc.sql, proc.api);
    const pages: MainPage[] = [
      {
        name: 'citizen: home',
        path: '/',
        content: 'a[href="/c/nga-bay-2022"]',
        viewport: PHONE,
        who: 'citizen',
      },
      {
        name: 'citizen: contest entries',
        path: '/c/nga-bay-2022',
        content: 'article.entry',
        viewport: PHONE,
        who: 'citizen',
      },
      {
        name: 'citizen: results',
        path: '/c/nga-bay-2022/ket-qua',
        // the cards on a phone (a table before issue 26)
        content: '[data-testid="result-cards"] li, table.results tbody tr',
        viewport: PHONE,
        who: 'citizen',
      },
      {
        name: 'team: entry',
        path: '/doi-thi',
        content: '[data-testid="entry-status"]',
        viewport: { width: 1366, height: 768 },
        who: 'team',
      },
      {
        name: 'judge: assigned entries',
        path: '/giam-khao/so-khao',
        content: '.jg-rows li a',
        viewport: { width: 768, height: 1024 },
        who: 'judge',
      },
      {
        name: 'judge: scorecard',
        path: `/giam-khao/bai/${fixtures.entryId}`,
        content: '[data-testid="value-novelty"]',
        viewport: { width: 768, height: 1024 },
        who: 'judge',
      },
      {
        name: 'organiser: overview',
        path: `/btc/${fixtures.contestId}`,
        content: '#so-lieu',
        viewport: { width: 1366, height: 768 },
        who: 'organiser',
      },
    ];
    console.log(
      `\n== Web on a weak connection (chromium, CPU × ${CPU_SLOWDOWN}, Fast 3G; median of ${RUNS}) ==`,
    );
    console.log('page                          cold (budget 2,5 s)     warm (budget 1,5 s)');
    // WEB_BENCH_ONLY=organiser: only the pages whose name contains it
    const only = process.env.WEB_BENCH_ONLY;
    for (const p of pages.filter((x) => !only || x.name.includes(only))) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await signedIn(browser, proc.base, p, fixtures.sessions[p.who]);
        try {
          const page = await context.newPage();
          // WEB_BENCH_TRACE=1: the requests of the first cold and warm load, one line each
          const trace = i === 0 && process.env.WEB_BENCH_TRACE === '1';
          cold.push(await timeToContent(page, p, trace));
          await controlled(page);
          warm.push(await timeToContent(page, p, trace));
        } finally {
          await context.close();
        }
      }
      const c = median(cold);
      const w = median(warm);
      console.log(
        `${p.name.padEnd(30)}${cell(c, COLD_BUDGET_MS)}${cell(w, WARM_BUDGET_MS)}` +
          `  (runs ${cold.join(' / ')} · ${warm.join(' / ')} ms)`,
      );
    }
  } finally {
    await browser.close();
    await proc.close();
  }
}

const PHONE = { width: 390, height: 844 };

/** 2.614 ms → "2,61 s ✘" (the Vietnamese decimal comma, as in docs/benchmarks.md). */
function cell(ms: number, budget: number): string {
  return `${fmt(ms / 1000, 2, 'keep')} s ${ms < budget ? '✔' : '✘'}`.padEnd(24);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** From the start of the navigation to the content on screen, throttled. */
async function timeToContent(page: Page, p: MainPage, trace = false): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const log = trace ? waterfall(cdp) : null;
  const started = Date.now();
  await page.goto(p.path, { waitUntil: 'commit', timeout: 60_000 });
  await page.locator(p.content).first().waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  if (log) console.log(`  ${p.name} (${ms} ms):\n${log(started)}`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  return ms;
}

interface Sent {
  url: string;
  at: number;
  from?: string;
  status?: number;
  end?: number;
  bytes?: number;
}

/** Each request's start and end (ms from the navigation), status and bytes on the wire. */
function waterfall(cdp: CDPSession): (started: number) => string {
  const requests = new Map<string, Sent>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, at: Date.now() });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) {
      r.status = e.response.status;
      r.from = e.response.fromServiceWorker ? 'sw' : e.response.fromDiskCache ? 'cache' : '';
    }
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { end: Date.now(), bytes: e.encodedDataLength });
  });
  return (started) =>
    [...requests.values()]
      .map(
        (r) =>
          `    ${String(r.at - started).padStart(5)} → ${String((r.end ?? NaN) - started).padStart(5)} ms ` +
          `${String(r.status ?? '').padEnd(4)}${String(r.bytes ?? '').padStart(7)} B ${r.from ?? ''} ` +
          new URL(r.url).pathname,
      )
      .join('\n');
}

/** Waits until the service worker controls the page (a warm visit is a second one). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
  const end = Date.now() + 30_000;
  while (!(await page.evaluate<boolean>('navigator.serviceWorker.controller !== null'))) {
    if (Date.now() > end) throw new Error('the service worker never took control');
    await page.waitForTimeout(100);
  }
}

/** A fresh profile (cold), signed in as right after signing in: the token and who it is. */
async function signedIn(
  browser: Browser,
  base: string,
  p: MainPage,
  session: { token: string; me: unknown } | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: p.viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  if (session)
    await context.addInitScript({
      content: `localStorage.setItem('cchc.token', ${JSON.stringify(session.token)});
        localStorage.setItem('cchc.me', ${JSON.stringify(JSON.stringify(session))});`,
    });
  return context;
}

/** The seed contest in preliminary judging, every entry published and assigned, results published. */
async function prepare(sql: Client, api: ApiClient) {
  const admin = await api.login('admin', 'bench-password-1');
  const contestId = (await sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
    .id as string;
  await sql.query(
    `INSERT INTO entries (contest_id, team_id, status, name, context, implementation, benefits, published_at)
     SELECT contest_id, id, 'published', 'Mô hình của ' || name, 'Bối cảnh', 'Triển khai', 'Lợi ích', now()
       FROM teams WHERE contest_id = $1`,
    [contestId],
  );
  await sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
  const assigned = await api.call(
    'POST',
    `/api/contests/${contestId}/judging/assignments/all`,
    admin,
  );
  if (assigned.status !== 200) throw new Error(`assignments: ${assigned.status}`);
  const doc = sampleResultsDocument();
  doc.contest = { ...doc.contest, id: contestId, slug: 'nga-bay-2022' };
  const adminId = (await sql.query(`SELECT id FROM users WHERE username = 'admin'`)).rows[0].id;
  await sql.query(
    `INSERT INTO results_versions (contest_id, version, status, document, fingerprint, frozen_by,
       frozen_by_name, frozen_at, approved_by, approved_by_name, published_at)
     VALUES ($1, 1, 'published', $2, $3, $4, 'admin', now(), $4, 'btc.thuky', now())`,
    [contestId, JSON.stringify(doc), fingerprint(doc), adminId],
  );
  const account = async (role: 'team' | 'judge') => {
    const row = (
      await sql.query(
        `SELECT u.id, u.username FROM contest_members m JOIN users u ON u.id = m.user_id
          WHERE m.contest_id = $1 AND m.role = $2 ORDER BY u.username LIMIT 1`,
        [contestId, role],
      )
    ).rows[0] as { id: string; username: string };
    const reset = await api.call(
      'POST',
      `/api/contests/${contestId}/accounts/${row.id}/reset-password`,
      admin,
    );
    const token = await api.login(row.username, reset.body.temporaryPassword as string);
    return { token, me: (await api.call('GET', '/api/auth/me', token)).body };
  };
  const judge = await account('judge');
  const entryId = (
    await sql.query(
      `SELECT e.id FROM entries e JOIN teams t ON t.id = e.team_id
        WHERE e.contest_id = $1 ORDER BY t.number LIMIT 1`,
      [contestId],
    )
  ).rows[0].id as string;
  return {
    contestId,
    entryId,
    sessions: {
      citizen: null,
      team: await account('team'),
      judge,
      organiser: { token: admin, me: (await api.call('GET', '/api/auth/me', admin)).body },
    },
  };
}
