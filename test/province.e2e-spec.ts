import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The province administrator's desk: every contest of a year with its figures and what needs
 * attention, and a new contest started from an old one's rules.
 */
describe('province: contests of a year, copying a contest', () => {
  let t: TestApp;
  let admin: string;
  let demoId: string;
  const thisYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId: demoId } = await publishDemoEntries(t));
  });
  afterAll(() => t?.close());

  const overview = async (query = '') => {
    const res = await t.http.get(`/api/province/contests${query}`).set(bearer(admin));
    expect(res.status).toBe(200);
    return res.body as {
      year: number;
      years: number[];
      contests: {
        id: string;
        name: string;
        status: string;
        entries: Record<string, number>;
        teams: number;
        judges: number;
        scorecards: { submitted: number; expected: number };
        dates: Record<string, string | null>;
        attention: { code: string; level: string; message: string; section: string }[];
      }[];
    };
  };

  it('copies the rules, rubric and prize table into a new draft contest, audited, nothing else', async () => {
    await t.sql.query(
      `UPDATE contests SET rules = jsonb_set(rules, '{dates,judgingDeadline}', '"2022-09-20T17:00"')
        WHERE id = $1`,
      [demoId],
    );
    const source = (await t.http.get(`/api/contests/${demoId}`).set(bearer(admin))).body;
    const res = await t.http.post(`/api/province/contests/${demoId}/copy`).set(bearer(admin)).send({
      slug: 'nga-bay-2023',
      name: 'Hội thi Mô hình, sáng kiến CCHC thành phố Ngã Bảy năm 2023',
    });
    expect(res.status).toBe(201);
    const created = res.body;
    expect(created).toMatchObject({
      slug: 'nga-bay-2023',
      status: 'draft',
      fanpageUrl: null,
      description: '',
      rulesVersion: 1,
    });
    const { dates, ...rest } = created.rules;
    const { dates: sourceDates, ...sourceRest } = source.rules;
    expect(rest).toEqual(sourceRest); // rubric, aggregation, final parts, tie-break, prizes…
    expect(rest.prizes.length).toBeGreaterThan(0);
    expect(rest.judging.criteria.length).toBeGreaterThan(0);
    expect(dates).toEqual({
      ...sourceDates,
      submissionDeadline: null,
      interactionCutoff: null,
      judgingDeadline: null,
    });
    for (const table of ['units', 'teams', 'contest_members', 'entries', 'judge_assignments']) {
      const { rows } = await t.sql.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE contest_id = $1`,
        [created.id],
      );
      expect([table, rows[0].n]).toEqual([table, 0]);
    }
    const audit = await t.sql.query(
      `SELECT action, after FROM audit_log WHERE contest_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['contest.create', 'contest.copy']);
    expect(audit.rows[1].after.copiedFrom).toEqual({
      contestId: demoId,
      name: source.name,
      rulesVersion: source.rulesVersion,
    });
    // the source is untouched
    const after = (await t.http.get(`/api/contests/${demoId}`).set(bearer(admin))).body;
    expect(after.rules).toEqual(source.rules);
  });

  it('refuses a taken slug, an unknown source and a bad body with clear errors; only admins may copy', async () => {
    const taken = await t.http
      .post(`/api/province/contests/${demoId}/copy`)
      .set(bearer(admin))
      .send({ slug: 'nga-bay-2023', name: 'Lần nữa' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'SLUG_TAKEN', details: [{ field: 'slug' }] });
    const unknown = await t.http
      .post('/api/province/contests/00000000-0000-4000-8000-000000000999/copy')
      .set(bearer(admin))
      .send({ slug: 'khong-co', name: 'Không có nguồn' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CONTEST_NOT_FOUND');
    const bad = await t.http
      .post(`/api/province/contests/${demoId}/copy`)
      .set(bearer(admin))
      .send({ slug: 'Có Dấu', name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'name',
      'slug',
    ]);
    const organiser = await t.login('btc.thuky');
    await t.http
      .post(`/api/province/contests/${demoId}/copy`)
      .set(bearer(organiser))
      .send({ slug: 'cua-btc', name: 'Ban tổ chức tự tạo' })
      .expect(403);
    await t.http.get('/api/province/contests').set(bearer(organiser)).expect(403);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM contests`);
    expect(rows[0].n).toBe(2);
  });

  it('shows every contest of the year with its status, dates, counts and what needs attention', async () => {
    // the demo is judging: one judge has submitted one card, the deadline is in 10 hours
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [demoId]);
    await t.http
      .post(`/api/contests/${demoId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    const judge = await t.login('gk.nguyen');
    const [first] = (
      await t.http.get(`/api/contests/${demoId}/judging/assignments`).set(bearer(judge))
    ).body as { entryId: string }[];
    const card = `/api/contests/${demoId}/judging/entries/${first!.entryId}/scorecard`;
    const saved = await t.http
      .put(card)
      .set(bearer(judge))
      .send({
        scores: { novelty: 10, usefulness: 12, practicality: 12, breakthrough: 11, quality: 8 },
      })
      .expect(200);
    await t.http
      .post(`${card}/submit`)
      .set(bearer(judge))
      .send({ version: saved.body.version })
      .expect(200);
    const deadline = new Date(Date.now() + 10 * 3_600_000).toISOString();
    await t.sql.query(
      `UPDATE contests SET rules = jsonb_set(rules, '{dates,judgingDeadline}', to_jsonb($2::text))
        WHERE id = $1`,
      [demoId, deadline],
    );
    // the copy gets a team whose entry waits for moderation, and an e-mail that failed
    const copy = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2023'`)).rows[0]
      .id;
    const unit = (
      await t.sql.query(
        `INSERT INTO units (contest_id, name, kind) VALUES ($1, 'Phường Lái Hiếu', 'phuong') RETURNING id`,
        [copy],
      )
    ).rows[0].id;
    const team = (
      await t.sql.query(
        `INSERT INTO teams (contest_id, number, name, unit_id) VALUES ($1, 1, 'Đội Lái Hiếu', $2) RETURNING id`,
        [copy, unit],
      )
    ).rows[0].id;
    await t.sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name) VALUES ($1, $2, 'submitted', 'Một cửa số')`,
      [copy, team],
    );
    await t.sql.query(`UPDATE contests SET status = 'moderation' WHERE id = $1`, [copy]);
    const organiser = (await t.sql.query(`SELECT id FROM users WHERE username = 'btc.thuky'`))
      .rows[0].id;
    await t.sql.query(
      `INSERT INTO notifications (contest_id, recipient_id, channel, event_type, payload, dedupe_key,
                                  status, last_response)
       VALUES ($1, $2, 'email', 'account.created', '{}', 'x', 'failed', '550 5.1.1 User unknown')`,
      [copy, organiser],
    );

    const body = await overview();
    expect(body.year).toBe(thisYear);
    expect(body.years).toEqual([thisYear]);
    expect(body.contests.map((c) => c.id).sort()).toEqual([demoId, copy].sort());
    const demo = body.contests.find((c) => c.id === demoId)!;
    const assigned = (
      await t.sql.query(`SELECT count(*)::int AS n FROM judge_assignments WHERE contest_id = $1`, [
        demoId,
      ])
    ).rows[0].n;
    expect(demo).toMatchObject({
      status: 'judging',
      teams: 9,
      judges: 5,
      entries: { total: 9, published: 9, submitted: 0 },
      scorecards: { submitted: 1, expected: assigned },
      dates: { judgingDeadline: deadline, submissionDeadline: null },
    });
    expect(assigned).toBeGreaterThan(40);
    expect(demo.attention).toEqual([
      {
        code: 'SCORECARDS_MISSING_NEAR_DEADLINE',
        level: 'danger',
        message: expect.stringMatching(
          new RegExp(
            `^Còn ${assigned - 1} phiếu chấm chưa nộp, hạn chấm \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d\\.$`,
          ),
        ),
        section: 'so-khao',
      },
    ]);
    const copied = body.contests.find((c) => c.id === copy)!;
    expect(copied).toMatchObject({
      status: 'moderation',
      teams: 1,
      judges: 0,
      entries: { total: 1, submitted: 1 },
      scorecards: { submitted: 0, expected: 0 },
    });
    expect(copied.attention.map((a) => [a.code, a.message, a.section])).toEqual([
      ['ENTRIES_AWAITING_MODERATION', '1 sản phẩm chờ kiểm duyệt.', 'kiem-duyet'],
      ['EMAILS_FAILED', '1 thư điện tử không gửi được.', 'thong-bao'],
    ]);
  });

  it('places a contest in the year of its submission deadline; other years are empty; a bad year is refused', async () => {
    const copy = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2023'`)).rows[0]
      .id;
    await t.sql.query(
      `UPDATE contests SET rules = jsonb_set(rules, '{dates,submissionDeadline}', '"2031-08-15T17:00:00+07:00"')
        WHERE id = $1`,
      [copy],
    );
    const later = await overview('?year=2031');
    expect(later.contests.map((c) => c.id)).toEqual([copy]);
    expect(later.years).toEqual([2031, thisYear]);
    expect((await overview()).contests.map((c) => c.id)).toEqual([demoId]);
    expect((await overview('?year=2019')).contests).toEqual([]);
    const bad = await t.http.get('/api/province/contests?year=hai-nghin').set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('year');
  });
});
