import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Sign-in, accounts and teams against hostile input: bytes the database refuses, names made
 * of invisible characters.
 */
describe('auth: hostile input', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  it('answers a username or password holding a NUL byte with 401, never a 500', async () => {
    for (const body of [
      { username: 'adm\u0000in', password: 'whatever-it-is' },
      { username: 'admin', password: 'what\u0000ever' },
    ]) {
      const res = await t.http.post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
    }
  });

  it('refuses a display, team or member name made only of spaces or zero-width characters', async () => {
    const contest = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'ten-vo-hinh', name: 'Hội thi tên vô hình' })
      .expect(201);
    for (const displayName of ['   ', '\u200b\u200b', '\u00a0\u2060']) {
      const res = await t.http
        .post(`/api/contests/${contest.body.id}/accounts`)
        .set(bearer(admin))
        .send({ username: `gk.vo-hinh`, displayName, role: 'judge' });
      expect(res.status).toBe(400);
    }
    // nor a team, or a member, named by invisible characters alone
    const unit = await t.http
      .post(`/api/contests/${contest.body.id}/units`)
      .set(bearer(admin))
      .send({ name: 'Phòng Nội vụ', kind: 'phong' })
      .expect(201);
    for (const [name, fullName] of [
      ['\u200b\u200b\u200b', 'Nguyễn Văn An'],
      ['Đội Nội vụ', '\u200b \u200b'],
    ]) {
      const res = await t.http
        .post(`/api/contests/${contest.body.id}/teams`)
        .set(bearer(admin))
        .send({ number: 1, name, unitId: unit.body.id, members: [{ fullName }] });
      expect(res.status).toBe(400);
    }
  });
});

describe('password change: the current password is not an unlimited oracle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t?.close());

  it('counts wrong current passwords like failed sign-ins: 429 after the limit, even the right one', async () => {
    const token = await t.login('admin');
    const change = (currentPassword: string) =>
      t.http
        .post('/api/auth/password')
        .set(bearer(token))
        .send({ currentPassword, newPassword: 'mat-khau-moi-2026-dai' });
    for (let i = 0; i < 3; i++)
      expect((await change(`doan-sai-${i}`)).body.code).toBe('WRONG_PASSWORD');
    const blocked = await change('doan-sai-nua');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await change(t.password('admin'))).status).toBe(429);
  });
});
