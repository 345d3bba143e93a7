import { FANPAGE } from './support/fixtures';
import { submitNineEntries } from './support/nine-teams';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Publication is one instant for every approved entry. An entry approved after it would be
 * judgeable ("approved") yet never published: citizens would never see it, and no second
 * publication exists to catch it up. So moderation closes when the entries are published.
 */
describe('moderation after publication', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const api = (path: string) => `/api/contests/${contestId}${path}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
  });
  afterAll(() => t?.close());

  const transition = (to: string) =>
    t.http.post(api('/transitions')).set(bearer(admin)).send({ to }).expect(200);

  it('refuses to approve or return an entry once the entries are published', async () => {
    await transition('registration');
    await transition('submission');
    await submitNineEntries(t, contestId, 10_000);
    await transition('moderation');
    const ids = (
      await t.sql.query(
        `SELECT e.id, t.number FROM entries e JOIN teams t ON t.id = e.team_id
          WHERE e.contest_id = $1 ORDER BY t.number`,
        [contestId],
      )
    ).rows.map((r) => r.id as string);
    await t.http
      .post(api(`/entries/${ids[0]}/approve`))
      .set(bearer(admin))
      .send({})
      .expect(200);
    await t.http
      .put(api(`/entries/${ids[0]}/post-url`))
      .set(bearer(admin))
      .send({ postUrl: `${FANPAGE}/posts/1001` })
      .expect(200);
    await t.http.post(api('/publish-all')).set(bearer(admin)).expect(200);

    const late = await t.http
      .post(api(`/entries/${ids[1]}/approve`))
      .set(bearer(admin))
      .send({});
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('MODERATION_CLOSED');
    const bulk = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds: [ids[2]] });
    expect(bulk.status).toBe(409);
    expect(bulk.body.code).toBe('MODERATION_CLOSED');
    const returned = await t.http
      .post(api(`/entries/${ids[3]}/return`))
      .set(bearer(admin))
      .send({ reasons: ['Video chưa nêu lợi ích của mô hình'] });
    expect(returned.status).toBe(409);
    expect(returned.body.code).toBe('MODERATION_CLOSED');

    const statuses = await t.sql.query(
      `SELECT status, count(*)::int AS n FROM entries WHERE contest_id = $1 GROUP BY status ORDER BY status`,
      [contestId],
    );
    expect(statuses.rows).toEqual([
      { status: 'published', n: 1 },
      { status: 'submitted', n: 8 },
    ]);
    const pub = await t.http.get('/api/public/contests/nga-bay-2022/entries').expect(200);
    expect(pub.body.entries).toHaveLength(1);
  }, 120_000);
});
