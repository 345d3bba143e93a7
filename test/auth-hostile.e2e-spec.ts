import { startTestApp, TestApp } from './support/test-app';

/**
 * Sign-in, accounts and teams against hostile input: bytes the database refuses, names made
 * of invisible characters.
 */
describe('auth: hostile input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
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
});
