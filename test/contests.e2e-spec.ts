import { runMigrations } from '../src/database/data-source';
import { SeedService } from '../src/seed/seed.service';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('contests, lifecycle and rules', () => {
  let t: TestApp;
  let admin: string;
  let demoId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    demoId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0].id;
  });
  afterAll(() => t?.close());

  const createContest = async (slug: string, extra: object = {}) => {
    const res = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug, name: `Hội thi ${slug}`, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string; rulesVersion: number };
  };

  it('seeds the demo contest of Ngã Bảy with units, 9 teams with members and 5 judges', async () => {
    const contest = await t.http.get(`/api/contests/${demoId}`).set(bearer(admin));
    expect(contest.body.name).toBe(
      'Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy lần thứ 1 - năm 2022',
    );
    const teams = await t.http.get(`/api/contests/${demoId}/teams`).set(bearer(admin));
    expect(teams.body).toHaveLength(9);
    const team5 = teams.body.find((x: { number: number }) => x.number === 5);
    expect(team5.unitName).toBe('Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành');
    expect(team5.members.filter((m: { isLeader: boolean }) => m.isLeader)).toHaveLength(1);
    const accounts = await t.http.get(`/api/contests/${demoId}/accounts`).set(bearer(admin));
    const roles = accounts.body.map((a: { role: string }) => a.role);
    expect(roles.filter((r: string) => r === 'judge')).toHaveLength(5);
    expect(roles.filter((r: string) => r === 'team')).toHaveLength(9);
    const rules = await t.http.get(`/api/contests/${demoId}/rules`).set(bearer(admin));
    expect(rules.body.rules.judging.maxPoints).toBe(70);
    expect(rules.body.rules.interaction.maxPoints).toBe(30);
  });

  it('walks the lifecycle forward one step at a time, each step audited', async () => {
    const contest = await createContest('vong-doi');
    const steps = [
      'registration',
      'submission',
      'moderation',
      'published',
      'judging',
      'final',
      'results_published',
      'archived',
    ];
    for (const to of steps) {
      // the preliminary round ends through "close judging", which checks the scorecards
      const res =
        to === 'final'
          ? await t.http
              .post(`/api/contests/${contest.id}/judging/close`)
              .set(bearer(admin))
              .send({})
          : await t.http
              .post(`/api/contests/${contest.id}/transitions`)
              .set(bearer(admin))
              .send({ to });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
    }
    const audit = await t.sql.query(
      `SELECT before->>'status' AS "from", after->>'status' AS "to" FROM audit_log
       WHERE contest_id = $1 AND action IN ('contest.transition', 'judging.close') ORDER BY id`,
      [contest.id],
    );
    expect(audit.rows.map((r) => r.to)).toEqual(steps);
    expect(audit.rows[0].from).toBe('draft');
  });

  it('refuses skipping a step with 409 and lists the allowed moves', async () => {
    const contest = await createContest('nhay-buoc');
    const res = await t.http
      .post(`/api/contests/${contest.id}/transitions`)
      .set(bearer(admin))
      .send({ to: 'judging' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
    expect(res.body.allowed).toEqual(['registration']);
  });

  it('going back a step needs a reason', async () => {
    const contest = await createContest('quay-lai');
    await t.http
      .post(`/api/contests/${contest.id}/transitions`)
      .set(bearer(admin))
      .send({ to: 'registration' });
    const noReason = await t.http
      .post(`/api/contests/${contest.id}/transitions`)
      .set(bearer(admin))
      .send({ to: 'draft' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const withReason = await t.http
      .post(`/api/contests/${contest.id}/transitions`)
      .set(bearer(admin))
      .send({ to: 'draft', reason: 'Bổ sung thể lệ theo chỉ đạo' });
    expect(withReason.status).toBe(200);
  });

  it('rejects a rules document whose criteria do not add up to the judges maximum, naming the field', async () => {
    const contest = await createContest('the-le-sai');
    const { body } = await t.http.get(`/api/contests/${contest.id}/rules`).set(bearer(admin));
    const rules = structuredClone(body.rules);
    rules.judging.criteria[0].maxPoints += 5;
    const res = await t.http
      .put(`/api/contests/${contest.id}/rules`)
      .set(bearer(admin))
      .send({ rules });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_RULES');
    expect(res.body.details.map((d: { field: string }) => d.field).join(' ')).toMatch(
      /rules\.judging/,
    );
  });

  it.each([
    ['negative prize count', (r: Rules) => (r.prizes[0]!.count = -1), /rules\.prizes\[0\]\.count/],
    [
      'unknown formula',
      (r: Rules) => (r.interaction.formula = { kind: 'magic' }),
      /rules\.interaction\.formula/,
    ],
    ['unknown field', (r: Rules) => ((r as unknown as Record<string, unknown>).bonus = 1), /rules/],
    [
      'money with decimals',
      (r: Rules) => (r.prizes[0]!.amountVnd = 6000000.5),
      /rules\.prizes\[0\]\.amountVnd/,
    ],
  ])('rejects rules with %s', async (_name, mutate, field) => {
    const contest = await createContest(`the-le-${Math.random().toString(36).slice(2, 8)}`);
    const { body } = await t.http.get(`/api/contests/${contest.id}/rules`).set(bearer(admin));
    const rules = structuredClone(body.rules) as Rules;
    mutate(rules);
    const res = await t.http
      .put(`/api/contests/${contest.id}/rules`)
      .set(bearer(admin))
      .send({ rules });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).join(' ')).toMatch(field);
    const stored = await t.http.get(`/api/contests/${contest.id}/rules`).set(bearer(admin));
    expect(stored.body.rulesVersion).toBe(1);
  });

  it('keeps every rules version; after judging starts only an amendment with a reason changes them', async () => {
    const contest = await createContest('sua-doi');
    const { body } = await t.http.get(`/api/contests/${contest.id}/rules`).set(bearer(admin));
    const rules = structuredClone(body.rules);
    rules.finalists = { kind: 'topN', n: 6 };
    const put = await t.http
      .put(`/api/contests/${contest.id}/rules`)
      .set(bearer(admin))
      .send({ rules, rulesVersion: 1 });
    expect(put.status).toBe(200);
    expect(put.body.rulesVersion).toBe(2);
    const stale = await t.http
      .put(`/api/contests/${contest.id}/rules`)
      .set(bearer(admin))
      .send({ rules, rulesVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_RULES_VERSION');

    for (const to of ['registration', 'submission', 'moderation', 'published', 'judging']) {
      await t.http
        .post(`/api/contests/${contest.id}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    rules.finalists = { kind: 'topN', n: 7 };
    const locked = await t.http
      .put(`/api/contests/${contest.id}/rules`)
      .set(bearer(admin))
      .send({ rules });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('RULES_LOCKED');
    const noReason = await t.http
      .post(`/api/contests/${contest.id}/rules/amendments`)
      .set(bearer(admin))
      .send({ rules });
    expect(noReason.status).toBe(400);
    const amended = await t.http
      .post(`/api/contests/${contest.id}/rules/amendments`)
      .set(bearer(admin))
      .send({ rules, reason: 'BTC quyết định lấy 7 đội vào chung khảo (biên bản họp 01/09/2022)' });
    expect(amended.status).toBe(201);
    expect(amended.body.rulesVersion).toBe(3);
    const history = await t.http
      .get(`/api/contests/${contest.id}/rules/versions`)
      .set(bearer(admin));
    expect(history.body.map((v: { kind: string }) => v.kind)).toEqual([
      'amendment',
      'edit',
      'initial',
    ]);
    expect(history.body[0].reason).toMatch(/7 đội/);
  });

  it("defaults both rounds to the plain mean of the judges' totals, the demo contest too", async () => {
    const fresh = await createContest('mac-dinh-trung-binh');
    for (const id of [fresh.id, demoId]) {
      const res = await t.http.get(`/api/contests/${id}/rules`).set(bearer(admin));
      expect(res.body.rules.judging.aggregation).toEqual({ kind: 'mean' });
      expect(res.body.rules.final.aggregation).toEqual({ kind: 'mean' });
    }
  });

  it('keeps the rules a contest stored before the default changed (trimmed mean stays)', async () => {
    // What a contest created with the earlier default holds in the database.
    const old = await createContest('mac-dinh-cu');
    await t.sql.query(
      `UPDATE contests SET rules = jsonb_set(jsonb_set(rules,
         '{judging,aggregation}', '{"kind":"trimmedMean","minJudges":5}'),
         '{final,aggregation}', '{"kind":"trimmedMean","minJudges":5}') WHERE id = $1`,
      [old.id],
    );
    // What the next start does on this database: the migrations, then the seed.
    await runMigrations(t.settings.migrationDatabaseUrl);
    await t.app.get(SeedService).run();
    const res = await t.http.get(`/api/contests/${old.id}/rules`).set(bearer(admin));
    expect(res.body.rules.judging.aggregation).toEqual({ kind: 'trimmedMean', minJudges: 5 });
    expect(res.body.rules.final.aggregation).toEqual({ kind: 'trimmedMean', minJudges: 5 });
    expect(res.body.rulesVersion).toBe(old.rulesVersion);
  });

  it('updates contest details with an optimistic version check', async () => {
    const contest = await createContest('chi-tiet');
    const ok = await t.http
      .patch(`/api/contests/${contest.id}`)
      .set(bearer(admin))
      .send({ name: 'Tên mới của hội thi', version: 1 });
    expect(ok.status).toBe(200);
    const stale = await t.http
      .patch(`/api/contests/${contest.id}`)
      .set(bearer(admin))
      .send({ name: 'Tên khác', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
  });

  it('keeps when and where the final takes place (validated, audited, shown to the public)', async () => {
    const contest = await createContest('chung-khao-o-dau');
    const bad = await t.http
      .patch(`/api/contests/${contest.id}`)
      .set(bearer(admin))
      .send({ finalAt: '20/12/2026 08:00', finalVenue: 'x'.repeat(301) });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'finalAt',
      'finalVenue',
    ]);
    expect(bad.body.details[0].message).toMatch(/chung khảo/);
    const set = await t.http
      .patch(`/api/contests/${contest.id}`)
      .set(bearer(admin))
      .send({ finalAt: '2026-12-20T08:00:00+07:00', finalVenue: '  Hội trường UBND  ' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      finalAt: '2026-12-20T01:00:00.000Z',
      finalVenue: 'Hội trường UBND',
    });
    const audit = await t.sql.query(
      `SELECT before, after FROM audit_log
        WHERE action = 'contest.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [contest.id],
    );
    expect(audit.rows[0].before).toMatchObject({ finalAt: null, finalVenue: null });
    expect(audit.rows[0].after).toMatchObject({
      finalAt: '2026-12-20T01:00:00.000Z',
      finalVenue: 'Hội trường UBND',
    });
    // citizens read it with the published entries (the results page before publication)
    await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contest.id]);
    const pub = await t.http.get(`/api/public/contests/chung-khao-o-dau/entries`).expect(200);
    expect(pub.body.contest).toMatchObject({
      finalAt: '2026-12-20T01:00:00.000Z',
      finalVenue: 'Hội trường UBND',
    });
    // null (or a blank place) clears it; the other details stay
    const cleared = await t.http
      .patch(`/api/contests/${contest.id}`)
      .set(bearer(admin))
      .send({ finalAt: null, finalVenue: ' ' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      finalAt: null,
      finalVenue: null,
      name: 'Hội thi chung-khao-o-dau',
    });
  });

  it('refuses a duplicate slug with 409', async () => {
    await createContest('trung-ten');
    const res = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'trung-ten', name: 'Hội thi khác' });
    expect(res.status).toBe(409);
    expect(res.body.details[0].field).toBe('slug');
  });
});

type Rules = {
  prizes: { count: number; amountVnd: number }[];
  interaction: { formula: { kind: string } };
  judging: { criteria: { maxPoints: number }[] };
};
