import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InitialAccountsFile } from '../src/seed/initial-accounts';
import { BuiltServer, stopProcess } from './support/built-server';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * What a person sees when starting the app: no wall of route lines, the first start's
 * passwords kept in DATA_DIR/initial-accounts.txt (0600), and a closing banner with the
 * addresses. The file goes away once every account in it has changed its password.
 */
describe('start-up output of the built server', () => {
  let server: BuiltServer;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    server = await BuiltServer.inFreshDataDir('startup', { LOG_LEVEL: 'info', HOST: '0.0.0.0' });
  });
  afterAll(async () => {
    if (child) await stopProcess(child, 'SIGINT');
    server?.removeDataDir();
  });

  it('ends with a banner naming the web addresses, the API docs and the passwords file', async () => {
    child = await server.start();
    const deadline = Date.now() + 30_000;
    while (!/ready\n.*\n=+\n/s.test(server.output) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const output = server.output;
    expect(output).not.toMatch(/Mapped \{|RouterExplorer|RoutesResolver|InstanceLoader/);
    const banner = output.slice(output.lastIndexOf('Hội thi CCHC đã sẵn sàng'));
    const port = server.port;
    for (const path of ['/doi-thi', '/giam-khao', '/btc', '/c/nga-bay-2022/truc-tiep', '/api/docs'])
      expect(banner).toMatch(new RegExp(`http://[^\\s]+:${port}${path.replace(/\//g, '\\/')}`));
    const file = join(server.dataDir, 'initial-accounts.txt');
    expect(banner).toContain(file);
    expect(output.trimEnd().split('\n').at(-1)).toMatch(/^=+$/);

    // the passwords file: owner-only, the same accounts and passwords as printed
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const listed = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(listed.map((l) => l[1])).toEqual(
      expect.arrayContaining(['admin', 'btc.thuky', 'gk.nguyen', 'doi9']),
    );
    for (const [role, username, password] of listed)
      expect(output).toMatch(
        new RegExp(`${role}\\s+${username.replace('.', '\\.')}\\s+${password}`),
      );
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'admin',
        password: listed.find((l) => l[1] === 'admin')![2],
      }),
    });
    expect(login.status).toBe(200);
  });

  it('does not rebuild on a second start when the build is current (prestart)', () => {
    const out = execFileSync(
      process.execPath,
      [join(__dirname, '..', 'scripts', 'ensure-built.mjs')],
      {
        encoding: 'utf8',
      },
    );
    expect(out).toBe('');
  });
});

describe('the initial passwords file', () => {
  let t: TestApp;
  let file: InitialAccountsFile;
  beforeAll(async () => {
    t = await startTestApp();
    file = t.app.get(InitialAccountsFile);
    file.write(t.seed.credentials);
  });
  afterAll(() => t?.close());

  let changed = 0;
  const change = async (username: string) => {
    const token = await t.login(username);
    // a password of the person's own (it may not contain the login name)
    await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({
        currentPassword: t.password(username),
        newPassword: `cau-mat-khau-rieng-${++changed}`,
      })
      .expect(204);
  };

  it('stays while one listed account still has its initial password, and goes after', async () => {
    const accounts = t.seed.credentials.map((c) => c.username);
    expect(accounts.length).toBeGreaterThan(10);
    expect(existsSync(file.path)).toBe(true);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    file.write([{ username: 'x', password: 'y', role: 'judge' }]); // written once: unchanged
    expect(readFileSync(file.path, 'utf8')).not.toContain('\nx\t');

    for (const username of accounts.slice(0, -2)) await change(username);
    // an organiser's reset also retires the listed password
    const judge = accounts.at(-2)!;
    const admin = await t.login('admin');
    const { rows } = await t.sql.query(
      `SELECT m.contest_id, u.id FROM contest_members m JOIN users u ON u.id = m.user_id WHERE u.username = $1`,
      [judge],
    );
    await t.http
      .post(`/api/contests/${rows[0].contest_id}/accounts/${rows[0].id}/reset-password`)
      .set(bearer(admin))
      .expect(200);
    expect(await file.sweep()).toBe(false);
    expect(existsSync(file.path)).toBe(true);

    await change(accounts.at(-1)!);
    expect(await file.sweep()).toBe(true);
    expect(existsSync(file.path)).toBe(false);
  });
});
