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
