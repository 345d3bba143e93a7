import { chooseTrimmedMean, reachFinal } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('final round (live)', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  const judges: Record<string, string> = {};
  const base = () => `/api/contests/${contestId}/final`;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;

  beforeAll(async () => {
    t = await startTestApp();
    const demo = await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`);
    await chooseTrimmedMean(t, demo.rows[0].id as string); // the figures below drop two judges
    let tokens: Record<string, string>;
    ({ admin, contestId, entries, judges: tokens } = await reachFinal(t));
    Object.assign(judges, tokens);
  });
  afterAll(() => t?.close());

  let state: {
    version: number;
    order: string[];
    drawSeed: string;
    pairing: { asker: string; answerer: string }[];
  };

  it('sets up the final from the engine selection: a seeded draw (recorded) and a debate cycle', async () => {
    const res = await t.http
      .post(`${base()}/setup`)
      .set(bearer(admin))
      .send({ seed: 'chung-khao-08-09-2022' });
    expect(res.status).toBe(201);
    state = res.body;
    expect([...state.order].sort()).toEqual(entries.map((e) => e.id).sort());
    expect(state.drawSeed).toBe('chung-khao-08-09-2022');
    expect(state.pairing).toHaveLength(9);
    expect(new Set(state.pairing.map((p) => p.answerer)).size).toBe(9);
    const again = await t.http.post(`${base()}/setup`).set(bearer(admin)).send({});
    expect(again.status).toBe(409);
    const judgeView = await t.http.get(base()).set(bearer(judges['gk.le']!));
    expect(judgeView.body.order).toEqual(state.order);
    const audit = await t.sql.query(`SELECT after FROM audit_log WHERE action = 'final.setup'`);
    expect(audit.rows[0].after.seed).toBe('chung-khao-08-09-2022');
  });

  it('the organiser drives the stage: team, part, timer; stale consoles get 409', async () => {
    const first = state.order[0]!;
    const onStage = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ entryId: first, partCode: 'presentation', version: state.version });
    expect(onStage.status).toBe(200);
    expect(onStage.body.current).toMatchObject({
      entryId: first,
      partCode: 'presentation',
      part: { name: 'Thuyết trình', maxPoints: 50 },
    });
    const started = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ timer: 'start', version: onStage.body.version });
    expect(started.body.timer.running).toBe(true);
    expect(started.body.timer.limitSeconds).toBe(600);
    const stale = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ timer: 'stop', version: onStage.body.version });
    expect(stale.status).toBe(409);
    await new Promise((r) => setTimeout(r, 30));
    const stopped = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ timer: 'stop', version: started.body.version });
    expect(stopped.body.timer.running).toBe(false);
    expect(stopped.body.timer.elapsedMs).toBeGreaterThanOrEqual(20);
    const nextPart = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ partCode: 'debate', version: stopped.body.version });
    expect(nextPart.body.timer.elapsedMs).toBe(0); // a new part starts a new clock
    const bad = await t.http
      .post(`${base()}/live`)
      .set(bearer(admin))
      .send({ partCode: 'singing', version: nextPart.body.version });
    expect(bad.status).toBe(400);
    const byJudge = await t.http
      .post(`${base()}/live`)
      .set(bearer(judges['gk.le']!))
      .send({ timer: 'start', version: 1 });
    expect(byJudge.status).toBe(403);
  });

  it('judges score each part within its maximum; a submitted part is locked', async () => {
    const e5 = entry(5);
    const over = await t.http
      .put(`${base()}/entries/${e5}/parts/debate`)
      .set(bearer(judges['gk.le']!))
      .send({ points: 31 });
    expect(over.status).toBe(400);
    expect(over.body.code).toBe('SCORE_OUT_OF_RANGE');
    const draft = await t.http
      .put(`${base()}/entries/${e5}/parts/debate`)
      .set(bearer(judges['gk.le']!))
      .send({ points: 27.5 });
    expect(draft.status).toBe(200);
    const done = await t.http
      .post(`${base()}/entries/${e5}/parts/debate/submit`)
      .set(bearer(judges['gk.le']!))
      .send({ version: draft.body.version });
    expect(done.body.status).toBe('submitted');
    const late = await t.http
      .put(`${base()}/entries/${e5}/parts/debate`)
      .set(bearer(judges['gk.le']!))
      .send({ points: 20, version: done.body.version });
    expect(late.status).toBe(409);
    const conflict = await t.http
      .put(`${base()}/entries/${entry(1)}/parts/debate`)
      .set(bearer(judges['gk.pham']!))
      .send({ points: 20 });
    expect(conflict.status).toBe(403);
  });

  it('computes final scores with the engine from complete part scorecards', async () => {
    const e5 = entry(5);
    const parts = { presentation: 45, debate: 27, questions: 18 };
    for (const [username, token] of Object.entries(judges)) {
      for (const [part, points] of Object.entries(parts)) {
        if (username === 'gk.le' && part === 'debate') continue; // submitted above (27,50)
        const bonus = username === 'gk.vo' ? 2 : 0;
        const saved = await t.http
          .put(`${base()}/entries/${e5}/parts/${part}`)
          .set(bearer(token))
          .send({ points: Math.min(points + bonus, part === 'questions' ? 20 : points + bonus) });
        expect(saved.status).toBe(200);
        await t.http
          .post(`${base()}/entries/${e5}/parts/${part}/submit`)
          .set(bearer(token))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    const res = await t.http.get(`${base()}/scores`).set(bearer(admin));
    const s5 = res.body.find((r: { entryId: string }) => r.entryId === e5);
    // totals: 90, 90, 90,5 (gk.le), 90, 96 (gk.vo) → trimmed (drop 96 and one 90): (90 + 90 + 90,5) / 3 = 90,1666… → 90,17
    expect(s5).toMatchObject({ points: '90.17', complete: true, trimmed: true, judgesCounted: 3 });
    const other = res.body.find((r: { entryId: string }) => r.entryId === entry(2));
    expect(other).toMatchObject({ points: null, complete: false });
  });

  it('judges nominate one individual and one collective per part; the latest nomination counts', async () => {
    const member = (
      await t.sql.query(
        `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id WHERE e.id = $1 AND m.is_leader`,
        [entry(5)],
      )
    ).rows[0].id;
    const first = await t.http
      .post(`${base()}/nominations`)
      .set(bearer(judges['gk.le']!))
      .send({ kind: 'individual', partCode: 'presentation', entryId: entry(5), memberId: member });
    expect(first.status).toBe(201);
    const changed = await t.http
      .post(`${base()}/nominations`)
      .set(bearer(judges['gk.le']!))
      .send({ kind: 'collective', partCode: 'presentation', entryId: entry(2) });
    expect(changed.status).toBe(201);
    const noMember = await t.http
      .post(`${base()}/nominations`)
      .set(bearer(judges['gk.le']!))
      .send({ kind: 'individual', partCode: 'debate', entryId: entry(5) });
    expect(noMember.status).toBe(400);
    const again = await t.http
      .post(`${base()}/nominations`)
      .set(bearer(judges['gk.le']!))
      .send({ kind: 'collective', partCode: 'presentation', entryId: entry(3) });
    expect(again.status).toBe(201);
    const rows = await t.sql.query(`SELECT kind, entry_id FROM nominations ORDER BY kind`);
    expect(rows.rows).toEqual([
      { kind: 'collective', entry_id: entry(3) },
      { kind: 'individual', entry_id: entry(5) },
    ]);
  });
});
