import { Client } from 'pg';
import { publishDemoEntries, reachFinal } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The path of a score from a tablet to the stored row, where it can go wrong after the
 * preliminary round is closed and during the final: races between two tablets of one judge,
 * and organiser actions that would leave a score behind.
 */
describe('the path of a score (review)', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  let judges: Record<string, string>;
  const judgeId = async (username: string) =>
    (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]
      .id as string;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;
  const final = () => `/api/contests/${contestId}/final`;
  const savePart = (username: string, n: number, part: string, body: object) =>
    t.http
      .put(`${final()}/entries/${entry(n)}/parts/${part}`)
      .set(bearer(judges[username]!))
      .send(body);

  const judgeCards = async (username: string, n: number) =>
    (
      await t.sql.query(
        `SELECT part_code, points::text FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2`,
        [await judgeId(username), entry(n)],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    ({ admin, contestId, entries, judges } = await reachFinal(t));
    await t.http.post(`${final()}/setup`).set(bearer(admin)).send({ seed: 'review' }).expect(201);
  });
  afterAll(() => t?.close());

  it('an organiser cannot reopen a preliminary card once the round is closed: the submitted score stays counted', async () => {
    const card = (
      await t.sql.query(
        `SELECT id, version FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
        [await judgeId('gk.nguyen'), entry(5)],
      )
    ).rows[0] as { id: string; version: number };
    const res = await t.http
      .post(`/api/contests/${contestId}/judging/scorecards/${card.id}/reopen`)
      .set(bearer(admin))
      .send({ reason: 'Giám khảo nhập nhầm tiêu chí 3' });
    // Reopened now, the card could never be submitted again (the round does not reopen),
    // and a draft is not counted: the judge's score would silently leave the results.
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('JUDGING_CLOSED');
    const stored = await t.sql.query(`SELECT status, version FROM scorecards WHERE id = $1`, [
      card.id,
    ]);
    expect(stored.rows[0]).toEqual({ status: 'submitted', version: card.version });
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'scorecard.reopen' AND entity_id = $1`,
      [card.id],
    );
    expect(audit.rows[0].n).toBe(0);
  });

  it('two tablets of one judge create the same part score at once: one wins, the other gets 409 STALE_VERSION with the stored score', async () => {
    const results = await Promise.all([
      savePart('gk.tran', 3, 'presentation', { points: 40 }),
      savePart('gk.tran', 3, 'presentation', { points: 41 }),
      savePart('gk.tran', 3, 'presentation', { points: 42 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.code).toBe('STALE_VERSION');
      expect(loser.body.current).toMatchObject({ version: 1, points: winner.body.points });
    }
  });

  it('a part score created by another tablet while this save waits: 409 STALE_VERSION with that score, never DUPLICATE', async () => {
    const other = new Client({ connectionString: t.sqlUrl });
    await other.connect();
    try {
      // The other tablet's save is half-way: its row is written, its transaction not committed.
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO part_scorecards (contest_id, entry_id, judge_id, part_code, points)
         VALUES ($1, $2, $3, 'debate', 25)`,
        [contestId, entry(4), await judgeId('gk.le')],
      );
      const pending = savePart('gk.le', 4, 'debate', { points: 26 }).then((r) => r);
      await waitForLockWait(t);
      await other.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STALE_VERSION');
      expect(res.body.current).toMatchObject({ points: '25.00', version: 1, status: 'draft' });
    } finally {
      await other.end();
    }
    const rows = await t.sql.query(
      `SELECT points::text FROM part_scorecards WHERE entry_id = $1 AND part_code = 'debate'
          AND judge_id = $2`,
      [entry(4), await judgeId('gk.le')],
    );
    expect(rows.rows).toEqual([{ points: '25.00' }]);
  });

  it('a judge who recuses from a finalist after scoring it: their part scores count nowhere (final scores, live board, results)', async () => {
    const parts = { presentation: 40, debate: 25, questions: 15 }; // 80
    const high = { presentation: 50, debate: 30, questions: 20 }; // 100, gk.vo
    for (const username of ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo']) {
      for (const [part, points] of Object.entries(username === 'gk.vo' ? high : parts)) {
        const saved = await savePart(username, 6, part, { points });
        expect(saved.status).toBe(200);
        await t.http
          .post(`${final()}/entries/${entry(6)}/parts/${part}/submit`)
          .set(bearer(judges[username]!))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    const recused = await t.http
      .post(`/api/contests/${contestId}/judging/entries/${entry(6)}/recuse`)
      .set(bearer(judges['gk.vo']!))
      .send({ reason: 'Tôi có người thân trong đội thi số 6' });
    expect(recused.status).toBe(201);

    const scores = await t.http.get(`${final()}/scores`).set(bearer(admin)).expect(200);
    expect(scores.body.find((s: { entryId: string }) => s.entryId === entry(6))).toMatchObject({
      points: '80.00',
      judgesCounted: 4,
    });

    const { version } = (await t.http.get(final()).set(bearer(admin)).expect(200)).body;
    await t.http
      .post(`${final()}/reveal`)
      .set(bearer(admin))
      .send({ entryId: entry(6), partCode: 'presentation', revealed: true, version })
      .expect(200);
    const board = await t.http.get('/api/public/contests/nga-bay-2022/live/snapshot').expect(200);
    expect(board.body.final.parts).toContainEqual({
      entryId: entry(6),
      partCode: 'presentation',
      points: '40.00',
      judges: 4,
    });

    const results = await t.http
      .get(`/api/contests/${contestId}/results`)
      .set(bearer(admin))
      .expect(200);
    const team6 = results.body.document.teams.find(
      (team: { entryId: string }) => team.entryId === entry(6),
    );
    expect(team6.final.points).toBe('80.00');
    expect(team6.final.cards.map((c: { judgeId: string }) => c.judgeId)).not.toContain(
      await judgeId('gk.vo'),
    );
  });

  it('another tablet of the judge submitted the part: a save or submit from this one gets 409 SCORECARD_LOCKED with the stored part', async () => {
    const first = await savePart('gk.nguyen', 2, 'questions', { points: 15 });
    const other = await savePart('gk.nguyen', 2, 'questions', {
      points: 17.5,
      version: first.body.version,
    });
    const done = await t.http
      .post(`${final()}/entries/${entry(2)}/parts/questions/submit`)
      .set(bearer(judges['gk.nguyen']!))
      .send({ version: other.body.version })
      .expect(200);
    for (const late of [
      await savePart('gk.nguyen', 2, 'questions', { points: 16, version: first.body.version }),
      await t.http
        .post(`${final()}/entries/${entry(2)}/parts/questions/submit`)
        .set(bearer(judges['gk.nguyen']!))
        .send({ version: first.body.version }),
    ]) {
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SCORECARD_LOCKED');
      expect(late.body.current).toMatchObject({
        status: 'submitted',
        points: '17.50',
        version: done.body.version,
      });
    }
  });

  it('part scores as tablets may send them: numbers with up to two decimals in any spelling; text, "9,5" and a third decimal refused (400, never 500)', async () => {
    const bad = [
      { points: '9,5' },
      { points: '9.50' },
      { points: '1e1' },
      { points: 9.999 },
      { points: 1e300 },
      { points: -0.25 },
      { points: null },
      { points: [10] },
      { points: { value: 10 } },
      {},
    ];
    for (const body of bad) {
      const res = await savePart('gk.tran', 7, 'questions', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.code).toEqual(expect.any(String));
    }
    expect(await judgeCards('gk.tran', 7)).toEqual([]);
    // JSON 1e1 is the number 10, and 9.50 the number 9.5: both are exact scores
    const ten = await savePart('gk.tran', 7, 'questions', JSON.parse('{"points": 1e1}'));
    expect(ten.status).toBe(200);
    expect(ten.body.points).toBe('10.00');
    const nine = await savePart(
      'gk.tran',
      7,
      'questions',
      JSON.parse('{"points": 9.50, "version": 1}'),
    );
    expect(nine.body.points).toBe('9.50');
    expect(await judgeCards('gk.tran', 7)).toEqual([{ part_code: 'questions', points: '9.50' }]);
  });

  it('a final part replaced by an amendment: the final scores leave the old part out (not a 500)', async () => {
    await amendRules(t, contestId, 'Đổi mã phần thi trả lời câu hỏi cho thống nhất.', (rules) => {
      rules.final.parts = rules.final.parts.map((p) =>
        p.code === 'questions' ? { ...p, code: 'answers' } : p,
      );
    });
    const scores = await t.http.get(`${final()}/scores`).set(bearer(admin));
    expect(scores.status).toBe(200);
    // every judge's card of team 6 now lacks the new part: incomplete, nothing counted
    expect(scores.body.find((s: { entryId: string }) => s.entryId === entry(6))).toMatchObject({
      points: null,
      complete: false,
      judgesCounted: 0,
    });
    // one judge scores the new part: their card counts, with the parts of the rules only
    const answers = await savePart('gk.nguyen', 6, 'answers', { points: 15 });
    expect(answers.status).toBe(200);
    await t.http
      .post(`${final()}/entries/${entry(6)}/parts/answers/submit`)
      .set(bearer(judges['gk.nguyen']!))
      .send({ version: answers.body.version })
      .expect(200);
    const after = await t.http.get(`${final()}/scores`).set(bearer(admin));
    expect(after.status).toBe(200);
    expect(after.body.find((s: { entryId: string }) => s.entryId === entry(6))).toMatchObject({
      complete: false,
      judgesCounted: 1,
    });
  });

  it('a part maximum lowered by an amendment below a submitted score: the final scores say which card, 409 (not a 500)', async () => {
    await amendRules(
      t,
      contestId,
      'Điều chỉnh thang điểm phần thuyết trình và phản biện.',
      (rules) => {
        for (const p of rules.final.parts) {
          if (p.code === 'presentation') p.maxPoints = 35; // gk.nguyen gave team 6 40 points
          if (p.code === 'debate') p.maxPoints = 45;
        }
      },
    );
    const scores = await t.http.get(`${final()}/scores`).set(bearer(admin));
    expect(scores.status).toBe(409);
    expect(scores.body.code).toBe('FINAL_SCORES_INPUT_INVALID');
    expect(scores.body.engineCode).toBe('SCORE_OUT_OF_RANGE');

    // a draft above the new maximum cannot be submitted as it is: the judge lowers it first
    const draft = await t.sql.query(
      `SELECT version FROM part_scorecards WHERE judge_id = $1 AND entry_id = $2 AND part_code = 'presentation'`,
      [await judgeId('gk.tran'), entry(3)],
    );
    const submitPath = `${final()}/entries/${entry(3)}/parts/presentation/submit`;
    const refused = await t.http
      .post(submitPath)
      .set(bearer(judges['gk.tran']!))
      .send({ version: draft.rows[0].version });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('SCORE_OUT_OF_RANGE');
    const lowered = await savePart('gk.tran', 3, 'presentation', {
      points: 35,
      version: draft.rows[0].version,
    });
    expect(lowered.status).toBe(200);
    await t.http
      .post(submitPath)
      .set(bearer(judges['gk.tran']!))
      .send({ version: lowered.body.version })
      .expect(200);
  });
});

interface RubricItem {
  code: string;
  name: string;
  maxPoints: number;
}

/** The organisers amend the rules during the contest, with the reason recorded. */
async function amendRules(
  t: TestApp,
  contestId: string,
  reason: string,
  edit: (rules: { judging: { criteria: RubricItem[] }; final: { parts: RubricItem[] } }) => void,
) {
  const admin = await t.login('admin');
  const current = await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin));
  const rules = current.body.rules;
  edit(rules);
  await t.http
    .post(`/api/contests/${contestId}/rules/amendments`)
    .set(bearer(admin))
    .send({ rules, rulesVersion: current.body.rulesVersion, reason })
    .expect(201);
}

/** Until some session of the app waits for a lock (the part insert behind the open one). */
async function waitForLockWait(t: TestApp) {
  for (let i = 0; i < 200; i++) {
    const waiting = await t.sql.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting.rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the save never waited for the other tablet’s row');
}

describe('the path of a score when the rules are amended during judging (review)', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entryId: string;
  let judge: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    entryId = published.entries.find((e) => e.teamNumber === 4)!.id;
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    await t.http
      .post(`/api/contests/${contestId}/judging/assignments/all`)
      .set(bearer(admin))
      .expect(200);
    judge = await t.login('gk.nguyen');
  });
  afterAll(() => t?.close());

  it('a criterion replaced by an amendment: a draft scored on it can still be completed and submitted, without the old score', async () => {
    const card = `/api/contests/${contestId}/judging/entries/${entryId}/scorecard`;
    const draft = await t.http
      .put(card)
      .set(bearer(judge))
      .send({
        scores: { novelty: 12, usefulness: 12, practicality: 12, breakthrough: 12, quality: 9 },
      })
      .expect(200);
    expect(draft.body.total).toBe('57.00');

    // The organisers split "quality" into the video and the outline (5 points each).
    await amendRules(t, contestId, 'Tách tiêu chí chất lượng thành video và đề cương.', (rules) => {
      rules.judging.criteria = [
        ...rules.judging.criteria.filter((c) => c.code !== 'quality'),
        { code: 'video', name: 'Chất lượng video clip', maxPoints: 5 },
        { code: 'outline', name: 'Chất lượng đề cương', maxPoints: 5 },
      ];
    });

    const completed = await t.http
      .put(card)
      .set(bearer(judge))
      .send({ scores: { video: 4, outline: 4.5 }, version: draft.body.version })
      .expect(200);
    expect(completed.body.total).toBe('56.50');
    const submitted = await t.http
      .post(`${card}/submit`)
      .set(bearer(judge))
      .send({ version: completed.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', total: '56.50' });
    const stored = await t.sql.query(`SELECT scores, total::text FROM scorecards WHERE id = $1`, [
      submitted.body.id,
    ]);
    // the stored card is one the results can read: only criteria of the rules
    expect(stored.rows[0]).toEqual({
      scores: {
        novelty: '12.00',
        usefulness: '12.00',
        practicality: '12.00',
        breakthrough: '12.00',
        video: '4.00',
        outline: '4.50',
      },
      total: '56.50',
    });
  });

  it('a judge who recuses after submitting: the progress board no longer counts their card (submitted, spread, outliers)', async () => {
    const entry3 = (
      await t.sql.query(
        `SELECT e.id FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.contest_id = $1 AND t.number = 3`,
        [contestId],
      )
    ).rows[0].id as string;
    const card = `/api/contests/${contestId}/judging/entries/${entry3}/scorecard`;
    const even = (n: number) => ({
      novelty: n,
      usefulness: n,
      practicality: n,
      breakthrough: n,
      video: 4,
      outline: 4,
    });
    for (const [username, n] of [
      ['gk.tran', 12],
      ['gk.le', 13],
      ['gk.vo', 3], // 20 points: far below the others
    ] as const) {
      const token = await t.login(username);
      const saved = await t.http
        .put(card)
        .set(bearer(token))
        .send({ scores: even(n) })
        .expect(200);
      await t.http
        .post(`${card}/submit`)
        .set(bearer(token))
        .send({ version: saved.body.version })
        .expect(200);
    }
    await t.http
      .post(`/api/contests/${contestId}/judging/entries/${entry3}/recuse`)
      .set(bearer(await t.login('gk.vo')))
      .send({ reason: 'Tôi từng công tác tại đơn vị của đội số 3' })
      .expect(201);
    const progress = await t.http
      .get(`/api/contests/${contestId}/judging/progress`)
      .set(bearer(admin))
      .expect(200);
    const row = progress.body.entries.find((e: { entryId: string }) => e.entryId === entry3);
    expect(row).toMatchObject({ submitted: 2, spread: '4.00', outliers: [] });
    expect(row.submitted).toBeLessThanOrEqual(row.assigned);
  });
});
