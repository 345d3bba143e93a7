import { ACCESS_MATRIX } from './support/access-matrix';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ids.contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
  });
  afterAll(() => t?.close());

  const count = async () =>
    Number((await t.sql.query(`SELECT count(*) AS n FROM audit_log`)).rows[0].n);

  /** One valid call for every mutating route; `capture` keeps ids for later calls. */
  const calls: {
    route: string;
    path: () => string;
    body: () => object;
    capture?: (body: never) => void;
  }[] = [
    {
      route: 'POST /api/contests',
      path: () => '/api/contests',
      body: () => ({ slug: 'kiem-toan', name: 'Hội thi kiểm toán' }),
      capture: (b: { id: string }) => (ids.newContest = b.id),
    },
    {
      route: 'PATCH /api/contests/{contestId}',
      path: () => `/api/contests/${ids.newContest}`,
      body: () => ({ description: 'Mô tả' }),
    },
    {
      route: 'POST /api/contests/{contestId}/units',
      path: () => `/api/contests/${ids.newContest}/units`,
      body: () => ({ name: 'UBND xã Tân Thành', kind: 'xa' }),
      capture: (b: { id: string }) => (ids.unitId = b.id),
    },
    {
      route: 'PATCH /api/contests/{contestId}/units/{unitId}',
      path: () => `/api/contests/${ids.newContest}/units/${ids.unitId}`,
      body: () => ({ name: 'UBND xã Tân Thành (mới)' }),
    },
    {
      route: 'POST /api/contests/{contestId}/teams',
      path: () => `/api/contests/${ids.newContest}/teams`,
      body: () => ({
        number: 1,
        name: 'Đội 1',
        unitId: ids.unitId,
        members: [{ fullName: 'Hồ Văn Phúc', isLeader: true }],
      }),
      capture: (b: { id: string }) => (ids.teamId = b.id),
    },
    {
      route: 'PATCH /api/contests/{contestId}/teams/{teamId}',
      path: () => `/api/contests/${ids.newContest}/teams/${ids.teamId}`,
      body: () => ({ name: 'Đội một' }),
    },
    {
      route: 'PUT /api/contests/{contestId}/teams/{teamId}/members',
      path: () => `/api/contests/${ids.newContest}/teams/${ids.teamId}/members`,
      body: () => ({ members: [{ fullName: 'Cao Thị Yến Nhi', isLeader: true }] }),
    },
    {
      route: 'POST /api/contests/{contestId}/accounts',
      path: () => `/api/contests/${ids.newContest}/accounts`,
      body: () => ({ username: 'kt.judge', displayName: 'Giám khảo', role: 'judge' }),
      capture: (b: { account: { userId: string } }) => (ids.userId = b.account.userId),
    },
    {
      route: 'POST /api/contests/{contestId}/accounts/{userId}/reset-password',
      path: () => `/api/contests/${ids.newContest}/accounts/${ids.userId}/reset-password`,
      body: () => ({}),
    },
    {
      route: 'PUT /api/contests/{contestId}/rules',
      path: () => `/api/contests/${ids.newContest}/rules`,
      body: () => ({ rules: ids.rules }),
    },
    {
      route: 'POST /api/contests/{contestId}/rules/amendments',
      path: () => `/api/contests/${ids.newContest}/rules/amendments`,
      body: () => ({ rules: ids.rules, reason: 'Sửa đổi có lý do rõ ràng' }),
    },
    {
      route: 'POST /api/contests/{contestId}/transitions',
      path: () => `/api/contests/${ids.newContest}/transitions`,
      body: () => ({ to: 'registration' }),
    },
    {
      route: 'POST /api/auth/password',
      path: () => '/api/auth/password',
      body: () => ({ currentPassword: t.password('admin'), newPassword: 'mat-khau-quan-tri-moi' }),
    },
  ];

  it('covers every mutating route (except login, which changes nothing)', () => {
    const mutating = Object.keys(ACCESS_MATRIX).filter(
      (r) => !r.startsWith('GET ') && r !== 'POST /api/auth/login',
    );
    expect(calls.map((c) => c.route).sort()).toEqual(mutating.sort());
  });

  it('each mutating call writes exactly one audit row, with actor, action and after-state', async () => {
    for (const call of calls) {
      if (call.route.includes('rules')) {
        ids.rules = (
          await t.http.get(`/api/contests/${ids.newContest}/rules`).set(bearer(admin))
        ).body.rules;
      }
      const before = await count();
      const [method] = call.route.split(' ');
      const res = await t.http[method!.toLowerCase() as 'post'](call.path())
        .set(bearer(admin))
        .send(call.body());
      expect({ route: call.route, status: res.status < 300 }).toEqual({
        route: call.route,
        status: true,
      });
      call.capture?.(res.body as never);
      expect({ route: call.route, rows: (await count()) - before }).toEqual({
        route: call.route,
        rows: 1,
      });
      const last = (await t.sql.query(`SELECT * FROM audit_log ORDER BY id DESC LIMIT 1`)).rows[0];
      expect(last.actor_name).toBe('admin');
      expect(last.action).toMatch(/^[a-z_.]+$/);
      expect(last.created_at).toBeInstanceOf(Date);
    }
  });

  it('a failed change writes no audit row and changes nothing', async () => {
    const before = await count();
    const res = await t.http
      .post(`/api/contests/${ids.newContest}/teams`)
      .set(
        bearer(
          (
            await t.http
              .post('/api/auth/login')
              .send({ username: 'admin', password: 'mat-khau-quan-tri-moi' })
          ).body.accessToken,
        ),
      )
      .send({ number: 1, name: 'Trùng số', unitId: ids.unitId });
    expect(res.status).toBe(409);
    expect(await count()).toBe(before);
  });

  it('records before and after for updates and never stores secrets', async () => {
    const row = (
      await t.sql.query(`SELECT before, after FROM audit_log WHERE action = 'unit.update'`)
    ).rows[0];
    expect(row.before.name).toBe('UBND xã Tân Thành');
    expect(row.after.name).toBe('UBND xã Tân Thành (mới)');
    const all = (await t.sql.query(`SELECT before::text || after::text AS t FROM audit_log`)).rows
      .map((r) => r.t ?? '')
      .join('');
    expect(all).not.toMatch(/argon2|password_hash|passwordHash|temporaryPassword/);
  });

  it('lists a contest audit trail for organisers, newest first, with paging', async () => {
    const token = (
      await t.http
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'mat-khau-quan-tri-moi' })
    ).body.accessToken;
    const page = await t.http
      .get(`/api/contests/${ids.newContest}/audit?limit=3`)
      .set(bearer(token));
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(3);
    expect(Number(page.body[0].id)).toBeGreaterThan(Number(page.body[2].id));
    const next = await t.http
      .get(`/api/contests/${ids.newContest}/audit?limit=3&before=${page.body[2].id}`)
      .set(bearer(token));
    expect(Number(next.body[0].id)).toBeLessThan(Number(page.body[2].id));
    const bad = await t.http
      .get(`/api/contests/${ids.newContest}/audit?limit=abc`)
      .set(bearer(token));
    expect(bad.status).toBe(400);
  });
});
