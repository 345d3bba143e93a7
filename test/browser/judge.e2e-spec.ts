import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publishDemoEntries, reachFinal } from '../support/fixtures';
import { pdf, webm } from '../support/sample-files';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { baseUrl, launchBrowser, newContext, screenshot, signIn } from './browser';
import { expectNoAxeViolations } from './axe';

jest.setTimeout(120_000);

const PORTRAIT = { width: 768, height: 1024 };
const LANDSCAPE = { width: 1024, height: 768 };

/** Polls until `check` returns a value (not undefined); fails after `ms`. */
async function until<T>(check: () => Promise<T | undefined>, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A short real WebM recorded by Chromium itself (canvas → MediaRecorder); null if unsupported. */
async function recordWebm(browser: Browser): Promise<Buffer | null> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // (a string: this file is type-checked without the DOM library)
    const b64 = (await page.evaluate(`(async () => {
      if (typeof MediaRecorder === 'undefined') return null;
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const g = canvas.getContext('2d');
      let frame = 0;
      const draw = () => {
        g.fillStyle = 'hsl(' + ((frame * 7) % 360) + ', 55%, 35%)';
        g.fillRect(0, 0, 320, 180);
        g.fillStyle = '#fff';
        g.font = 'bold 26px sans-serif';
        g.fillText('Đội số 1 · ' + frame, 24, 100);
        frame++;
      };
      draw();
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
      const chunks = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((r) => (recorder.onstop = r));
      const timer = setInterval(draw, 40);
      recorder.start();
      await new Promise((r) => setTimeout(r, 1200)); // the clip's length, not a wait
      recorder.stop();
      await stopped;
      clearInterval(timer);
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    })()`)) as string | null;
    return b64 ? Buffer.from(b64, 'base64') : null;
  } catch {
    return null;
  } finally {
    await context.close();
  }
}

/** A ready upload row with its file on disk (as a finished tus upload leaves them). */
async function attachFile(
  t: TestApp,
  contestId: string,
  entryId: string,
  kind: 'video' | 'outline',
  body: Buffer,
  name: string,
  mime: string,
) {
  const teamId = (await t.sql.query(`SELECT team_id FROM entries WHERE id = $1`, [entryId])).rows[0]
    .team_id;
  const { rows } = await t.sql.query(
    `INSERT INTO uploads (contest_id, team_id, kind, status, original_name, size, received, sha256,
       detected_type, mime, completed_at)
     VALUES ($1, $2, $3, 'ready', $4, $5, $5, $6, $7, $8, now()) RETURNING id`,
    [
      contestId,
      teamId,
      kind,
      name,
      body.length,
      createHash('sha256').update(body).digest('hex'),
      kind === 'video' ? 'webm' : 'pdf',
      mime,
    ],
  );
  const id = rows[0].id as string;
  mkdirSync(join(t.settings.uploadDir, contestId), { recursive: true });
  writeFileSync(join(t.settings.uploadDir, contestId, id), body);
  await t.sql.query(
    `UPDATE entries SET ${kind === 'video' ? 'video_upload_id' : 'outline_upload_id'} = $2 WHERE id = $1`,
    [entryId, id],
  );
}

/**
 * The judges' tablet app in a real Chromium against the real server and database: scoring on
 * a 768×1024 tablet, losing the Wi-Fi, a lost answer, a reload with unsent scores, and the
 * server ending up with exactly the judge's last values, each save applied once.
 */
describe('judge tablet app: preliminary round (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  let judgeId: string;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    admin = await t.login('admin');
    ({ contestId, entries } = await publishDemoEntries(t));
    const clip = (await recordWebm(browser)) ?? webm(40_000);
    await attachFile(t, contestId, entry(1), 'video', clip, 'doi-1-video.webm', 'video/webm');
    await attachFile(
      t,
      contestId,
      entry(1),
      'outline',
      pdf(),
      'de-cuong-doi-1.pdf',
      'application/pdf',
    );
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    judgeId = (await t.sql.query(`SELECT id FROM users WHERE username = 'gk.nguyen'`)).rows[0].id;
    context = await newContext(browser, t, PORTRAIT);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const card = async () =>
    (
      await t.sql.query(
        `SELECT id, scores, total, version, status FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
        [judgeId, entry(1)],
      )
    ).rows[0] as
      | {
          id: string;
          scores: Record<string, string>;
          total: string | null;
          version: number;
          status: string;
        }
      | undefined;
  const sync = () => page.getByTestId('sync');
  const value = (code: string) => page.getByTestId(`value-${code}`);
  const press = async (name: string, times: number) => {
    const button = page.getByRole('button', { name, exact: true });
    for (let i = 0; i < times; i++) await button.click();
  };

  it('signed out, /giam-khao leads to the login page and back to the assigned entries', async () => {
    await page.goto('/giam-khao');
    await page.waitForURL(
      (url) => url.pathname === '/dang-nhap' && url.search === '?tiep=/giam-khao',
    );
    await page.getByLabel('Tên đăng nhập').fill('gk.nguyen');
    await page.getByLabel('Mật khẩu').fill(t.password('gk.nguyen'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/giam-khao');
    await page.getByRole('heading', { name: 'Bài thi được phân công' }).waitFor();
    await page.getByTestId('progress').filter({ hasText: 'Chưa chấm 9' }).waitFor();
    const rows = page.locator('.jg-rows li');
    await rows.first().filter({ hasText: 'Đội số 1 — ' }).waitFor();
    expect(await rows.count()).toBe(9);
    await expect(rows.first().innerText()).resolves.toMatch(/Đội số 1[\s\S]*Chưa chấm/);
    await noHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-list-768');
  });

  it('scores with steppers and the slider; the running total is exact; autosaves ("Đã lưu")', async () => {
    const contentSeen = page.waitForResponse(
      (r) => r.url().includes('/uploads/') && r.url().endsWith('/content'),
    );
    await page.getByRole('link', { name: /Đội số 1 —/ }).click();
    await page.waitForURL(`**/giam-khao/bai/${entry(1)}`);
    await page.getByRole('heading', { name: /^Đội số 1 — / }).waitFor();
    // the video streams with HTTP ranges (seekable), the outline is one tap away
    const video = await contentSeen;
    expect(video.status()).toBe(206);
    expect(video.headers()['accept-ranges']).toBe('bytes');
    await expect(
      page.getByRole('link', { name: /Mở đề cương \(de-cuong-doi-1\.pdf/ }).getAttribute('href'),
    ).resolves.toMatch(new RegExp(`^/api/contests/${contestId}/uploads/[0-9a-f-]+/content$`));
    await expect(value('novelty').innerText()).resolves.toBe('Chưa chấm');
    // every control a finger can hit: at least 44 × 44 px
    const small = await page.evaluate(
      `[...document.querySelectorAll('.jg-rubric button, .jg-rubric input, .jg-bar button')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width < 44 || r.height < 44).length`,
    );
    expect(small).toBe(0);

    await press('Tăng 1,00 điểm: Tính mới', 12);
    await press('Tăng 0,25 điểm: Tính mới', 3);
    await expect(value('novelty').innerText()).resolves.toBe('12,75');
    // the slider, by keyboard: End = 15, two steps back = 14,50
    const slider = page.getByRole('slider', { name: /^Tính hữu ích/ });
    await slider.focus();
    await slider.press('End');
    await slider.press('ArrowLeft');
    await slider.press('ArrowLeft');
    await expect(value('usefulness').innerText()).resolves.toBe('14,50');
    await expect(page.getByTestId('total').innerText()).resolves.toBe('27,25 / 70');

    const saved = await until(async () => {
      const c = await card();
      return c?.scores.novelty === '12.75' && c.scores.usefulness === '14.50' ? c : undefined;
    }, 'the first scores on the server');
    expect(saved.status).toBe('draft');
    await sync().filter({ hasText: 'Đã lưu' }).waitFor();
    await noHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-scoring-768');
  });

  it('offline changes survive a lost answer and a reload, and reach the server exactly once', async () => {
    const before = (await card())!;
    const mark = (await t.sql.query(`SELECT coalesce(max(id), 0)::bigint AS id FROM audit_log`))
      .rows[0].id as string;
    const keysBefore = (
      await t.sql.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1`, [
        judgeId,
      ])
    ).rows[0].n as number;

    // 1. The Wi-Fi drops: two more criteria are scored, kept on the tablet.
    await context.setOffline(true);
    await page.getByTestId('net').filter({ hasText: 'Mất mạng' }).waitFor();
    await press('Tăng 1,00 điểm: Tính thiết thực', 13);
    await press('Tăng 1,00 điểm: Khả năng tạo đột phá', 11);
    await press('Tăng 0,25 điểm: Khả năng tạo đột phá', 2);
    await sync().filter({ hasText: 'Chưa gửi được — sẽ tự gửi khi có mạng' }).waitFor();
    await expect(page.getByTestId('total').innerText()).resolves.toBe('51,75 / 70');
    await screenshot(page, 'judge-offline-768');

    // 2. The network comes back, but the first answer is lost on its way to the tablet
    //    (the server did apply it); every later attempt fails until the reload.
    const pattern = `**/api/contests/${contestId}/judging/entries/${entry(1)}/scorecard`;
    const blockedKeys: string[] = [];
    let forwarded!: () => void;
    const applied = new Promise<void>((r) => (forwarded = r));
    await page.route(pattern, async (route) => {
      const req = route.request();
      if (req.method() === 'PUT') blockedKeys.push(req.headers()['idempotency-key']!);
      if (req.method() === 'PUT' && blockedKeys.length === 1) {
        await route.fetch(); // reaches the server…
        forwarded();
        return route.abort('connectionreset'); // …but the answer never arrives
      }
      return route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await applied;
    const afterLost = (await card())!;
    expect(afterLost.version).toBe(before.version + 1);
    expect(afterLost.scores).toMatchObject({ practicality: '13.00', breakthrough: '11.50' });
    // one merged save for the whole offline period, not one per tap
    expect(afterLost.scores.quality).toBeUndefined();

    // 3. Meanwhile one more criterion, then the tablet reloads with both still unconfirmed.
    await press('Tăng 1,00 điểm: Chất lượng video clip và đề cương', 8);
    await sync().filter({ hasText: 'Chưa gửi được' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: /^Đội số 1 — / }).waitFor();
    await sync().filter({ hasText: 'Chưa gửi được — sẽ tự gửi khi có mạng' }).waitFor();
    for (const [code, text] of [
      ['novelty', '12,75'],
      ['usefulness', '14,50'],
      ['practicality', '13,00'],
      ['breakthrough', '11,50'],
      ['quality', '8,00'],
    ])
      await expect(value(code).innerText()).resolves.toBe(text);
    await expect(page.getByTestId('total').innerText()).resolves.toBe('59,75 / 70');
    expect(new Set(blockedKeys).size).toBe(1); // every retry so far: the same request, same key

    // 4. Back online for real: the queue drains by itself. (Requests are recorded from the
    //    moment nothing can be attempted: offline, the tablet does not even try.)
    await context.setOffline(true);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith(`/entries/${entry(1)}/scorecard`))
        sent.push(r.headers()['idempotency-key']!);
    });
    await page.unroute(pattern);
    await context.setOffline(false);
    await sync().filter({ hasText: 'Đã lưu' }).waitFor();

    const final = (await card())!;
    expect(final.scores).toEqual({
      novelty: '12.75',
      usefulness: '14.50',
      practicality: '13.00',
      breakthrough: '11.50',
      quality: '8.00',
    });
    expect(final.total).toBe('59.75');
    // the lost request was replayed with its key (answered from the server's record, not
    // applied again), then the later change went as one more save: two versions in all
    expect(sent[0]).toBe(blockedKeys[0]);
    expect(sent).toHaveLength(2);
    expect(final.version).toBe(before.version + 2);
    const saves = (
      await t.sql.query(
        `SELECT action, after FROM audit_log
          WHERE entity_type = 'scorecard' AND entity_id = $1 AND id > $2 ORDER BY id`,
        [final.id, mark],
      )
    ).rows as { action: string; after: { scores: Record<string, string>; version: number } }[];
    expect(saves.map((s) => s.action)).toEqual(['scorecard.save', 'scorecard.save']);
    expect(saves.map((s) => s.after.version)).toEqual([before.version + 1, before.version + 2]);
    expect(saves[0]!.after.scores.quality).toBeUndefined();
    expect(saves[1]!.after.scores.quality).toBe('8.00');
    const keysAfter = (
      await t.sql.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1`, [
        judgeId,
      ])
    ).rows[0].n as number;
    expect(keysAfter - keysBefore).toBe(2);
    // nothing left in the tablet's outbox
    const outbox = (await page.evaluate(
      `Object.keys(localStorage).filter((k) => k.startsWith('cchc.judge.v1.'))
        .map((k) => Object.keys(JSON.parse(localStorage.getItem(k)).records).length)`,
    )) as number[];
    expect(outbox).toEqual([0]);
  });

  it('submits after a confirmation showing the total; the card is then locked', async () => {
    await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nộp phiếu chấm?' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('confirm-total').innerText()).resolves.toBe('59,75 / 70');
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-confirm-768');
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await page.getByTestId('locked').filter({ hasText: 'Đã nộp' }).waitFor();
    await sync().filter({ hasText: 'Đã nộp' }).waitFor();
    const submitted = (await card())!;
    expect(submitted.status).toBe('submitted');
    expect(submitted.total).toBe('59.75');
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'scorecard.submit' AND entity_id = $1`,
      [submitted.id],
    );
    expect(audit.rows[0].n).toBe(1);
    // read-only: no control can change a score any more
    await expect(
      page.getByRole('button', { name: 'Tăng 0,25 điểm: Tính mới' }).isDisabled(),
    ).resolves.toBe(true);
    await expect(page.getByRole('slider', { name: /^Tính mới/ }).isDisabled()).resolves.toBe(true);
    expect(await page.getByRole('button', { name: 'Nộp phiếu chấm' }).count()).toBe(0);
    // still locked after a reload (from the server), and "Đã nộp" in the list
    await page.reload();
    await page.getByTestId('locked').waitFor();
    await screenshot(page, 'judge-locked-768');
    await page.getByRole('link', { name: '← Danh sách bài thi' }).click();
    await page.getByTestId('progress').filter({ hasText: 'Đã nộp 1/9' }).waitFor();
    await expect(page.locator('.jg-rows li').first().innerText()).resolves.toMatch(
      /Đã nộp[\s\S]*59,75 \/ 70/,
    );
  });

  it('landscape 1024×768: entry and rubric side by side, no horizontal scrolling', async () => {
    await page.setViewportSize(LANDSCAPE);
    await page.getByRole('link', { name: /Đội số 2 —/ }).click();
    await page.getByRole('heading', { name: /^Đội số 2 — / }).waitFor();
    await press('Tăng 1,00 điểm: Tính mới', 11);
    await sync().filter({ hasText: 'Đã lưu' }).waitFor();
    const [media, rubric] = await Promise.all([
      page.locator('.jg-media').boundingBox(),
      page.locator('.jg-rubric').boundingBox(),
    ]);
    expect(rubric!.x).toBeGreaterThan(media!.x + media!.width - 1); // two columns
    await noHorizontalScroll(page);
    await screenshot(page, 'judge-scoring-1024');
    await page.getByRole('link', { name: '← Danh sách bài thi' }).click();
    await page.getByTestId('progress').waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, 'judge-list-1024');
    await page.setViewportSize(PORTRAIT);
  });

  it('a card an organiser reopens shows as a draft in the list, though the tablet saw it submitted', async () => {
    const submitted = (await card())!;
    await t.http
      .post(`/api/contests/${contestId}/judging/scorecards/${submitted.id}/reopen`)
      .set(bearer(admin))
      .send({ reason: 'Giám khảo xin sửa điểm tiêu chí Tính mới' })
      .expect(200);
    await page.reload();
    await page.getByTestId('progress').filter({ hasText: 'Đã nộp 0/9' }).waitFor();
    await expect(page.locator('.jg-rows li').first().innerText()).resolves.toMatch(/Đang chấm/);
  });

  it('a change the server refuses for good is announced (role=alert), not retried forever', async () => {
    await page.getByRole('link', { name: /Đội số 9 —/ }).click();
    await page.getByRole('heading', { name: /^Đội số 9 — / }).waitFor();
    await t.http
      .post(`/api/contests/${contestId}/judging/conflicts`)
      .set(bearer(admin))
      .send({ judgeId, entryId: entry(9), reason: 'Giám khảo là người thân của trưởng nhóm' })
      .expect(201);
    await press('Tăng 1,00 điểm: Tính mới', 1);
    const alert = page.getByRole('alert').filter({ hasText: 'xung đột lợi ích' });
    await alert.waitFor();
    await sync()
      .filter({ hasText: /Chưa chấm|Đã lưu/ })
      .waitFor();
    const none = await t.sql.query(
      `SELECT 1 FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
      [judgeId, entry(9)],
    );
    expect(none.rowCount).toBe(0);
  });
  // Issue 26, item 4: fewer taps, on a touch tablet (portrait then landscape).
  describe('on a touch tablet', () => {
    let touch: BrowserContext;
    let tab: Page;
    beforeAll(async () => {
      touch = await browser.newContext({
        baseURL: baseUrl(t),
        viewport: PORTRAIT,
        hasTouch: true,
        isMobile: true,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      tab = await touch.newPage();
      await signIn(tab, 'gk.nguyen', t.password('gk.nguyen'));
    });
    afterAll(() => touch?.close());

    const scoreOf = async (n: number) =>
      (
        await t.sql.query(`SELECT scores FROM scorecards WHERE judge_id = $1 AND entry_id = $2`, [
          judgeId,
          entry(n),
        ])
      ).rows[0]?.scores as Record<string, string> | undefined;

    it('tap the value and type it: number pad, comma, max and step checked as typed', async () => {
      await tab.goto('/giam-khao/so-khao');
      await tab.getByRole('heading', { name: 'Bài thi được phân công' }).waitFor();
      expect(await tab.title()).toBe('Bài thi được phân công — Giám khảo — Hội thi CCHC');
      await tab.getByRole('link', { name: /Đội số 3 —/ }).tap();
      await tab.getByRole('heading', { name: /^Đội số 3 — / }).waitFor();
      expect(await tab.title()).toBe('Chấm điểm đội số 3 — Giám khảo — Hội thi CCHC');
      // 12,50 on a criterion: one tap on the value, four keys, Enter (was 14 taps)
      await tab.getByTestId('value-novelty').tap();
      const typed = tab.getByLabel(/^Nhập điểm: Tính mới/);
      await typed.waitFor();
      expect(await typed.getAttribute('inputmode')).toBe('decimal');
      expect(await typed.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await typed.pressSequentially('16');
      await tab.getByText(/^Tối đa 15(,00)? điểm\.$/).waitFor();
      expect(await typed.getAttribute('aria-invalid')).toBe('true');
      await typed.fill('');
      await typed.pressSequentially('12,3');
      await tab.getByText('Điểm phải là bội số của 0,25.').waitFor();
      await typed.fill('');
      await typed.pressSequentially('12,5');
      expect(await tab.locator('.jg-typed .field-error').count()).toBe(0);
      await expect(tab.getByTestId('total').innerText()).resolves.toBe('12,50 / 70');
      await expectNoAxeViolations(tab);
      await screenshot(tab, 'judge-typing-768');
      await typed.press('Enter');
      await expect(tab.getByTestId('value-novelty').innerText()).resolves.toBe('12,50');
      // Escape puts back the value from before the typing
      await tab.getByTestId('value-novelty').tap();
      await typed.fill('3');
      await typed.press('Escape');
      await expect(tab.getByTestId('value-novelty').innerText()).resolves.toBe('12,50');
      // ±1 and ±step stay; a 15-point criterion has no ±5
      await tab.getByRole('button', { name: 'Tăng 0,25 điểm: Tính mới', exact: true }).tap();
      await tab.getByRole('button', { name: 'Giảm 1,00 điểm: Tính mới', exact: true }).tap();
      await expect(tab.getByTestId('value-novelty').innerText()).resolves.toBe('11,75');
      expect(await tab.getByRole('button', { name: 'Tăng 5,00 điểm: Tính mới' }).count()).toBe(0);
      await until(
        async () => ((await scoreOf(3))?.novelty === '11.75' ? true : undefined),
        'the typed then stepped score on the server',
      );
    });

    it('a focused field is never left under the sticky total bar', async () => {
      const gapOf = (selector: string) =>
        tab.evaluate(`(() => {
          const bar = document.querySelector('.jg-bar').getBoundingClientRect();
          const el = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
          return bar.top - el.bottom;
        })()`) as Promise<number>;
      // Puts the last criterion's value partly behind the bar, still "in the window": the
      // browser then sees no need to scroll when it gets the focus.
      const parkUnderBar = async () => {
        await tab.evaluate(`(() => {
          const bar = document.querySelector('.jg-bar').getBoundingClientRect();
          const el = document.querySelector('[data-testid="value-quality"]').getBoundingClientRect();
          window.scrollBy(0, el.bottom - (bar.top + 20));
        })()`);
        expect(await gapOf('[data-testid="value-quality"]')).toBeLessThan(0);
      };
      // keyboard focus onto it
      await parkUnderBar();
      await tab.getByTestId('value-quality').focus();
      await until(
        async () => ((await gapOf('[data-testid="value-quality"]')) >= 0 ? true : undefined),
        'the focused value above the bar',
        5_000,
      );
      // a tap to type into it: the field being typed comes up above the bar too
      await parkUnderBar();
      await tab.getByTestId('value-quality').tap();
      const typed = tab.getByLabel(/^Nhập điểm: Chất lượng video clip/);
      await typed.waitFor();
      await until(
        async () => ((await gapOf('#quality-typed')) >= 0 ? true : undefined),
        'the field being typed above the bar',
        5_000,
      );
      await typed.pressSequentially('8,75');
      await typed.press('Enter');
      await expect(tab.getByTestId('value-quality').innerText()).resolves.toBe('8,75');
      await screenshot(tab, 'judge-focus-above-bar-768');
    });

    it('landscape 1024×768: the video stays in view beside the rubric while scoring', async () => {
      await tab.setViewportSize(LANDSCAPE);
      await tab.getByTestId('value-quality').scrollIntoViewIfNeeded();
      await tab.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      const media = await tab.locator('.jg-media').boundingBox();
      const rubric = await tab.locator('.jg-rubric').boundingBox();
      expect(rubric!.x).toBeGreaterThan(media!.x + media!.width - 1); // two columns
      // the entry's column is held in view (sticky): its top is on screen
      expect(media!.y).toBeGreaterThanOrEqual(0);
      expect(media!.y).toBeLessThan(768 / 2);
      await tab.getByTestId('value-quality').tap();
      await tab.getByLabel(/^Nhập điểm: Chất lượng video clip/).waitFor();
      const again = await tab.locator('.jg-media').boundingBox();
      expect(again!.y).toBeGreaterThanOrEqual(0);
      await tab.getByLabel(/^Nhập điểm: Chất lượng video clip/).press('Escape');
      await noHorizontalScroll(tab);
      await expectNoAxeViolations(tab);
      await screenshot(tab, 'judge-scoring-landscape-touch-1024');
      await tab.setViewportSize(PORTRAIT);
    });

    it('the connection badge never says "Có mạng" while saves are queued and failing', async () => {
      const pattern = `**/api/contests/${contestId}/judging/entries/${entry(3)}/scorecard`;
      await tab.route(pattern, (route) =>
        route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.continue(),
      );
      await tab.getByRole('button', { name: 'Tăng 1,00 điểm: Tính hữu ích', exact: true }).tap();
      const net = tab.getByTestId('net');
      await net.filter({ hasText: 'Không gửi được về máy chủ · 1 phiếu chờ gửi' }).waitFor();
      expect(await net.innerText()).not.toContain('Có mạng');
      await tab.getByTestId('sync').filter({ hasText: 'Chưa gửi được' }).waitFor();
      await expectNoAxeViolations(tab);
      await screenshot(tab, 'judge-failing-768');
      await tab.unroute(pattern);
      await tab.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor({ timeout: 20_000 });
      await net.filter({ hasText: /^Có mạng$/ }).waitFor();
      expect((await scoreOf(3))?.usefulness).toBe('1.00');
    });
  });
});

describe('judge tablet app: final round (browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let contestId: string;
  let version: number;
  let onStage: { id: string; teamName: string; teamNumber: number };
  let judgeId: string;
  let order: string[];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    ({ admin, contestId } = await reachFinal(t));
    const setup = await t.http
      .post(`/api/contests/${contestId}/final/setup`)
      .set(bearer(admin))
      .send({ seed: 'may-tinh-bang' })
      .expect(201);
    judgeId = (await t.sql.query(`SELECT id FROM users WHERE username = 'gk.nguyen'`)).rows[0].id;
    order = setup.body.order as string[];
    const first = order[0]!;
    const row = (
      await t.sql.query(
        `SELECT e.id, t.name, t.number FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.id = $1`,
        [first],
      )
    ).rows[0];
    onStage = { id: row.id, teamName: row.name, teamNumber: Number(row.number) };
    const live = await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ entryId: onStage.id, partCode: 'presentation', version: setup.body.version })
      .expect(200);
    const started = await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ timer: 'start', version: live.body.version })
      .expect(200);
    version = started.body.version;
    context = await newContext(browser, t, PORTRAIT);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('follows the stage, scores the part on stage, submits it; then follows the next part', async () => {
    await page.goto('/dang-nhap?tiep=/giam-khao');
    await page.getByLabel('Tên đăng nhập').fill('gk.nguyen');
    await page.getByLabel('Mật khẩu').fill(t.password('gk.nguyen'));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Vòng chung khảo' }).waitFor();
    await page
      .getByTestId('stage-team')
      .filter({ hasText: `Đội số ${onStage.teamNumber} — ${onStage.teamName}` })
      .waitFor();
    await expect(page.getByTestId('stage-part').innerText()).resolves.toBe(
      'Thuyết trình · tối đa 50,00 điểm',
    );
    await page.getByTestId('timer').filter({ hasText: '/ 10:00' }).waitFor();
    await page.getByTestId('timer').filter({ hasText: 'đang tính giờ' }).waitFor();

    const slider = page.getByRole('slider', { name: /^Thuyết trình/ });
    await slider.focus();
    await slider.press('End');
    for (let i = 0; i < 3; i++) await slider.press('ArrowLeft');
    for (let i = 0; i < 3; i++)
      await page.getByRole('button', { name: 'Giảm 1,00 điểm: Thuyết trình', exact: true }).click();
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('46,25 / 50');
    const part = async () =>
      (
        await t.sql.query(
          `SELECT points, status, version FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2 AND part_code = 'presentation'`,
          [judgeId, onStage.id],
        )
      ).rows[0] as { points: string; status: string; version: number } | undefined;
    await until(
      async () => ((await part())?.points === '46.25' ? true : undefined),
      'the part score',
    );
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor();
    await noHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-final-768');

    await page.getByRole('button', { name: 'Nộp điểm phần thi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nộp điểm phần thi?' });
    await expect(dialog.getByTestId('confirm-total').innerText()).resolves.toBe('46,25 / 50');
    await dialog.getByRole('button', { name: 'Xác nhận nộp' }).click();
    await page.getByTestId('part-locked').waitFor();
    await expect(part()).resolves.toMatchObject({ points: '46.25', status: 'submitted' });
    await expect(page.getByRole('slider', { name: /^Thuyết trình/ }).isDisabled()).resolves.toBe(
      true,
    );

    // the organiser moves on: the tablet follows without a reload
    await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ partCode: 'debate', version })
      .expect(200);
    await page.getByTestId('stage-part').filter({ hasText: 'Phản biện giữa các đội' }).waitFor();
    await page.getByRole('heading', { name: /^Chấm phần Phản biện giữa các đội/ }).waitFor();
    await expect(page.getByRole('button', { name: /Thuyết trình\s*Đã nộp/ }).count()).resolves.toBe(
      1,
    );

    // A part score whose answer is lost: the retry carries the same version, the server says
    // STALE with our own points as current, and the tablet takes that as saved (no 2nd save).
    const pattern = `**/api/contests/${contestId}/final/entries/${onStage.id}/parts/debate`;
    let forwarded!: () => void;
    const applied = new Promise<void>((r) => (forwarded = r));
    let calls = 0;
    await page.route(pattern, async (route) => {
      if (calls++ > 0) return route.abort('internetdisconnected');
      await route.fetch();
      forwarded();
      return route.abort('connectionreset');
    });
    // One change, hence one save: nine key presses (the keyboard is tested above) can come
    // more than the outbox's 600 ms debounce apart on a loaded machine, and each pause sends
    // its own save before the one this test loses.
    const debate = page.getByRole('slider', { name: /^Phản biện giữa các đội/ });
    await debate.fill('28');
    await applied;
    await page.getByTestId('sync').filter({ hasText: 'Chưa gửi được' }).waitFor();
    await page.unroute(pattern);
    await context.setOffline(true);
    await context.setOffline(false);
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor();
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('28,00 / 30');
    const saved = (
      await t.sql.query(
        `SELECT id, points, version FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2 AND part_code = 'debate'`,
        [judgeId, onStage.id],
      )
    ).rows[0];
    expect(saved).toMatchObject({ points: '28.00', version: 1 });
    const audit = await t.sql.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [
      saved.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['part_scorecard.create']);
    await page.setViewportSize(LANDSCAPE);
    await noHorizontalScroll(page);
    await screenshot(page, 'judge-final-1024');
  });
  it('a 50-point part: tap the value and type 42,5 (5 taps, was ~44); ±5 beside ±1 and ±step', async () => {
    const state = await t.http
      .get(`/api/contests/${contestId}/final`)
      .set(bearer(admin))
      .expect(200);
    const live = await t.http
      .post(`/api/contests/${contestId}/final/live`)
      .set(bearer(admin))
      .send({ entryId: order[1], partCode: 'presentation', version: state.body.version })
      .expect(200);
    version = live.body.version;
    await page.setViewportSize(LANDSCAPE);
    await page.getByRole('heading', { name: /^Chấm phần Thuyết trình — Đội số/ }).waitFor();
    expect(await page.title()).toBe('Vòng chung khảo — Giám khảo — Hội thi CCHC');
    for (const name of [
      'Tăng 5,00 điểm: Thuyết trình',
      'Tăng 1,00 điểm: Thuyết trình',
      'Tăng 0,25 điểm: Thuyết trình',
      'Giảm 5,00 điểm: Thuyết trình',
    ])
      await page.getByRole('button', { name, exact: true }).waitFor();
    await page.getByTestId('value-part-presentation').click();
    const typed = page.getByLabel(/^Nhập điểm: Thuyết trình/);
    await typed.pressSequentially('42,5');
    await typed.press('Enter');
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('42,50 / 50');
    await page.getByRole('button', { name: 'Tăng 5,00 điểm: Thuyết trình', exact: true }).click();
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('47,50 / 50');
    await page.getByRole('button', { name: 'Tăng 5,00 điểm: Thuyết trình', exact: true }).click();
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('50,00 / 50');
    await page.getByRole('button', { name: 'Giảm 5,00 điểm: Thuyết trình', exact: true }).click();
    await page.getByRole('button', { name: 'Giảm 0,25 điểm: Thuyết trình', exact: true }).click();
    await expect(page.getByTestId('part-total').innerText()).resolves.toBe('44,75 / 50');
    await until(async () => {
      const row = (
        await t.sql.query(
          `SELECT points FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2 AND part_code = 'presentation'`,
          [judgeId, order[1]],
        )
      ).rows[0];
      return row?.points === '44.75' ? true : undefined;
    }, 'the typed part score on the server');
    await page.getByTestId('sync').filter({ hasText: 'Đã lưu' }).waitFor();
    await noHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await screenshot(page, 'judge-final-typed-1024');
  });
});
