import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltServer, freePort, stopProcess } from './support/built-server';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

const EXEMPT = ['POST /api/auth/login', 'GET /api/auth/me', 'POST /api/auth/password'];

describe('accounts on a temporary password', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
  });
  afterAll(() => t?.close());

  /** A judge account created by the organisers: signed in with its temporary password. */
  const newJudge = async (username: string) => {
    const created = await t.http
      .post(`/api/contests/${contestId}/accounts`)
      .set(bearer(admin))
      .send({ username, displayName: 'Nguyễn Văn An', role: 'judge' })
      .expect(201);
    const password = created.body.temporaryPassword as string;
    const res = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    return { token: res.body.accessToken as string, password, id: created.body.account.userId };
  };

  it('answers 403 PASSWORD_CHANGE_REQUIRED on every route but sign-in, /auth/me and the change', async () => {
    const { token } = await newJudge('gk.moi');
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const values: Record<string, string> = {
      contestId,
      slug: 'nga-bay-2022',
      version: '1',
      kind: 'minutes.pdf',
      partCode: 'debate',
    };
    const answers: Record<string, number | string> = {};
    for (const [path, operations] of Object.entries(doc.paths))
      for (const method of Object.keys(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        const url = path.replace(
          /\{(\w+)\}/g,
          (_m, name: string) => values[name] ?? '00000000-0000-4000-8000-000000000001',
        );
        const request = t.http[method as 'get'](url).set(bearer(token));
        const res = await (['get', 'head', 'options'].includes(method)
          ? request
          : request.send({}));
        answers[route] = res.status === 403 ? (res.body.code ?? 403) : res.status;
      }
    const refused = Object.entries(answers).filter(([, a]) => a === 'PASSWORD_CHANGE_REQUIRED');
    const others = Object.entries(answers).filter(([, a]) => a !== 'PASSWORD_CHANGE_REQUIRED');
    expect(refused.length).toBeGreaterThan(85);
    // HEAD answers carry no body: the status says it
    expect(others.filter(([route]) => !EXEMPT.includes(route))).toEqual([
      ['HEAD /api/contests/{contestId}/uploads/{uploadId}', 403],
    ]);
    expect((await t.http.get('/api/auth/me').set(bearer(token))).body.mustChangePassword).toBe(
      true,
    );
  });

  it('opens everything once the password is changed (old tokens stop working)', async () => {
    const { token, password } = await newJudge('gk.moi2');
    const refused = await t.http.get('/api/contests').set(bearer(token));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: 'Bạn cần đổi mật khẩu tạm trước khi tiếp tục.',
    });
    const weak = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: password, newPassword: 'gk.moi2-2022-abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0]).toMatchObject({
      field: 'newPassword',
      code: 'PASSWORD_CONTAINS_USERNAME',
    });
    await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: password, newPassword: 'cau-mat-khau-moi-2022' })
      .expect(204);
    expect((await t.http.get('/api/contests').set(bearer(token))).status).toBe(401);
    const fresh = await t.http
      .post('/api/auth/login')
      .send({ username: 'gk.moi2', password: 'cau-mat-khau-moi-2022' })
      .expect(200);
    expect(fresh.body.user.mustChangePassword).toBe(false);
    const open = await t.http.get('/api/contests').set(bearer(fresh.body.accessToken));
    expect(open.status).toBe(200);
  });

  it('a password reset by the organisers closes the routes again until the next change', async () => {
    const judge = (await t.sql.query(`SELECT id FROM users WHERE username = 'gk.nguyen'`)).rows[0]
      .id;
    const reset = await t.http
      .post(`/api/contests/${contestId}/accounts/${judge}/reset-password`)
      .set(bearer(admin))
      .expect(200);
    const signedIn = await t.http
      .post('/api/auth/login')
      .send({ username: 'gk.nguyen', password: reset.body.temporaryPassword })
      .expect(200);
    const res = await t.http
      .get(`/api/contests/${contestId}/judging/assignments`)
      .set(bearer(signedIn.body.accessToken));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('deactivating and reactivating accounts', () => {
  const CACHE_MS = 1500;
  let t: TestApp;
  let other: ChildProcess;
  let otherUrl: string;
  let otherDir: string;
  let admin: string;
  let organiser: string;
  let contestId: string;
  const userId = async (username: string) =>
    (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]
      .id as string;
  const account = (id: string, action: string) =>
    `/api/contests/${contestId}/accounts/${id}/${action}`;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_CALLER_CACHE_MS: String(CACHE_MS) });
    // A second instance (its own process) on the same database: it learns of a deactivation
    // when its caller cache expires.
    otherDir = mkdtempSync(join(tmpdir(), 'cchc-second-'));
    const port = await freePort();
    other = await new BuiltServer(
      {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: t.settings.databaseUrl,
        MIGRATION_DATABASE_URL: t.settings.migrationDatabaseUrl,
        DATA_DIR: otherDir,
        JWT_SECRET: t.settings.jwtSecret,
        AUTH_CALLER_CACHE_MS: String(CACHE_MS),
        LOG_LEVEL: 'silent',
      },
      port,
      otherDir,
    ).start();
    otherUrl = `http://127.0.0.1:${port}`;
    admin = await t.login('admin');
    organiser = await t.login('btc.thuky');
    contestId = (await publishDemoEntries(t)).contestId;
  });
  afterAll(async () => {
    if (other) await stopProcess(other, 'SIGTERM');
    if (otherDir) rmSync(otherDir, { recursive: true, force: true });
    await t?.close();
  });
  const meOnOther = (token: string) =>
    fetch(`${otherUrl}/api/auth/me`, { headers: bearer(token) }).then((r) => r.status);

  it('an organiser deactivates a judge with a reason: the tokens stop at once, the scorecards stay', async () => {
    const judge = await t.login('gk.le');
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    const [first] = (
      await t.http.get(`/api/contests/${contestId}/judging/assignments`).set(bearer(judge))
    ).body as { entryId: string }[];
    const card = `/api/contests/${contestId}/judging/entries/${first!.entryId}/scorecard`;
    const scores = { novelty: 12, usefulness: 12, practicality: 12, breakthrough: 12, quality: 8 };
    const saved = await t.http.put(card).set(bearer(judge)).send({ scores }).expect(200);
    await t.http
      .post(`${card}/submit`)
      .set(bearer(judge))
      .send({ version: saved.body.version })
      .expect(200);
    // both instances know the caller (cached)
    expect((await t.http.get('/api/auth/me').set(bearer(judge))).status).toBe(200);
    expect(await meOnOther(judge)).toBe(200);

    const id = await userId('gk.le');
    const noReason = await t.http.post(account(id, 'deactivate')).set(bearer(organiser)).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const res = await t.http
      .post(account(id, 'deactivate'))
      .set(bearer(organiser))
      .send({ reason: 'Giám khảo xin rút vì lý do sức khỏe.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: id, disabled: true });
    // at once on this instance; within the caller cache on the other one
    expect((await t.http.get('/api/auth/me').set(bearer(judge))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, CACHE_MS + 300));
    expect(await meOnOther(judge)).toBe(401);
    await expect(t.login('gk.le')).rejects.toThrow(/401/);

    const audit = await t.sql.query(
      `SELECT actor_id, reason, before, after FROM audit_log
        WHERE action = 'account.deactivate' AND entity_id = $1`,
      [id],
    );
    expect(audit.rows).toEqual([
      {
        actor_id: await userId('btc.thuky'),
        reason: 'Giám khảo xin rút vì lý do sức khỏe.',
        before: { disabled: false },
        after: { disabled: true },
      },
    ]);
    const cards = await t.sql.query(
      `SELECT id, status FROM scorecards WHERE judge_id = $1 AND contest_id = $2`,
      [id, contestId],
    );
    expect(cards.rows).toEqual([{ id: expect.any(String), status: 'submitted' }]);
    const kept = await t.http
      .get(`/api/contests/${contestId}/judging/scorecards/${cards.rows[0].id}`)
      .set(bearer(organiser));
    expect(kept.status).toBe(200);
    const list = await t.http.get(`/api/contests/${contestId}/accounts`).set(bearer(organiser));
    expect(list.body.find((a: { userId: string }) => a.userId === id).disabled).toBe(true);
  });

  it('reactivating lets the person sign in again; tokens from before stay dead', async () => {
    const id = await userId('gk.tran');
    const before = await t.login('gk.tran');
    await t.http
      .post(account(id, 'deactivate'))
      .set(bearer(organiser))
      .send({ reason: 'Tạm khóa trong khi xác minh đơn vị công tác.' })
      .expect(200);
    const again = await t.http
      .post(account(id, 'deactivate'))
      .set(bearer(organiser))
      .send({ reason: 'Tạm khóa trong khi xác minh đơn vị công tác.' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACCOUNT_DISABLED');
    const res = await t.http
      .post(account(id, 'reactivate'))
      .set(bearer(organiser))
      .send({ reason: 'Đã xác minh xong, giám khảo tiếp tục chấm.' });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(false);
    expect((await t.http.get('/api/auth/me').set(bearer(before))).status).toBe(401);
    const after = await t.login('gk.tran');
    expect((await t.http.get('/api/auth/me').set(bearer(after))).status).toBe(200);
    const audit = await t.sql.query(
      `SELECT action, reason FROM audit_log WHERE entity_id = $1 AND action LIKE 'account.%activate'
        ORDER BY id`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['account.deactivate', 'account.reactivate']);
  });

  it('organiser accounts are for the administrator; nobody deactivates their own account', async () => {
    const created = await t.http
      .post(`/api/contests/${contestId}/accounts`)
      .set(bearer(admin))
      .send({ username: 'btc.pho', displayName: 'Trần Văn Bình', role: 'organiser' })
      .expect(201);
    const secretary = created.body.account.userId as string;
    const refused = await t.http
      .post(account(secretary, 'deactivate'))
      .set(bearer(organiser))
      .send({ reason: 'Thử khóa tài khoản Ban tổ chức.' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ADMIN_ONLY');
    const self = await t.http
      .post(account(await userId('admin'), 'deactivate'))
      .set(bearer(admin))
      .send({ reason: 'Thử tự khóa tài khoản của mình.' });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('OWN_ACCOUNT');
    const byAdmin = await t.http
      .post(account(secretary, 'deactivate'))
      .set(bearer(admin))
      .send({ reason: 'Thư ký chuyển công tác khác.' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ role: 'organiser', disabled: true });
  });
});
