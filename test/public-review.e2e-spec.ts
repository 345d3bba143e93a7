import { FANPAGE } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** What citizens may see of a contest, and the reasons the organisers must give. */
describe('public view and contest state (review)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
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
  const transition = (id: string, body: object) =>
    t.http.post(`/api/contests/${id}/transitions`).set(bearer(admin)).send(body);

  it('a draft contest does not exist for citizens (its name and venue stay with the organisers)', async () => {
    const contest = await createContest('ban-nhap-bi-mat', {
      fanpageUrl: 'https://www.facebook.com/banhapbimat',
    });
    const res = await t.http.get('/api/public/contests/ban-nhap-bi-mat/entries');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CONTEST_NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain('Hội thi ban-nhap-bi-mat');
    // once announced (registration), the page exists and says nothing is published yet
    await transition(contest.id, { to: 'registration' }).expect(200);
    const announced = await t.http.get('/api/public/contests/ban-nhap-bi-mat/entries').expect(200);
    expect(announced.body.entries).toEqual([]);
  });

  it('a blank reason is no reason: going back and amending the rules need real words', async () => {
    const contest = await createContest('ly-do-trong');
    await transition(contest.id, { to: 'registration' }).expect(200);
    const blankBack = await transition(contest.id, { to: 'draft', reason: '      ' });
    expect(blankBack.status).toBe(400);
    expect(blankBack.body.details[0].field).toBe('reason');
    for (const to of ['submission', 'moderation', 'published', 'judging'])
      await transition(contest.id, { to }).expect(200);
    const rules = (await t.http.get(`/api/contests/${contest.id}/rules`).set(bearer(admin))).body
      .rules;
    const blank = await t.http
      .post(`/api/contests/${contest.id}/rules/amendments`)
      .set(bearer(admin))
      .send({ rules, reason: ' '.repeat(12) });
    expect(blank.status).toBe(400);
    const history = await t.http
      .get(`/api/contests/${contest.id}/rules/versions`)
      .set(bearer(admin));
    expect(history.body).toHaveLength(1);
  });
  it('entries are published only all at once: a bare transition neither skips publish-all nor the results approval', async () => {
    const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id as string;
    const teams = (
      await t.sql.query(`SELECT id, number FROM teams WHERE contest_id = $1 ORDER BY number`, [
        contestId,
      ])
    ).rows;
    for (const team of teams.slice(0, 3))
      await t.sql.query(
        `INSERT INTO entries (contest_id, team_id, status, name, post_url, originality_declared_at)
         VALUES ($1, $2, 'approved', $3, $4, now())`,
        [contestId, team.id, `Mô hình của đội ${team.number}`, `${FANPAGE}/posts/${team.number}`],
      );
    await t.sql.query(`UPDATE contests SET status = 'moderation' WHERE id = $1`, [contestId]);
    const bare = await transition(contestId, { to: 'published' });
    expect(bare.status).toBe(409);
    expect(bare.body.code).toBe('USE_PUBLISH_ALL');
    const statuses = await t.sql.query(
      `SELECT DISTINCT status FROM entries WHERE contest_id = $1`,
      [contestId],
    );
    expect(statuses.rows).toEqual([{ status: 'approved' }]);
    const all = await t.http.post(`/api/contests/${contestId}/publish-all`).set(bearer(admin));
    expect(all.status).toBe(200);
    expect(all.body.published).toBe(3);

    // the final is over: the results reach the public only frozen and approved by a second organiser
    await t.sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
    const skip = await transition(contestId, { to: 'results_published' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('USE_PUBLISH_RESULTS');
    const contest = await t.sql.query(`SELECT status FROM contests WHERE id = $1`, [contestId]);
    expect(contest.rows[0].status).toBe('final');
  });
});
