import { bearer, type TestApp } from './test-app';

export const FANPAGE = 'https://www.facebook.com/hoithimohinhsangkiencchcngabay';

/**
 * Fast-forwards the demo contest to "published": every team gets a published entry with its
 * fanpage post (direct SQL, as a fixture; the API path is covered by entries.e2e-spec.ts).
 */
export async function publishDemoEntries(
  t: TestApp,
): Promise<{ contestId: string; entries: { id: string; teamNumber: number; postUrl: string }[] }> {
  const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
    .rows[0].id as string;
  const teams = (
    await t.sql.query(`SELECT id, number FROM teams WHERE contest_id = $1 ORDER BY number`, [
      contestId,
    ])
  ).rows;
  const entries: { id: string; teamNumber: number; postUrl: string }[] = [];
  for (const team of teams) {
    const postUrl = `${FANPAGE}/posts/${1000 + Number(team.number)}`;
    const { rows } = await t.sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, post_url, published_at, originality_declared_at)
       VALUES ($1, $2, 'published', $3, $4, now(), now()) RETURNING id`,
      [contestId, team.id, `Mô hình của đội ${team.number}`, postUrl],
    );
    entries.push({ id: rows[0].id, teamNumber: Number(team.number), postUrl });
  }
  await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);
  return { contestId, entries };
}

export const DEMO_JUDGES = ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo'];

/**
 * Fast-forwards the demo contest to the final: published entries, one form of fanpage counts
 * (team n: 100·n reactions, 10 shares), every judge scoring every assigned entry (team n gets
 * 10 + n mod 5 for novelty; gk.vo gives 1 more quality), and the preliminary round closed.
 * Returns the judges' tokens too.
 */
export async function reachFinal(t: TestApp) {
  const admin = await t.login('admin');
  const { contestId, entries } = await publishDemoEntries(t);
  const api = `/api/contests/${contestId}`;
  await t.http
    .post(`${api}/interactions/form`)
    .set(bearer(admin))
    .send({
      takenAt: '2022-08-30T10:00:00+07:00',
      counts: entries.map((e) => ({ entryId: e.id, reactions: 100 * e.teamNumber, shares: 10 })),
    })
    .expect(201);
  await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
  await t.http.post(`${api}/judging/assignments/all`).set(bearer(admin)).expect(200);
  const judges: Record<string, string> = {};
  for (const username of DEMO_JUDGES) judges[username] = await t.login(username);
  for (const [username, token] of Object.entries(judges)) {
    const mine = await t.http.get(`${api}/judging/assignments`).set(bearer(token));
    for (const a of mine.body as { entryId: string }[]) {
      const n = entries.find((e) => e.id === a.entryId)!.teamNumber;
      const scores = {
        novelty: 10 + (n % 5),
        usefulness: 12,
        practicality: 12,
        breakthrough: 11,
        quality: username === 'gk.vo' ? 9 : 8,
      };
      const saved = await t.http
        .put(`${api}/judging/entries/${a.entryId}/scorecard`)
        .set(bearer(token))
        .send({ scores });
      await t.http
        .post(`${api}/judging/entries/${a.entryId}/scorecard/submit`)
        .set(bearer(token))
        .send({ version: saved.body.version })
        .expect(200);
    }
  }
  await t.http.post(`${api}/judging/close`).set(bearer(admin)).send({}).expect(200);
  return { admin, contestId, entries, judges };
}

/**
 * The organisers choose the trimmed-mean option for both rounds (drop the highest and the
 * lowest total from five judges up), before judging starts. The default is the plain mean:
 * suites whose hand-worked figures exercise the option call this first.
 */
export async function chooseTrimmedMean(t: TestApp, contestId: string): Promise<void> {
  const admin = await t.login('admin');
  const current = await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin));
  const rules = current.body.rules as {
    judging: { aggregation: object };
    final: { aggregation: object };
  };
  const trimmed = { kind: 'trimmedMean', minJudges: 5 };
  rules.judging.aggregation = trimmed;
  rules.final.aggregation = trimmed;
  await t.http
    .put(`/api/contests/${contestId}/rules`)
    .set(bearer(admin))
    .send({ rules, rulesVersion: current.body.rulesVersion })
    .expect(200);
}

/**
 * The organisers switch the judges' points to a normalisation (panel judging) once judging
 * has started: a rules amendment, with its reason.
 */
export async function amendNormalisation(
  t: TestApp,
  contestId: string,
  normalisation: 'none' | 'zScore' | 'meanCentering',
): Promise<void> {
  const admin = await t.login('admin');
  const current = await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin));
  const rules = current.body.rules as { judging: { normalisation?: string } };
  rules.judging.normalisation = normalisation;
  await t.http
    .post(`/api/contests/${contestId}/rules/amendments`)
    .set(bearer(admin))
    .send({
      rules,
      rulesVersion: current.body.rulesVersion,
      reason: 'Chấm theo tiểu ban: chuẩn hoá điểm giám khảo.',
    })
    .expect(201);
}
