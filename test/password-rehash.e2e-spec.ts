import { startTestApp, TestApp } from './support/test-app';

/**
 * Accounts created before the move from `argon2` to `@node-rs/argon2` keep signing in: their
 * 64 MiB / 3 passes / 4 lanes hashes verify, and the first successful sign-in replaces the
 * hash with one at today's parameters. A wrong password changes nothing.
 */
describe('password hashes from the earlier argon2 package', () => {
  let t: TestApp;
  const password = 'mat-khau-cu-2022';
  // written by argon2 0.45 (m,p,t order) and by older releases (m,t,p order)
  const legacy = [
    '$argon2id$v=19$m=65536,p=4,t=3$pGeckvxo5l+ngyaEtuEGUg$L+dIgvWIH/3NwNudWusNq/hINDlrAdlNxxhXCfcosQA',
    '$argon2id$v=19$m=65536,t=3,p=4$pGeckvxo5l+ngyaEtuEGUg$L+dIgvWIH/3NwNudWusNq/hINDlrAdlNxxhXCfcosQA',
  ];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const stored = async (username: string) =>
    (
      await t.sql.query(`SELECT password_hash, token_version FROM users WHERE username = $1`, [
        username,
      ])
    ).rows[0] as { password_hash: string; token_version: number };

  it.each(legacy.map((hash, i) => [i, hash]))(
    'signs in with a legacy hash (%i) and stores a new argon2id hash at 19 MiB / 2 / 1',
    async (i, hash) => {
      const username = `nguoi.cu.${i}`;
      await t.sql.query(
        `INSERT INTO users (username, display_name, password_hash) VALUES ($1, 'Người dùng cũ', $2)`,
        [username, hash],
      );
      const wrong = await t.http.post('/api/auth/login').send({ username, password: 'sai-roi-12' });
      expect(wrong.status).toBe(401);
      expect((await stored(username)).password_hash).toBe(hash);

      const token = await t.login(username, password);
      const after = await stored(username);
      expect(after.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(after.token_version).toBe(0); // same password: earlier tokens stay valid
      const me = await t.http.get('/api/auth/me').set({ Authorization: `Bearer ${token}` });
      expect(me.status).toBe(200);

      // and the new hash works the next time
      await expect(t.login(username, password)).resolves.toEqual(expect.any(String));
      expect((await stored(username)).password_hash).toBe(after.password_hash);
    },
  );
});
