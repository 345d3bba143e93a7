import { LoginThrottle } from '../src/auth/login-throttle';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { craftToken } from './support/tokens';

describe('accounts and authentication', () => {
  let t: TestApp;
  let adminId: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    t = await startTestApp();
    const [row] = (
      await t.sql.query(`SELECT id, token_version FROM users WHERE username = 'admin'`)
    ).rows;
    adminId = row.id;
  });
  afterAll(() => t?.close());

  it('logs in with the right password and returns a bearer token with its expiry', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: t.password('admin') });
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(typeof res.body.accessToken).toBe('string');
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user).toMatchObject({ username: 'admin', isAdmin: true });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    const me = await t.http.get('/api/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
    expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'organiser' })]);
  });

  it('usernames are case-insensitive', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'ADMIN', password: t.password('admin') });
    expect(res.status).toBe(200);
  });

  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'not-the-password' });
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ username: 'nobody.here', password: 'whatever-pass' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects a login body of the wrong shape with 400 naming the field', async () => {
    const res = await t.http.post('/api/auth/login').send({ username: 'admin', password: 12345 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('rejects requests without a token on protected routes', async () => {
    const res = await t.http.get('/api/contests');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token', async () => {
    const token = craftToken(
      { sub: adminId, tv: 0, iat: now() - 7200, exp: now() - 60 },
      { secret: t.settings.jwtSecret },
    );
    const res = await t.http.get('/api/auth/me').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('accepts a token built the same way when not expired (the crafted tokens are otherwise valid)', async () => {
    const token = craftToken(
      { sub: adminId, tv: 0, iat: now(), exp: now() + 600 },
      { secret: t.settings.jwtSecret },
    );
    expect((await t.http.get('/api/auth/me').set(bearer(token))).status).toBe(200);
  });

  it('rejects a tampered token (payload changed after signing)', async () => {
    const good = await t.login('doi1');
    const [head, , sig] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: adminId, tv: 0, exp: now() + 600 })).toString(
      'base64url',
    );
    const res = await t.http.get('/api/auth/me').set(bearer(`${head}.${forged}.${sig}`));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('rejects alg "none" and tokens signed with another key', async () => {
    const none = craftToken({ sub: adminId, tv: 0, exp: now() + 600 }, { alg: 'none' });
    expect((await t.http.get('/api/auth/me').set(bearer(none))).status).toBe(401);
    const otherKey = craftToken(
      { sub: adminId, tv: 0, exp: now() + 600 },
      { secret: 'another-secret-another-secret-000' },
    );
    expect((await t.http.get('/api/auth/me').set(bearer(otherKey))).status).toBe(401);
    const hs512 = craftToken(
      { sub: adminId, tv: 0, exp: now() + 600 },
      { alg: 'HS512', secret: t.settings.jwtSecret },
    );
    expect((await t.http.get('/api/auth/me').set(bearer(hs512))).status).toBe(401);
    expect((await t.http.get('/api/auth/me').set(bearer('garbage'))).status).toBe(401);
  });

  it('changing a password revokes older tokens; the new password works', async () => {
    const oldToken = await t.login('gk.le');
    const res = await t.http
      .post('/api/auth/password')
      .set(bearer(oldToken))
      .send({ currentPassword: t.password('gk.le'), newPassword: 'mat-khau-moi-2022' });
    expect(res.status).toBe(204);
    expect((await t.http.get('/api/auth/me').set(bearer(oldToken))).status).toBe(401);
    const fresh = await t.login('gk.le', 'mat-khau-moi-2022');
    const me = await t.http.get('/api/auth/me').set(bearer(fresh));
    expect(me.body.mustChangePassword).toBe(false);
  });

  it('refuses a password change with the wrong current password', async () => {
    const token = await t.login('gk.vo');
    const res = await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: 'wrong-password', newPassword: 'another-password-1' });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('currentPassword');
  });

  it('an organiser resets a judge password: temporary password works, old one and old tokens do not', async () => {
    const organiser = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    const judgeId = (await t.sql.query(`SELECT id FROM users WHERE username = 'gk.tran'`)).rows[0]
      .id;
    const judgeToken = await t.login('gk.tran');
    // used once first, so the server remembers this caller: the reset must forget it at once
    expect((await t.http.get('/api/auth/me').set(bearer(judgeToken))).status).toBe(200);
    const res = await t.http
      .post(`/api/contests/${contestId}/accounts/${judgeId}/reset-password`)
      .set(bearer(organiser));
    expect(res.status).toBe(200);
    expect(res.body.temporaryPassword).toHaveLength(14);
    expect((await t.http.get('/api/auth/me').set(bearer(judgeToken))).status).toBe(401);
    await expect(t.login('gk.tran')).rejects.toThrow(/401/);
    await expect(t.login('gk.tran', res.body.temporaryPassword)).resolves.toEqual(
      expect.any(String),
    );
  });

  it('stores passwords as argon2id hashes only', async () => {
    const rows = (await t.sql.query(`SELECT password_hash FROM users`)).rows as {
      password_hash: string;
    }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_RATE_LIMIT: '3',
      LOGIN_RATE_WINDOW_SECONDS: '60',
      SEED_DEMO: 'false',
    });
  });
  afterAll(() => t?.close());

  it('engages after the configured number of attempts, for that username, with 429', async () => {
    const attempt = () =>
      t.http.post('/api/auth/login').send({ username: 'admin', password: 'wrong-password' });
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    // even the right password is refused while blocked
    const right = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: t.password('admin') });
    expect(right.status).toBe(429);
  });
});

describe('password spraying: a per-address limit across usernames, kept in PostgreSQL', () => {
  let t: TestApp;
  const SPRAYED = 'Matkhau@2024';
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_ADDRESS_RATE_LIMIT: '30',
      LOGIN_ADDRESS_RATE_WINDOW_SECONDS: '600',
      LOGIN_RATE_LIMIT: '10',
    });
  });
  afterAll(() => t?.close());

  /** 40 accounts: every seeded one, then names that do not exist (answered the same way). */
  const accounts = () => {
    const seeded = ['admin', ...t.seed.credentials.map((c) => c.username)];
    return [...seeded, ...Array.from({ length: 40 - seeded.length }, (_, i) => `can-bo-${i + 1}`)];
  };
  // Requests come through a trusted proxy (loopback), so X-Forwarded-For is the client address.
  const attempt = (app: TestApp, address: string, username: string, password = SPRAYED) =>
    app.http.post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });

  it('one password against 40 accounts from one address: 401 thirty times, then 429', async () => {
    const statuses: number[] = [];
    let blocked: Awaited<ReturnType<typeof attempt>> | null = null;
    for (const username of accounts()) {
      const res = await attempt(t, '203.0.113.7', username);
      statuses.push(res.status);
      if (res.status === 429) blocked = res;
    }
    expect(statuses).toEqual([...Array(30).fill(401), ...Array(10).fill(429)]);
    expect(blocked!.body).toMatchObject({ code: 'LOGIN_RATE_LIMITED' });
    expect(blocked!.body.retryAfterSeconds).toBeGreaterThan(500);
    expect(blocked!.body.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(Number(blocked!.headers['retry-after'])).toBe(blocked!.body.retryAfterSeconds);
    // the whole address is held, even with a right password; another address is not
    expect((await attempt(t, '203.0.113.7', 'admin', t.password('admin'))).status).toBe(429);
    expect((await attempt(t, '203.0.113.8', 'admin', t.password('admin'))).status).toBe(200);
  });

  it('successful logins do not count (a hall of judges behind one address)', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt(t, '203.0.113.9', 'admin', t.password('admin'))).status).toBe(200);
    for (const username of accounts().slice(0, 30))
      expect((await attempt(t, '203.0.113.9', username)).status).toBe(401);
    expect((await attempt(t, '203.0.113.9', 'gk.nguyen')).status).toBe(429);
  });

  it('old attempts expire: the window passes and the rows are removed', async () => {
    await t.sql.query(
      `UPDATE login_attempts SET attempted_at = attempted_at - interval '11 minutes'
        WHERE address = '203.0.113.7'`,
    );
    expect((await attempt(t, '203.0.113.7', 'admin', t.password('admin'))).status).toBe(200);
    expect(await t.app.get(LoginThrottle).expire()).toBe(30);
    const left = await t.sql.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE address = '203.0.113.7'`,
    );
    expect(left.rows[0].n).toBe(1); // the successful login just now
  });

  // last: passport keeps its strategies process-wide, so after the extra instances close,
  // this process can no longer check passwords through `t` (it can still refuse them)
  it('two instances on one database share the count, and a restarted one keeps it', async () => {
    const second = await startTestApp(
      { LOGIN_ADDRESS_RATE_LIMIT: '30', LOGIN_ADDRESS_RATE_WINDOW_SECONDS: '600' },
      { shareDatabaseWith: t },
    );
    try {
      const names = accounts();
      for (const [i, username] of names.slice(0, 30).entries())
        expect((await attempt(i % 2 ? second : t, '203.0.113.20', username)).status).toBe(401);
      expect((await attempt(t, '203.0.113.20', names[30]!)).status).toBe(429);
      expect((await attempt(second, '203.0.113.20', names[31]!)).status).toBe(429);
    } finally {
      await second.close();
    }
    // a new process (nothing in memory) on the same database still refuses the address
    const restarted = await startTestApp(
      { LOGIN_ADDRESS_RATE_LIMIT: '30', LOGIN_ADDRESS_RATE_WINDOW_SECONDS: '600' },
      { shareDatabaseWith: t },
    );
    try {
      expect((await attempt(restarted, '203.0.113.20', 'admin', t.password('admin'))).status).toBe(
        429,
      );
    } finally {
      await restarted.close();
    }
  });
});
