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
