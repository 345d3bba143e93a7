import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { enqueue } from '../src/notifications/events';
import { ReminderJob } from '../src/notifications/reminders.job';
import { FANPAGE, reachFinal } from './support/fixtures';
import { sampleResultsDocument } from './support/sample-results';
import { eventually, ReceivedMail, SmtpSink } from './support/smtp-sink';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Notifications end to end: the app sends through a real SMTP server in a child process
 * (test/support/smtp-sink.js) that stores what it accepts; the tests read those messages
 * back, follow their links into the app, and check the outbox rows.
 */
const PUBLIC_URL = 'https://hoithi.example.vn';
const REFUSED = 'khong-ton-tai@example.vn';
const MAIL_FROM = 'Hội thi CCHC <hoithi@noivu.example.vn>';

describe('notifications: outbox, e-mail over SMTP, in-app list', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let webDir: string;

  beforeAll(async () => {
    sink = await SmtpSink.start({ refuse: [REFUSED] });
    // a stand-in web build: the server answers every page path of the SPA with index.html
    webDir = mkdtempSync(join(tmpdir(), 'cchc-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Hội thi</title>');
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM,
      MAIL_REPLY_TO: 'btc@noivu.example.vn',
      PUBLIC_URL,
      NOTIFY_POLL_MS: '50',
      NOTIFY_RETRY_BASE_SECONDS: '1',
      REMINDER_CHECK_INTERVAL_SECONDS: '0',
      WEB_DIST_DIR: webDir,
    });
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    // every seeded person has an address
    await t.sql.query(
      `INSERT INTO notification_settings (user_id, email)
       SELECT id, username || '@example.vn' FROM users WHERE NOT is_admin`,
    );
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    rmSync(webDir, { recursive: true, force: true });
  });

  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const mailsTo = async (address: string) =>
    (await sink.messages()).filter((m) => m.to.includes(address));
  const waitForMails = (address: string, count: number) =>
    eventually(
      async () => {
        const mails = await mailsTo(address);
        return mails.length >= count ? mails : null;
      },
      20_000,
      `${count} mail(s) to ${address}`,
    );
  const rowsOf = async (eventType: string) =>
    (
      await t.sql.query(
        `SELECT n.*, u.username FROM notifications n JOIN users u ON u.id = n.recipient_id
          WHERE event_type = $1 ORDER BY u.username, channel`,
        [eventType],
      )
    ).rows;

  /** The event's rows once no e-mail of it is pending any more. */
  const settled = (eventType: string) =>
    eventually(
      async () => {
        const rows = await rowsOf(eventType);
        return rows.some((r) => r.status === 'pending') ? null : rows;
      },
      20_000,
      `${eventType} e-mails to be sent`,
    );

  /** The link of a message points into PUBLIC_URL, and the app serves that page. */
  async function expectWorkingLink(mail: ReceivedMail, path: string) {
    expect(mail.text).toContain(`${PUBLIC_URL}${path}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}${path}"`);
    const page = await t.http.get(path).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  }

  it('account created: the e-mail carries the sign-in link and the username, never the password', async () => {
    const res = await t.http
      .post(api('/accounts'))
      .set(bearer(admin))
      .send({
        username: 'gk.moi',
        displayName: 'Đặng Thị Mới',
        role: 'judge',
        email: 'gk.moi@example.vn',
      })
      .expect(201);
    const [mail] = await waitForMails('gk.moi@example.vn', 1);
    expect(mail!.subject).toBe(
      '[Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy năm 2022] Tài khoản của bạn đã được tạo'.replace(
        /\[.*\]/,
        `[${await contestName()}]`,
      ),
    );
    expect(mail!.from).toBe('"Hội thi CCHC" <hoithi@noivu.example.vn>');
    expect(mail!.replyTo).toBe('btc@noivu.example.vn');
    expect(mail!.text).toContain('Kính gửi Đặng Thị Mới');
    expect(mail!.text).toContain('Tên đăng nhập: gk.moi');
    expect(mail!.text).not.toContain(res.body.temporaryPassword);
    expect(mail!.html).not.toContain(res.body.temporaryPassword);
    await expectWorkingLink(mail!, '/dang-nhap');
    const [email] = (await rowsOf('account.created')).filter(
      (r) => r.username === 'gk.moi' && r.channel === 'email',
    );
    expect(email).toMatchObject({ status: 'sent', attempts: 1, to_address: 'gk.moi@example.vn' });
    expect(email.message_id).toBe(mail!.messageId);
    expect(email.last_response).toMatch(/^250 /);
  });

  it("entry returned with its reasons, then published with its fanpage post: the team's account is told, in-app too", async () => {
    const team2 = (
      await t.sql.query(`SELECT id FROM teams WHERE contest_id = $1 AND number = 2`, [contestId])
    ).rows[0].id;
    const entryId = (
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name, originality_declared_at)
         VALUES ($1, $2, 'submitted', 'Một cửa không chờ', now()) RETURNING id`,
        [contestId, team2],
      )
    ).rows[0].id;
    await t.http
      .post(api(`/entries/${entryId}/return`))
      .set(bearer(admin))
      .send({ reasons: ['Video thiếu phần giới thiệu đơn vị.', 'Đề cương chưa có lợi ích.'] })
      .expect(200);
    const [returned] = await waitForMails('doi2@example.vn', 1);
    expect(returned!.subject).toContain('Sản phẩm dự thi cần bổ sung, chỉnh sửa');
    expect(returned!.text).toContain('- Video thiếu phần giới thiệu đơn vị.');
    expect(returned!.text).toContain('- Đề cương chưa có lợi ích.');
    expect(returned!.text).toContain('"Một cửa không chờ" (Đội số 2');
    await expectWorkingLink(returned!, '/doi-thi');
    // nobody else heard of it
    expect((await sink.messages()).filter((m) => m.subject.includes('bổ sung'))).toHaveLength(1);

    // approved and given its post (fixture), then the simultaneous publication
    const postUrl = `${FANPAGE}/posts/2002`;
    await t.sql.query(`UPDATE entries SET status = 'approved', post_url = $2 WHERE id = $1`, [
      entryId,
      postUrl,
    ]);
    await t.sql.query(`UPDATE contests SET status = 'moderation' WHERE id = $1`, [contestId]);
    await t.http.post(api('/publish-all')).set(bearer(admin)).expect(200);
    const mails = await waitForMails('doi2@example.vn', 2);
    const published = mails.find((m) => m.subject.includes('đã được đăng trên fanpage'))!;
    expect(published.text).toContain(`Địa chỉ bài đăng: ${postUrl}`);
    expect(published.html).toContain(`href="${postUrl}"`);
    await expectWorkingLink(published, '/c/nga-bay-2022');
    await t.http.get('/api/public/contests/nga-bay-2022/entries').expect(200);

    // the same list in the app, newest first, with unread count and read marks
    const doi2 = await t.login('doi2');
    const list = await t.http.get('/api/notifications?limit=2').set(bearer(doi2)).expect(200);
    expect(list.body.items.map((i: { eventType: string }) => i.eventType)).toEqual([
      'entry.published',
      'entry.returned',
    ]);
    expect(list.body.items[0].path).toBe('/c/nga-bay-2022');
    expect(list.body.unread).toBe(list.body.total);
    await t.http
      .post(`/api/notifications/${list.body.items[1].id}/read`)
      .set(bearer(doi2))
      .expect(200);
    const count = await t.http.get('/api/notifications/unread-count').set(bearer(doi2));
    expect(count.body.unread).toBe(list.body.total - 1);
    // another person cannot mark it
    const doi3 = await t.login('doi3');
    await t.http
      .post(`/api/notifications/${list.body.items[0].id}/read`)
      .set(bearer(doi3))
      .expect(404);
    await t.http.post('/api/notifications/read-all').set(bearer(doi2)).expect(200);
    expect(
      (await t.http.get('/api/notifications/unread-count').set(bearer(doi2))).body.unread,
    ).toBe(0);
  });

  it('a refused address ends as failed with the server reply (not retried); the organiser sees it and resends after fixing it', async () => {
    const doi4 = (await t.sql.query(`SELECT id FROM users WHERE username = 'doi4'`)).rows[0].id;
    await t.http
      .put(api(`/notifications/people/${doi4}/address`))
      .set(bearer(admin))
      .send({ email: REFUSED })
      .expect(200);
    const dataSource = t.app.get(DataSource);
    await dataSource.transaction((em) =>
      enqueue(em, { type: 'results.published', contestId, version: 1 }),
    ); // no such version: nothing
    expect(await rowsOf('results.published')).toHaveLength(0);
    await insertVersion(1, 'published', null);
    await dataSource.transaction((em) =>
      enqueue(em, { type: 'results.published', contestId, version: 1 }),
    );
    const failed = await eventually(
      async () => {
        const row = (await rowsOf('results.published')).find(
          (r) => r.username === 'doi4' && r.channel === 'email',
        );
        return row?.status === 'failed' ? row : null;
      },
      20_000,
      'the refused e-mail to fail',
    );
    expect(failed.attempts).toBe(1);
    expect(failed.last_response).toMatch(/^550 5\.1\.1 <khong-ton-tai@example\.vn>: Recipient/);
    expect(await mailsTo(REFUSED)).toHaveLength(0);
    // everyone else of the contest got the results (one message each), with the public link
    const rows = await settled('results.published');
    const members = (
      await t.sql.query(`SELECT user_id FROM contest_members WHERE contest_id = $1`, [contestId])
    ).rows;
    expect(rows.filter((r) => r.channel === 'in_app')).toHaveLength(members.length);
    const sent = rows.filter((r) => r.channel === 'email' && r.status === 'sent');
    const withAddress = (
      await t.sql.query(
        `SELECT count(*)::int AS n FROM contest_members m
           JOIN notification_settings s ON s.user_id = m.user_id AND s.email IS NOT NULL
          WHERE m.contest_id = $1`,
        [contestId],
      )
    ).rows[0].n;
    expect(sent).toHaveLength(withAddress - 1); // all but the refused one
    const results = (await sink.messages()).filter((m) => m.subject.endsWith('Đã công bố kết quả'));
    expect(results.map((m) => m.messageId).sort()).toEqual(sent.map((r) => r.message_id).sort());
    for (const row of sent)
      expect(results.find((m) => m.messageId === row.message_id)!.to).toContain(row.to_address);
    await expectWorkingLink(results[0]!, '/c/nga-bay-2022/ket-qua');

    const listed = await t.http
      .get(api('/notifications?status=failed&channel=email'))
      .set(bearer(admin))
      .expect(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      recipientName: expect.any(String),
      toAddress: REFUSED,
      status: 'failed',
      lastResponse: failed.last_response,
    });
    expect(listed.body.items[0].recipientName).not.toBe('doi4');

    await t.http
      .put(api(`/notifications/people/${doi4}/address`))
      .set(bearer(admin))
      .send({ email: 'doi4.moi@example.vn' })
      .expect(200);
    const resent = await t.http
      .post(api(`/notifications/${failed.id}/resend`))
      .set(bearer(admin))
      .expect(200);
    expect(resent.body.status).toBe('pending');
    const [mail] = await waitForMails('doi4.moi@example.vn', 1);
    expect(mail!.messageId).toBe(`<${failed.id}.1@noivu.example.vn>`);
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'notification.resend'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('a correction is told as a correction, with its reason', async () => {
    await t.sql.query(
      `UPDATE results_versions SET status = 'superseded' WHERE contest_id = $1 AND version = 1`,
      [contestId],
    );
    await insertVersion(2, 'published', 'Sửa điểm tương tác của đội 3.');
    await t.app
      .get(DataSource)
      .transaction((em) => enqueue(em, { type: 'results.published', contestId, version: 2 }));
    const [mail] = await eventually(async () => {
      const mails = await mailsTo('gk.tran@example.vn');
      const found = mails.filter((m) => m.subject.includes('Đính chính kết quả (phiên bản 2)'));
      return found.length ? found : null;
    });
    expect(mail!.text).toContain('Lý do đính chính: Sửa điểm tương tác của đội 3.');
    await expectWorkingLink(mail!, '/c/nga-bay-2022/ket-qua');
  });

  it('the outbox is part of the transaction: a rolled back event leaves nothing; the same event twice makes one row', async () => {
    const dataSource = t.app.get(DataSource);
    const before = (await t.sql.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n;
    await expect(
      dataSource.transaction(async (em) => {
        await enqueue(em, { type: 'entry.published', contestId });
        throw new Error('the event fails after enqueue');
      }),
    ).rejects.toThrow('the event fails');
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n).toBe(
      before,
    );
    const again = await dataSource.transaction((em) =>
      enqueue(em, { type: 'entry.published', contestId }),
    );
    expect(again).toBe(0); // already told at publication

    // an approval is told to the team's account, once per review
    const team3 = (
      await t.sql.query(`SELECT id FROM teams WHERE contest_id = $1 AND number = 3`, [contestId])
    ).rows[0].id;
    const entry3 = (
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name) VALUES ($1, $2, 'approved', 'Sổ tay số')
         RETURNING id`,
        [contestId, team3],
      )
    ).rows[0].id;
    const review = () =>
      dataSource.transaction((em) =>
        enqueue(em, { type: 'entry.reviewed', contestId, entryId: entry3 }),
      );
    expect(await review()).toBe(2); // in-app and e-mail
    expect(await review()).toBe(0);
    const approved = await rowsOf('entry.approved');
    expect(approved.map((r) => [r.username, r.channel])).toEqual([
      ['doi3', 'email'],
      ['doi3', 'in_app'],
    ]);
    const [mail] = await eventually(async () => {
      const found = (await mailsTo('doi3@example.vn')).filter((m) =>
        m.subject.includes('đã được duyệt'),
      );
      return found.length ? found : null;
    });
    expect(mail!.text).toContain('"Sổ tay số" (Đội số 3');
    await expectWorkingLink(mail!, '/doi-thi');
  });

  it("a person in two contests hears of each contest's results (the first contest's message does not swallow the second's)", async () => {
    // the province runs a second contest the same year with the same judge
    const other = (
      await t.sql.query(
        `INSERT INTO contests (slug, name, status, rules)
         SELECT 'can-tho-2023', 'Hội thi CCHC Cần Thơ 2023', status, rules FROM contests WHERE id = $1
         RETURNING id`,
        [contestId],
      )
    ).rows[0].id;
    await t.sql.query(
      `INSERT INTO contest_members (contest_id, user_id, role)
       SELECT $1, id, 'judge' FROM users WHERE username = 'gk.tran'`,
      [other],
    );
    const organiser = (await t.sql.query(`SELECT id FROM users WHERE username = 'btc.thuky'`))
      .rows[0].id;
    await t.sql.query(
      `INSERT INTO results_versions (contest_id, version, status, document, fingerprint, frozen_by,
              frozen_by_name, frozen_at, published_at)
       VALUES ($1, 1, 'published', $2, repeat('b', 64), $3, 'btc.thuky', now(), now())`,
      [other, JSON.stringify(sampleResultsDocument()), organiser],
    );
    const written = await t.app
      .get(DataSource)
      .transaction((em) =>
        enqueue(em, { type: 'results.published', contestId: other, version: 1 }),
      );
    expect(written).toBe(2); // in-app and e-mail to gk.tran
    const [mail] = await eventually(async () => {
      const found = (await mailsTo('gk.tran@example.vn')).filter((m) =>
        m.subject.includes('[Hội thi CCHC Cần Thơ 2023] Đã công bố kết quả'),
      );
      return found.length ? found : null;
    });
    await expectWorkingLink(mail!, '/c/can-tho-2023/ket-qua');
  });

  it('an e-mail still waiting when its recipient’s account is disabled is not sent to them', async () => {
    await t.sql.query(`UPDATE users SET disabled_at = now() WHERE username = 'gk.vo'`);
    // written before the account was disabled (enqueue itself skips disabled accounts)
    const { rows } = await t.sql.query(
      `INSERT INTO notifications (contest_id, recipient_id, channel, event_type, payload, dedupe_key)
       SELECT $1, id, 'email', 'results.published',
              jsonb_build_object('contestName', 'Hội thi', 'contestSlug', 'nga-bay-2022', 'version', 9),
              'disabled:1'
         FROM users WHERE username = 'gk.vo'
       RETURNING id`,
      [contestId],
    );
    const row = await eventually(
      async () => {
        const [r] = (
          await t.sql.query(`SELECT status, last_response FROM notifications WHERE id = $1`, [
            rows[0].id,
          ])
        ).rows;
        return r.status === 'pending' ? null : r;
      },
      20_000,
      'the e-mail to be handled',
    );
    expect(row).toEqual({ status: 'failed', last_response: 'Tài khoản người nhận đã bị khoá.' });
    const sent = (await mailsTo('gk.vo@example.vn')).filter((m) =>
      m.messageId.includes(rows[0].id),
    );
    expect(sent).toEqual([]);
  });

  async function contestName(): Promise<string> {
    return (await t.sql.query(`SELECT name FROM contests WHERE id = $1`, [contestId])).rows[0].name;
  }

  async function insertVersion(version: number, status: string, reason: string | null) {
    const organiser = (await t.sql.query(`SELECT id FROM users WHERE username = 'btc.thuky'`))
      .rows[0].id;
    await t.sql.query(
      `INSERT INTO results_versions (contest_id, version, status, document, fingerprint, frozen_by,
              frozen_by_name, frozen_at, correction_reason, published_at)
       VALUES ($1, $2, $3, $4, repeat('a', 64), $5, 'btc.thuky', now(), $6, now())`,
      [contestId, version, status, JSON.stringify(sampleResultsDocument()), organiser, reason],
    );
  }
});

describe('notifications: judges assigned and reminded', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let webDir: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    webDir = mkdtempSync(join(tmpdir(), 'cchc-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Hội thi</title>');
    t = await startTestApp({
      SMTP_URL: sink.url,
      MAIL_FROM,
      PUBLIC_URL,
      NOTIFY_POLL_MS: '50',
      REMINDER_CHECK_INTERVAL_SECONDS: '0',
      WEB_DIST_DIR: webDir,
    });
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    await t.sql.query(
      `INSERT INTO notification_settings (user_id, email)
       SELECT id, username || '@example.vn' FROM users WHERE NOT is_admin`,
    );
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    rmSync(webDir, { recursive: true, force: true });
  });

  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const mailsTo = async (address: string) =>
    (await sink.messages()).filter((m) => m.to.includes(address));
  const rowsOf = async (eventType: string) =>
    (
      await t.sql.query(
        `SELECT n.*, u.username FROM notifications n JOIN users u ON u.id = n.recipient_id
          WHERE event_type = $1 ORDER BY u.username, channel`,
        [eventType],
      )
    ).rows;
  async function expectWorkingLink(mail: ReceivedMail, path: string) {
    expect(mail.text).toContain(`${PUBLIC_URL}${path}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}${path}"`);
    await t.http.get(path).set('Accept', 'text/html').expect(200);
  }

  it('judges hear of their assignment once; reminders of missing scorecards go once, not to those who opted out', async () => {
    const { judges } = await reachFinal(t);
    const assigned = await rowsOf('judge.assigned');
    expect(assigned.filter((r) => r.channel === 'email').map((r) => r.username)).toEqual([
      'gk.le',
      'gk.nguyen',
      'gk.pham',
      'gk.tran',
      'gk.vo',
    ]);
    await t.http.post(api('/judging/assignments/all')).set(bearer(admin)).expect(200);
    expect(await rowsOf('judge.assigned')).toHaveLength(assigned.length); // nothing new
    const [mail] = await eventually(async () => {
      const found = (await mailsTo('gk.le@example.vn')).filter((m) =>
        m.subject.includes('phân công'),
      );
      return found.length ? found : null;
    });
    await expectWorkingLink(mail!, '/giam-khao/so-khao');

    // back to judging with a deadline and one missing scorecard each for gk.pham and gk.vo
    // (an entry assigned to both: a judge of the entry's unit is never assigned it)
    await t.sql.query(
      `UPDATE scorecards SET status = 'draft'
        WHERE judge_id IN (SELECT id FROM users WHERE username IN ('gk.pham', 'gk.vo'))
          AND entry_id = (SELECT a.entry_id FROM judge_assignments a
                            JOIN users u ON u.id = a.judge_id AND u.username IN ('gk.pham', 'gk.vo')
                           WHERE a.contest_id = $1
                           GROUP BY a.entry_id HAVING count(*) = 2 ORDER BY 1 LIMIT 1)`,
      [contestId],
    );
    const deadline = new Date(Date.now() + 3 * 3600_000).toISOString();
    await t.sql.query(
      `UPDATE contests SET status = 'judging',
              rules = jsonb_set(rules, '{dates,judgingDeadline}', to_jsonb($2::text))
        WHERE id = $1`,
      [contestId, deadline],
    );
    await t.http
      .put('/api/notifications/settings')
      .set(bearer(judges['gk.vo']!))
      .send({ reminders: false })
      .expect(200);
    const job = t.app.get(ReminderJob);
    expect(await job.run(new Date(Date.now() - 24 * 3600_000))).toBe(0); // not due yet
    const written = await job.run();
    expect(written).toBe(3); // gk.pham: in-app and e-mail; gk.vo: in-app only
    expect(await job.run()).toBe(0); // once
    const [reminder] = await eventually(async () => {
      const found = (await mailsTo('gk.pham@example.vn')).filter((m) =>
        m.subject.includes('Nhắc việc'),
      );
      return found.length ? found : null;
    });
    expect(reminder!.subject).toContain('còn 1 phiếu chấm chưa nộp');
    await expectWorkingLink(reminder!, '/giam-khao/so-khao');
    await new Promise((r) => setTimeout(r, 300));
    expect((await mailsTo('gk.vo@example.vn')).filter((m) => m.subject.includes('Nhắc'))).toEqual(
      [],
    );
    const inApp = await t.http.get('/api/notifications').set(bearer(judges['gk.vo']!));
    expect(inApp.body.items[0].eventType).toBe('judging.reminder');
  });

  it('the final-round draw is told to everyone of the contest, with the order', async () => {
    await t.sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
    const setup = await t.http
      .post(api('/final/setup'))
      .set(bearer(admin))
      .send({ seed: 'chung-khao-08-09-2022' });
    expect(setup.status).toBe(201);
    const [mail] = await eventually(async () => {
      const found = (await mailsTo('doi1@example.vn')).filter((m) =>
        m.subject.includes('bốc thăm thứ tự'),
      );
      return found.length ? found : null;
    });
    expect(mail!.text).toMatch(/1\. Đội số \d+ – /);
    await expectWorkingLink(mail!, '/c/nga-bay-2022/truc-tiep');
    const members = (
      await t.sql.query(`SELECT count(*)::int AS n FROM contest_members WHERE contest_id = $1`, [
        contestId,
      ])
    ).rows[0].n;
    expect((await rowsOf('final.order_drawn')).filter((r) => r.channel === 'in_app')).toHaveLength(
      members,
    );
  });

  it("the organisers' list filters by status, channel and event, finds a recipient without diacritics, and pages", async () => {
    const list = async (query: string) => {
      const res = await t.http.get(api(`/notifications?${query}`)).set(bearer(admin));
      expect(res.status).toBe(200);
      return res.body as {
        items: { recipientName: string; eventType: string; channel: string; status: string }[];
        total: number;
        limit: number;
        offset: number;
        counts: { pending: number; sent: number; failed: number };
      };
    };
    // the figures below compare several reads: let the sender finish first
    await eventually(
      async () => {
        const { rows } = await t.sql.query(
          `SELECT 1 FROM notifications WHERE contest_id = $1 AND status = 'pending' LIMIT 1`,
          [contestId],
        );
        return rows.length ? null : true;
      },
      20_000,
      'no e-mail pending',
    );
    const all = await list('limit=100');
    const { rows } = await t.sql.query(
      `SELECT status, count(*)::int AS n FROM notifications WHERE contest_id = $1 GROUP BY status`,
      [contestId],
    );
    const expected = { pending: 0, sent: 0, failed: 0 } as Record<string, number>;
    for (const r of rows) expected[r.status] = r.n;
    expect(all.counts).toEqual(expected);
    expect(all.total).toBe(expected.pending! + expected.sent! + expected.failed!);
    expect(all.total).toBeGreaterThan(20);

    // "vo van hung" finds Võ Văn Hùng (gk.vo), by name or by address, in any case
    const hung = await list('q=VO%20VAN%20HUNG&channel=email');
    expect(hung.items.length).toBeGreaterThan(0);
    expect(new Set(hung.items.map((i) => i.recipientName))).toEqual(new Set(['Võ Văn Hùng']));
    expect(new Set(hung.items.map((i) => i.channel))).toEqual(new Set(['email']));
    expect((await list('q=gk.vo@')).total).toBe(hung.total);
    expect((await list('q=50%25')).total).toBe(0); // % is a literal character, not a wildcard

    const draws = await list('eventType=final.order_drawn&channel=in_app');
    expect(draws.items.every((i) => i.eventType === 'final.order_drawn')).toBe(true);
    expect(draws.total).toBe(draws.items.length);
    const failed = await list('status=failed');
    expect(failed.total).toBe(expected.failed);
    expect(failed.counts).toEqual(expected); // the status filter leaves the per-status counts

    // page 2 of 5 is rows 6-10 of the full list, in the same order
    const page2 = await list('limit=5&page=2');
    expect(page2).toMatchObject({ limit: 5, offset: 5, total: all.total });
    expect(page2.items).toEqual(all.items.slice(5, 10));

    const bad = await t.http
      .get(api('/notifications?eventType=khong.co&page=0'))
      .set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'eventType',
      'page',
    ]);
  });

  it('an organiser records that an accepted e-mail bounced later: failed with the reason, audited, then resent', async () => {
    const { rows } = await t.sql.query(
      `SELECT n.id, n.to_address, n.message_id FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.contest_id = $1 AND u.username = 'doi3' AND n.channel = 'email'
          AND n.event_type = 'final.order_drawn' AND n.status = 'sent'`,
      [contestId],
    );
    const sent = rows[0];
    expect(sent).toBeDefined();
    const bounce = (id: string, body: object) =>
      t.http
        .post(api(`/notifications/${id}/bounce`))
        .set(bearer(admin))
        .send(body);
    expect((await bounce(sent.id, {})).body.details[0].field).toBe('reason');
    const reason = 'Thư báo lỗi ngày 08/09/2022: 550 5.2.2 hộp thư đầy';
    const res = await bounce(sent.id, { reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'failed',
      bounceReason: reason,
      toAddress: 'doi3@example.vn',
    });
    expect(res.body.bouncedAt).toEqual(expect.any(String));
    expect(res.body.lastResponse).toMatch(/^250 /); // the server's answer stays as it was
    const again = await bounce(sent.id, { reason });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOT_SENT_EMAIL');
    const inApp = (
      await t.sql.query(
        `SELECT id FROM notifications WHERE contest_id = $1 AND channel = 'in_app' LIMIT 1`,
        [contestId],
      )
    ).rows[0].id;
    expect((await bounce(inApp, { reason })).status).toBe(409);
    const audit = await t.sql.query(
      `SELECT before, after FROM audit_log WHERE action = 'notification.bounce' AND entity_id = $1`,
      [sent.id],
    );
    expect(audit.rows).toEqual([
      {
        before: { status: 'sent', lastResponse: expect.stringMatching(/^250 /) },
        after: { status: 'failed', bounceReason: reason },
      },
    ]);
    const failed = await t.http
      .get(api('/notifications?status=failed&q=doi3'))
      .set(bearer(admin))
      .expect(200);
    expect(failed.body.items.map((i: { id: string }) => i.id)).toEqual([sent.id]);

    await t.http
      .post(api(`/notifications/${sent.id}/resend`))
      .set(bearer(admin))
      .expect(200);
    const resent = await eventually(async () => {
      const mails = (await mailsTo('doi3@example.vn')).filter(
        (m) => m.messageId === `<${sent.id}.1@noivu.example.vn>`,
      );
      return mails.length ? mails : null;
    });
    expect(resent).toHaveLength(1);
    const row = await eventually(async () => {
      const r = (await t.sql.query(`SELECT * FROM notifications WHERE id = $1`, [sent.id])).rows[0];
      return r.status === 'sent' ? r : null;
    });
    expect(row).toMatchObject({ bounced_at: null, bounce_reason: null, resends: 1 });
  });
});

describe('notifications: an instance stopped while a message is on the wire', () => {
  let sink: SmtpSink;
  let t: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start({ delayMs: 1500 });
    t = await startTestApp(); // no mail server: this instance only looks at the outbox
  });
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('a graceful stop finishes the message on the wire and leaves the others untouched for the next instance', async () => {
    await t.sql.query(
      `INSERT INTO notification_settings (user_id, email)
       SELECT id, username || '@example.vn' FROM users ON CONFLICT (user_id) DO NOTHING`,
    );
    const { rows } = await t.sql.query(
      `INSERT INTO notifications (contest_id, recipient_id, channel, event_type, payload, dedupe_key)
       SELECT c.id, m.user_id, 'email', 'results.published',
              jsonb_build_object('contestName', c.name, 'contestSlug', c.slug, 'version', 1), 'stop:1'
         FROM contests c JOIN contest_members m ON m.contest_id = c.id
       RETURNING id`,
    );
    expect(rows.length).toBeGreaterThan(3);
    const sender = await startTestApp(
      { SMTP_URL: sink.url, MAIL_FROM, NOTIFY_POLL_MS: '50', REMINDER_CHECK_INTERVAL_SECONDS: '0' },
      { shareDatabaseWith: t },
    );
    await eventually(async () => sink.holding() || null, 20_000, 'a message on the wire');
    await sender.close(); // a rolling deploy stops this instance now
    const after = (
      await t.sql.query(
        `SELECT status, attempts, last_response FROM notifications WHERE id = ANY($1)
          ORDER BY status, attempts`,
        [rows.map((r: { id: string }) => r.id)],
      )
    ).rows as { status: string; attempts: number; last_response: string | null }[];
    // the message the mail server was receiving was accepted and is recorded as sent, once
    expect(await sink.messages()).toHaveLength(1);
    expect(after.filter((r) => r.status === 'sent')).toHaveLength(1);
    // no other message lost an attempt (or was given up) to the instance going away
    expect(after.filter((r) => r.status !== 'sent')).toEqual(
      Array.from({ length: rows.length - 1 }, () => ({
        status: 'pending',
        attempts: 0,
        last_response: null,
      })),
    );
  });
});
