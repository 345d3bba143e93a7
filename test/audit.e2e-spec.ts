import type { Response } from 'supertest';
import { ACCESS_MATRIX } from './support/access-matrix';
import { mp4, pdf } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * POST routes that change nothing: logging in and the dry-run previews of an import and of a
 * panel plan (a stored preview assigns nobody until it is committed).
 */
const READ_ONLY_POSTS = [
  'POST /api/auth/login',
  'POST /api/contests/{contestId}/interactions/imports/preview',
  'POST /api/contests/{contestId}/judging/panels/preview',
  'POST /api/contests/{contestId}/post-urls/preview',
  'POST /api/contests/{contestId}/registration/preview',
  // reads the sealed account slips of a commit (the key is in the body, not in the URL)
  'POST /api/contests/{contestId}/registration/slips',
  // hands out presigned part URLs: nothing is stored
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/part-urls',
];

/**
 * Mutating routes whose valid call needs a situation this one-team walk cannot reach; the
 * named test checks their audit rows instead.
 */
const COVERED_ELSEWHERE: Record<string, string> = {
  // needs two finalists tied on every key
  'POST /api/contests/{contestId}/results/tie-decisions': 'results.e2e-spec.ts (four-eyes test)',
  // needs a mail server (resend refuses when e-mail is off)
  'POST /api/contests/{contestId}/notifications/{notificationId}/resend':
    'notifications.e2e-spec.ts (refused address test)',
  // needs an e-mail the mail server accepted
  'POST /api/contests/{contestId}/notifications/{notificationId}/bounce':
    'notifications.e2e-spec.ts (bounce test: audit row with before/after)',
  // creates a second contest (this walk works in one); audit rows checked there
  'POST /api/province/contests/{contestId}/copy': 'province.e2e-spec.ts (copy test)',
  // needs approved entries and a previewed plan
  'POST /api/contests/{contestId}/judging/panels/{planId}/commit':
    'judging-panels.e2e-spec.ts (commit and change tests)',
  // need many entries in given states (seeded there): one audit row per approved or changed entry
  'POST /api/contests/{contestId}/moderation/approve': 'lists.e2e-spec.ts (bulk approval test)',
  'POST /api/contests/{contestId}/post-urls': 'lists.e2e-spec.ts (post addresses commit test)',
  // needs a previewed workbook
  'POST /api/contests/{contestId}/registration/commits':
    'registration.e2e-spec.ts (commits all of it in one go with audit rows)',
  // need STORAGE=s3 and an S3 server: upload.create, upload.assemble, upload.complete and
  // upload.cancel rows checked there
  'POST /api/contests/{contestId}/direct-uploads': 'direct-uploads.e2e-spec.ts (whole flow test)',
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/complete':
    'direct-uploads.e2e-spec.ts (whole flow test)',
  'DELETE /api/contests/{contestId}/direct-uploads/{uploadId}':
    'direct-uploads.e2e-spec.ts (abort test)',
  // progress of a pending upload (like a tus PATCH that does not finish the file): the state
  // changes (start, assembled, ready, cancelled) are the audited ones
  'POST /api/contests/{contestId}/direct-uploads/{uploadId}/parts':
    'direct-uploads.e2e-spec.ts (progress only, no audit row)',
  // need a Graph API answering (a local server there): audit rows checked there
  'PUT /api/contests/{contestId}/fanpage': 'fanpage.e2e-spec.ts (connect, audit test)',
  'PUT /api/contests/{contestId}/fanpage/schedule': 'fanpage.e2e-spec.ts (audit test)',
  'POST /api/contests/{contestId}/fanpage/readings': 'fanpage.e2e-spec.ts (audit test)',
  'DELETE /api/contests/{contestId}/fanpage': 'fanpage.e2e-spec.ts (audit test)',
};

describe('audit log', () => {
  let t: TestApp;
  let admin: string;
  let team: string;
  const ids: Record<string, string> = {};
  let rules: object;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false' });
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const count = async () =>
    Number((await t.sql.query(`SELECT count(*) AS n FROM audit_log`)).rows[0].n);
  const c = () => `/api/contests/${ids.contest}`;
  const tus = () => new TusTestClient(t.http, team, ids.contest!);
  const post = (path: string, body: object = {}, token = admin) =>
    t.http.post(path).set(bearer(token)).send(body);
  const put = (path: string, body: object, token = admin) =>
    t.http.put(path).set(bearer(token)).send(body);
  const patch = (path: string, body: object) => t.http.patch(path).set(bearer(admin)).send(body);

  /**
   * One valid call for every mutating route, in an order that walks a contest from creation
   * to publication. `rows` is the number of audit rows the call must add (1 unless the call
   * changes several records, e.g. publishing N entries).
   */
  const calls: { route: string; rows?: number; run: () => Promise<Response> }[] = [
    {
      route: 'POST /api/contests',
      run: async () =>
        keep(
          await post('/api/contests', { slug: 'kiem-toan', name: 'Hội thi kiểm toán' }),
          'contest',
        ),
    },
    { route: 'PATCH /api/contests/{contestId}', run: () => patch(c(), { description: 'Mô tả' }) },
    {
      route: 'POST /api/contests/{contestId}/units',
      run: async () =>
        keep(await post(`${c()}/units`, { name: 'UBND xã Tân Thành', kind: 'xa' }), 'unit'),
    },
    {
      route: 'PATCH /api/contests/{contestId}/units/{unitId}',
      run: () => patch(`${c()}/units/${ids.unit}`, { name: 'UBND xã Tân Thành (mới)' }),
    },
    {
      route: 'POST /api/contests/{contestId}/teams',
      run: async () =>
        keep(
          await post(`${c()}/teams`, {
            number: 1,
            name: 'Đội 1',
            unitId: ids.unit,
            members: [{ fullName: 'Hồ Văn Phúc', isLeader: true }],
          }),
          'team',
        ),
    },
    {
      route: 'PATCH /api/contests/{contestId}/teams/{teamId}',
      run: () => patch(`${c()}/teams/${ids.team}`, { name: 'Đội một' }),
    },
    {
      route: 'PUT /api/contests/{contestId}/teams/{teamId}/members',
      run: () =>
        put(`${c()}/teams/${ids.team}/members`, {
          members: [{ fullName: 'Cao Thị Yến Nhi', isLeader: true }],
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/accounts',
      run: async () => {
        const res = await post(`${c()}/accounts`, {
          username: 'kt.judge',
          displayName: 'Giám khảo',
          role: 'judge',
        });
        ids.judgeUser = res.body.account.userId;
        return res;
      },
    },
    {
      route: 'POST /api/contests/{contestId}/accounts',
      run: async () => {
        const res = await post(`${c()}/accounts`, {
          username: 'kt.doi1',
          displayName: 'Đội 1',
          role: 'team',
          teamId: ids.team,
        });
        ids.teamPassword = res.body.temporaryPassword;
        return res;
      },
    },
    {
      route: 'POST /api/contests/{contestId}/accounts',
      run: async () => {
        const res = await post(`${c()}/accounts`, {
          username: 'kt.judge2',
          displayName: 'Giám khảo 2',
          role: 'judge',
        });
        ids.judge2Password = res.body.temporaryPassword;
        return res;
      },
    },
    {
      route: 'POST /api/contests/{contestId}/accounts/{userId}/reset-password',
      run: async () => {
        const res = await post(`${c()}/accounts/${ids.judgeUser}/reset-password`);
        ids.judgePassword = res.body.temporaryPassword;
        return res;
      },
    },
    {
      route: 'POST /api/contests/{contestId}/accounts/{userId}/deactivate',
      run: () =>
        post(`${c()}/accounts/${ids.judgeUser}/deactivate`, {
          reason: 'Tạm khóa để kiểm tra nhật ký.',
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/accounts/{userId}/reactivate',
      run: () =>
        post(`${c()}/accounts/${ids.judgeUser}/reactivate`, {
          reason: 'Mở lại sau khi kiểm tra nhật ký.',
        }),
    },
    {
      route: 'PUT /api/contests/{contestId}/rules',
      run: async () => {
        rules = (await t.http.get(`${c()}/rules`).set(bearer(admin))).body.rules;
        // one team, two judges: let a single judge's card make a complete score
        Object.assign((rules as { judging: object }).judging, { minJudges: 1 });
        Object.assign((rules as { final: object }).final, { minJudges: 1 });
        return put(`${c()}/rules`, { rules });
      },
    },
    {
      route: 'POST /api/contests/{contestId}/rules/amendments',
      run: () => post(`${c()}/rules/amendments`, { rules, reason: 'Sửa đổi có lý do rõ ràng' }),
    },
    {
      route: 'POST /api/contests/{contestId}/transitions',
      run: () => post(`${c()}/transitions`, { to: 'registration' }),
    },
    {
      route: 'POST /api/contests/{contestId}/transitions',
      // + the first sign-in changes the temporary password (its own audit row)
      rows: 2,
      run: async () => {
        const res = await post(`${c()}/transitions`, { to: 'submission' });
        team = await t.login('kt.doi1', ids.teamPassword);
        return res;
      },
    },
    {
      route: 'PUT /api/contests/{contestId}/my-entry',
      run: () =>
        put(
          `${c()}/my-entry`,
          {
            name: 'Mô hình',
            context: 'Bối cảnh',
            implementation: 'Triển khai',
            benefits: 'Lợi ích',
            originalityDeclared: true,
          },
          team,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/uploads',
      run: async () => keep(await tus().create('video', 'v.mp4', 50_000), 'video'),
    },
    {
      route: 'PATCH /api/contests/{contestId}/uploads/{uploadId}',
      run: () => tus().patch(ids.video!, 0, mp4(50_000)),
    },
    {
      route: 'POST /api/contests/{contestId}/uploads',
      run: async () =>
        keep(await tus().create('outline', 'o.pdf', ids.outlineBody!.length), 'outline'),
    },
    {
      route: 'PATCH /api/contests/{contestId}/uploads/{uploadId}',
      run: () => tus().patch(ids.outline!, 0, Buffer.from(ids.outlineBody!, 'latin1')),
    },
    {
      route: 'POST /api/contests/{contestId}/uploads',
      run: async () => keep(await tus().create('video', 'bo.mp4', 10_000), 'dropped'),
    },
    {
      route: 'DELETE /api/contests/{contestId}/uploads/{uploadId}',
      run: () => t.http.delete(`${c()}/uploads/${ids.dropped}`).set(bearer(team)),
    },
    {
      route: 'POST /api/contests/{contestId}/my-entry/submit',
      run: async () => {
        const res = await post(`${c()}/my-entry/submit`, {}, team);
        ids.entry = res.body.id;
        return res;
      },
    },
    {
      route: 'POST /api/contests/{contestId}/entries/{entryId}/return',
      run: () => post(`${c()}/entries/${ids.entry}/return`, { reasons: ['Thiếu lợi ích'] }),
    },
    {
      route: 'PUT /api/contests/{contestId}/my-entry',
      run: () => put(`${c()}/my-entry`, { benefits: 'Lợi ích rõ ràng hơn' }, team),
    },
    {
      route: 'POST /api/contests/{contestId}/my-entry/submit',
      run: () => post(`${c()}/my-entry/submit`, {}, team),
    },
    {
      route: 'POST /api/contests/{contestId}/transitions',
      run: () => post(`${c()}/transitions`, { to: 'moderation' }),
    },
    {
      route: 'POST /api/contests/{contestId}/entries/{entryId}/duplicate-flag',
      run: () => post(`${c()}/entries/${ids.entry}/duplicate-flag`, { reason: 'Cần kiểm tra' }),
    },
    {
      route: 'POST /api/contests/{contestId}/entries/{entryId}/approve',
      run: () => post(`${c()}/entries/${ids.entry}/approve`),
    },
    {
      route: 'PUT /api/contests/{contestId}/entries/{entryId}/post-url',
      run: () =>
        put(`${c()}/entries/${ids.entry}/post-url`, {
          postUrl: 'https://www.facebook.com/trang-hoi-thi/posts/1',
        }),
    },
    // one row per published entry (1 here) plus one for the contest's move to `published`
    {
      route: 'POST /api/contests/{contestId}/publish-all',
      rows: 2,
      run: () => post(`${c()}/publish-all`),
    },
    {
      route: 'POST /api/contests/{contestId}/interactions/form',
      run: () =>
        post(`${c()}/interactions/form`, {
          takenAt: '2022-08-30T10:00:00+07:00',
          counts: [{ entryId: ids.entry, reactions: 10, shares: 2 }],
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/interactions/imports',
      run: () =>
        t.http
          .post(`${c()}/interactions/imports`)
          .set(bearer(admin))
          .field('takenAt', '2022-08-31T10:00:00+07:00')
          .attach('file', Buffer.from('Đội số,Lượt thích,Lượt chia sẻ\n1,25,4\n'), 'tuong-tac.csv'),
    },
    {
      route: 'POST /api/contests/{contestId}/interactions/exclusions',
      run: async () =>
        keep(
          await post(`${c()}/interactions/exclusions`, {
            entryId: ids.entry,
            reactions: 5,
            reason: 'Tài khoản ảo đã xác minh',
          }),
          'exclusion',
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/interactions/exclusions/{exclusionId}/withdraw',
      run: () =>
        post(`${c()}/interactions/exclusions/${ids.exclusion}/withdraw`, {
          reason: 'Xác minh lại: hợp lệ',
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/transitions',
      run: () => post(`${c()}/transitions`, { to: 'judging' }),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/assignments/all',
      run: () => post(`${c()}/judging/assignments/all`),
    },
    {
      route: 'PUT /api/contests/{contestId}/judging/assignments',
      // + the first sign-in changes the temporary password (its own audit row)
      rows: 2,
      run: async () => {
        ids.judgeToken = await t.login('kt.judge', ids.judgePassword);
        return put(`${c()}/judging/assignments`, { judgeId: ids.judgeUser, entryIds: [ids.entry] });
      },
    },
    {
      route: 'PUT /api/contests/{contestId}/judging/entries/{entryId}/scorecard',
      run: () =>
        put(
          `${c()}/judging/entries/${ids.entry}/scorecard`,
          {
            scores: { novelty: 12, usefulness: 13, practicality: 14, breakthrough: 11, quality: 8 },
          },
          ids.judgeToken,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit',
      run: async () =>
        keep(
          await post(
            `${c()}/judging/entries/${ids.entry}/scorecard/submit`,
            { version: 1 },
            ids.judgeToken,
          ),
          'scorecard',
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/scorecards/{scorecardId}/reopen',
      run: () =>
        post(`${c()}/judging/scorecards/${ids.scorecard}/reopen`, {
          reason: 'Giám khảo xin sửa lại điểm',
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/entries/{entryId}/recuse',
      run: () =>
        post(
          `${c()}/judging/entries/${ids.entry}/recuse`,
          { reason: 'Tôi có người thân trong đội thi' },
          ids.judgeToken,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/conflicts',
      run: () =>
        post(`${c()}/judging/conflicts`, {
          judgeId: ids.judgeUser,
          entryId: ids.entry,
          reason: 'Xác nhận xung đột lợi ích',
        }),
    },
    {
      route: 'PUT /api/contests/{contestId}/judging/entries/{entryId}/scorecard',
      // + the first sign-in changes the temporary password (its own audit row)
      rows: 2,
      run: async () => {
        ids.judge2Token = await t.login('kt.judge2', ids.judge2Password);
        return put(
          `${c()}/judging/entries/${ids.entry}/scorecard`,
          {
            scores: { novelty: 12, usefulness: 13, practicality: 14, breakthrough: 11, quality: 8 },
          },
          ids.judge2Token,
        );
      },
    },
    {
      route: 'POST /api/contests/{contestId}/judging/entries/{entryId}/scorecard/submit',
      run: () =>
        post(
          `${c()}/judging/entries/${ids.entry}/scorecard/submit`,
          { version: 1 },
          ids.judge2Token,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/judging/close',
      run: () => post(`${c()}/judging/close`, { reason: 'Kết thúc theo kế hoạch của BTC' }),
    },
    {
      route: 'POST /api/contests/{contestId}/final/setup',
      run: () => post(`${c()}/final/setup`, { seed: 'kiem-toan' }),
    },
    {
      route: 'POST /api/contests/{contestId}/final/live',
      run: () =>
        post(`${c()}/final/live`, { entryId: ids.entry, partCode: 'presentation', version: 1 }),
    },
    {
      route: 'PUT /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}',
      run: () =>
        put(
          `${c()}/final/entries/${ids.entry}/parts/presentation`,
          { points: 40 },
          ids.judge2Token,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}/submit',
      run: () =>
        post(
          `${c()}/final/entries/${ids.entry}/parts/presentation/submit`,
          { version: 1 },
          ids.judge2Token,
        ),
    },
    {
      route: 'POST /api/contests/{contestId}/final/nominations',
      run: () =>
        post(
          `${c()}/final/nominations`,
          { kind: 'collective', partCode: 'presentation', entryId: ids.entry },
          ids.judge2Token,
        ),
    },
    ...(['debate', 'questions'] as const).flatMap((part) => [
      {
        route: 'PUT /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}',
        run: () =>
          put(`${c()}/final/entries/${ids.entry}/parts/${part}`, { points: 15 }, ids.judge2Token),
      },
      {
        route: 'POST /api/contests/{contestId}/final/entries/{entryId}/parts/{partCode}/submit',
        run: () =>
          post(
            `${c()}/final/entries/${ids.entry}/parts/${part}/submit`,
            { version: 1 },
            ids.judge2Token,
          ),
      },
    ]),
    {
      route: 'POST /api/contests/{contestId}/final/reveal',
      run: () =>
        post(`${c()}/final/reveal`, {
          entryId: ids.entry,
          partCode: 'presentation',
          revealed: true,
          version: 2,
        }),
    },
    {
      route: 'PUT /api/contests/{contestId}/results/awards',
      run: () =>
        put(`${c()}/results/awards`, {
          side: [],
          sponsor: [],
          notAwarded: [
            { prizeCode: 'phu_ca_nhan', reason: 'Không có đề cử cá nhân nào.' },
            { prizeCode: 'phu_tap_the', reason: 'Không có đề cử tập thể nào.' },
          ],
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/results/freeze',
      run: () => post(`${c()}/results/freeze`, {}),
    },
    {
      route: 'POST /api/contests/{contestId}/accounts',
      run: async () => {
        const res = await post(`${c()}/accounts`, {
          username: 'kt.btc',
          displayName: 'Thư ký Ban tổ chức',
          role: 'organiser',
        });
        ids.btcPassword = res.body.temporaryPassword;
        return res;
      },
    },
    {
      // publication also moves the contest to "results published": two rows
      route: 'POST /api/contests/{contestId}/results/versions/{version}/approve',
      // + the first sign-in changes the temporary password (its own audit row)
      rows: 3,
      run: async () => {
        ids.btcToken = await t.login('kt.btc', ids.btcPassword);
        return post(`${c()}/results/versions/1/approve`, {}, ids.btcToken);
      },
    },
    {
      route: 'PUT /api/contests/{contestId}/results/awards',
      run: () =>
        put(`${c()}/results/awards`, {
          side: [{ prizeCode: 'phu_tap_the', entryId: ids.entry }],
          sponsor: [],
          notAwarded: [{ prizeCode: 'phu_ca_nhan', reason: 'Không có đề cử cá nhân nào.' }],
        }),
    },
    {
      route: 'POST /api/contests/{contestId}/results/freeze',
      run: () => post(`${c()}/results/freeze`, { reason: 'Đính chính: bổ sung giải phụ tập thể' }),
    },
    {
      // the award ceremony on the live board (issue 26), once the results are published
      route: 'POST /api/contests/{contestId}/final/ceremony',
      run: async () => {
        const { version } = (await t.http.get(`${c()}/final`).set(bearer(admin))).body as {
          version: number;
        };
        return post(`${c()}/final/ceremony`, { action: 'start', version });
      },
    },
    {
      route: 'POST /api/contests/{contestId}/results/versions/{version}/reject',
      run: () =>
        post(
          `${c()}/results/versions/2/reject`,
          { reason: 'Ban tổ chức chưa thống nhất giải phụ' },
          ids.btcToken,
        ),
    },
    {
      route: 'PUT /api/contests/{contestId}/notifications/people/{userId}/address',
      run: () =>
        put(`${c()}/notifications/people/${ids.judgeUser}/address`, { email: 'gk@example.vn' }),
    },
    {
      route: 'PUT /api/notifications/settings',
      run: () => put('/api/notifications/settings', { reminders: false }, team),
    },
    {
      route: 'POST /api/notifications/{notificationId}/read',
      run: async () => {
        const mine = await t.http.get('/api/notifications').set(bearer(team));
        return post(`/api/notifications/${mine.body.items[0].id}/read`, {}, team);
      },
    },
    {
      route: 'POST /api/notifications/read-all',
      run: () => post('/api/notifications/read-all', {}, team),
    },
    {
      route: 'POST /api/auth/password',
      run: () =>
        post('/api/auth/password', {
          currentPassword: t.password('admin'),
          newPassword: 'mat-khau-quan-tri-moi',
        }),
    },
  ];

  function keep(res: Response, name: string) {
    if (res.body?.id) ids[name] = res.body.id;
    return res;
  }

  it('covers every mutating route (login, previews and OPTIONS change nothing)', () => {
    const mutating = Object.keys(ACCESS_MATRIX).filter(
      (r) =>
        !/^(GET|HEAD|OPTIONS) /.test(r) &&
        !READ_ONLY_POSTS.includes(r) &&
        !(r in COVERED_ELSEWHERE),
    );
    expect([...new Set(calls.map((x) => x.route))].sort()).toEqual(mutating.sort());
  });

  it('each mutating call writes its audit rows in the same transaction: actor, action, after-state', async () => {
    ids.outlineBody = pdf().toString('latin1');
    await patch('/api/contests/00000000-0000-4000-8000-000000000000', {}); // warm-up, 404
    for (const [i, call] of calls.entries()) {
      if (call.route.includes('post-url')) {
        await patch(c(), { fanpageUrl: 'https://www.facebook.com/trang-hoi-thi' }).expect(200);
      }
      const before = await count();
      const res = await call.run();
      expect({
        i,
        route: call.route,
        ok: res.status < 300,
        body: res.status < 300 ? null : res.body,
      }).toEqual({
        i,
        route: call.route,
        ok: true,
        body: null,
      });
      expect({ i, route: call.route, rows: (await count()) - before }).toEqual({
        i,
        route: call.route,
        rows: call.rows ?? 1,
      });
      const last = (await t.sql.query(`SELECT * FROM audit_log ORDER BY id DESC LIMIT 1`)).rows[0];
      // the display name (full name and role), never the login name
      expect(last.actor_name).toMatch(
        /^(Quản trị hệ thống|Giám khảo( 2)? \(BGK\)|Đội 1 \(Đội thi\)|Thư ký Ban tổ chức \(BTC\))$/,
      );
      expect(last.action).toMatch(/^[a-z_.]+$/);
      expect(last.created_at).toBeInstanceOf(Date);
    }
  }, 240_000); // every mutating route, one after another: minutes on a loaded machine

  it('a failed change writes no audit row and changes nothing', async () => {
    const token = await t.login('admin', 'mat-khau-quan-tri-moi');
    const before = await count();
    const res = await t.http
      .post(`${c()}/teams`)
      .set(bearer(token))
      .send({ number: 1, name: 'Trùng số', unitId: ids.unit });
    expect(res.status).toBe(409);
    expect(await count()).toBe(before);
  });

  it('records before and after for updates and never stores secrets', async () => {
    const row = (
      await t.sql.query(`SELECT before, after FROM audit_log WHERE action = 'unit.update'`)
    ).rows[0];
    expect(row.before.name).toBe('UBND xã Tân Thành');
    expect(row.after.name).toBe('UBND xã Tân Thành (mới)');
    const all = (
      await t.sql.query(
        `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS t FROM audit_log`,
      )
    ).rows
      .map((r) => r.t)
      .join('');
    expect(all).not.toMatch(/argon2|password_hash|passwordHash|temporaryPassword/);
  });

  it('lists a contest audit trail for organisers, newest first, with paging', async () => {
    const token = await t.login('admin', 'mat-khau-quan-tri-moi');
    const page = await t.http.get(`${c()}/audit?limit=3`).set(bearer(token));
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(3);
    expect(Number(page.body[0].id)).toBeGreaterThan(Number(page.body[2].id));
    const next = await t.http
      .get(`${c()}/audit?limit=3&before=${page.body[2].id}`)
      .set(bearer(token));
    expect(Number(next.body[0].id)).toBeLessThan(Number(page.body[2].id));
    expect((await t.http.get(`${c()}/audit?limit=abc`).set(bearer(token))).status).toBe(400);
  });
});
