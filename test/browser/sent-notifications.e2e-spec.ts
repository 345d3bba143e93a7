import type { Browser, Page } from 'playwright-core';
import { eventually, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations } from './axe';
import { launchBrowser, newContext, screenshot, signIn } from './browser';

/**
 * The organisers' view of what was sent to whom, in a real Chromium at 1366×768, with a real
 * SMTP server process: a refused address shows as failed with the server's reply; the
 * organiser corrects the address and resends, and the server receives the message.
 */
const REFUSED = 'huynh.mai@khong-ton-tai.example.vn';
const FIXED = 'huynh.mai@example.vn';

jest.setTimeout(120_000);

describe("organisers' sent notifications (browser)", () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let contestId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start({ refuse: [REFUSED] });
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Hội thi CCHC <hoithi@noivu.example.vn>',
      NOTIFY_POLL_MS: '50',
      REMINDER_CHECK_INTERVAL_SECONDS: '0',
    });
    const admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    // a contest of hundreds of people: 300 delivered in-app messages, so the list pages
    await t.sql.query(
      `INSERT INTO notifications (contest_id, recipient_id, channel, event_type, payload,
                                  dedupe_key, status, sent_at, created_at)
       SELECT $1, m.user_id, 'in_app', 'judge.assigned', '{"contestName":"x","contestSlug":"nga-bay-2022"}',
              'bulk:' || g, 'sent', now() - interval '1 day', now() - interval '1 day'
         FROM (SELECT user_id FROM contest_members WHERE contest_id = $1 AND role = 'judge') m
        CROSS JOIN generate_series(1, 60) g`,
      [contestId],
    );
    await t.http
      .post(`/api/contests/${contestId}/accounts`)
      .set(bearer(admin))
      .send({
        username: 'gk.mai',
        displayName: 'Huỳnh Thị Mai',
        role: 'judge',
        email: REFUSED,
      })
      .expect(201);
    await eventually(async () => {
      const { rows } = await t.sql.query(
        `SELECT 1 FROM notifications WHERE to_address = $1 AND status = 'failed'`,
        [REFUSED],
      );
      return rows.length ? true : null;
    });
    browser = await launchBrowser();
    page = await (await newContext(browser, t, { width: 1366, height: 768 })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  it('shows a failed e-mail with the server reply; the organiser fixes the address and resends; the server receives it', async () => {
    await signIn(page, 'btc.thuky', t.password('btc.thuky'));
    await page.goto(`/btc/${contestId}/thong-bao`);
    await page.getByRole('heading', { level: 1, name: 'Thông báo đã gửi' }).waitFor();
    const table = page.getByTestId('sent-notifications');
    await table.locator('tbody tr').first().waitFor();
    const total = (
      await t.sql.query(`SELECT count(*)::int AS n FROM notifications WHERE contest_id = $1`, [
        contestId,
      ])
    ).rows[0].n;
    expect(total).toBeGreaterThanOrEqual(300);
    // 25 a page
    await page.getByText(`Trang 1/${Math.ceil(total / 25)} · ${total} dòng`).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(25);
    await expectNoAxeViolations(page);

    await page.getByLabel('Trạng thái', { exact: true }).selectOption('failed');
    await page.getByLabel('Tìm người nhận').fill('huynh thi mai');
    // the counts follow the search: her failed e-mail and her in-app message
    await page.getByText('Đã gửi: 1', { exact: true }).waitFor();
    const row = table.locator('tbody tr', { hasText: 'Huỳnh Thị Mai' });
    await row.getByText('Không gửi được').waitFor();
    await expect1(table.locator('tbody tr'));
    await row.getByText(/Máy chủ thư trả lời: 550 5\.1\.1/).waitFor();
    await row.getByText('Tạo tài khoản').waitFor();
    await row.getByText(/Tạo: \d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
    await screenshot(page, 'sent-notifications-failed');

    await row.getByRole('button', { name: /^Gửi lại \(Huỳnh Thị Mai/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi lại thư này?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByLabel('Gửi tới địa chỉ').fill(FIXED);
    await screenshot(page, 'sent-notifications-resend-dialog');
    await dialog.getByRole('button', { name: 'Gửi lại' }).click();
    await page
      .locator('main')
      .getByText('Đã đưa thư gửi Huỳnh Thị Mai vào hàng chờ gửi lại.')
      .waitFor();

    const [mail] = await eventually(async () => {
      const mails = (await sink.messages()).filter((m) => m.to.includes(FIXED));
      return mails.length ? mails : null;
    });
    expect(mail!.subject).toMatch(/Tài khoản của bạn đã được tạo$/);
    expect(mail!.text).toContain('Kính gửi Huỳnh Thị Mai');

    // the list shows it sent once the sender has had the server's answer ("Tải lại" asks again)
    await page.getByLabel('Trạng thái', { exact: true }).selectOption('');
    const sent = table.locator('tbody tr[data-status="sent"]', { hasText: FIXED });
    await eventually(async () => {
      await page.getByRole('button', { name: 'Tải lại' }).click();
      await page.getByText('Đang tải…').waitFor({ state: 'detached' });
      return (await sent.count()) === 1 ? true : null;
    }, 15_000);
    await sent.getByText('Đã gửi lại 1 lần').waitFor();
    await screenshot(page, 'sent-notifications-resent');

    // later a bounce reaches the organisers' mailbox: they record it on the row
    await sent.getByRole('button', { name: /^Bị trả lại… \(Huỳnh Thị Mai/ }).click();
    const bounce = page.getByRole('dialog', { name: 'Ghi nhận thư bị trả lại?' });
    await bounce.getByLabel('Lý do (theo thư báo lỗi)').fill('552 5.2.2 Hộp thư đầy');
    await expectNoAxeViolations(page);
    await bounce.getByRole('button', { name: 'Ghi nhận' }).click();
    const bounced = table.locator('tbody tr[data-status="failed"]', { hasText: FIXED });
    await bounced
      .getByTestId('bounce-reason')
      .getByText(/552 5\.2\.2 Hộp thư đầy/)
      .waitFor();
    await page.getByText('Không gửi được: 1', { exact: true }).waitFor();
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'notification.resend'`,
    );
    expect(audit.rows[0].n).toBe(1);
    const bounces = await t.sql.query(
      `SELECT after->>'bounceReason' AS reason FROM audit_log WHERE action = 'notification.bounce'`,
    );
    expect(bounces.rows).toEqual([{ reason: '552 5.2.2 Hộp thư đầy' }]);
  });
});

async function expect1(rows: import('playwright-core').Locator) {
  await eventually(async () => ((await rows.count()) === 1 ? true : null), 10_000);
}
