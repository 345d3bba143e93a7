import { assignPanels } from '../src/engine';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Judging panels (issue 24) on the demo contest: 9 entries, 5 judges; gk.pham works in
 * Phòng Tư pháp, the unit of team 1, so never sits on team 1's panel.
 */
describe('judging panels', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  const judges: Record<string, { token: string; id: string }> = {};
  const api = () => `/api/contests/${contestId}`;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;
  const FULL = { novelty: 12, usefulness: 12, practicality: 12, breakthrough: 11, quality: 8 };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId, entries } = await publishDemoEntries(t));
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    for (const username of ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo']) {
      const id = (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]
        .id;
      judges[username] = { token: await t.login(username), id };
    }
  });
  afterAll(() => t?.close());

  const preview = (body: object) =>
    t.http.post(`${api()}/judging/panels/preview`).set(bearer(admin)).send(body);
  const commit = (planId: string) =>
    t.http.post(`${api()}/judging/panels/${planId}/commit`).set(bearer(admin)).send({});
  const scoreAndSubmit = async (username: string, entryId: string) => {
    const token = judges[username]!.token;
    const saved = await t.http
      .put(`${api()}/judging/entries/${entryId}/scorecard`)
      .set(bearer(token))
      .send({ scores: FULL });
    expect(saved.status).toBe(200);
    await t.http
      .post(`${api()}/judging/entries/${entryId}/scorecard/submit`)
      .set(bearer(token))
      .send({ version: saved.body.version })
      .expect(200);
  };

  it('starts in "every judge scores every entry" mode', async () => {
    const res = await t.http.get(`${api()}/judging/panels`).set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'all', plan: null });
  });

  it('refuses a panel larger than the pool, and names the unit without enough outside judges', async () => {
    const big = await preview({ k: 6 });
    expect(big.status).toBe(400);
    expect(big.body.code).toBe('BAD_PANEL_SIZE');
    expect(big.body.details[0].field).toBe('k');

    // gk.pham, gk.nguyen, gk.tran: only two of them are outside Phòng Tư pháp (team 1)
    const pool = ['gk.pham', 'gk.nguyen', 'gk.tran'].map((u) => judges[u]!.id);
    const short = await preview({ k: 3, judgeIds: pool });
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('NOT_ENOUGH_JUDGES');
    expect(short.body.message).toBe(
      'Không đủ giám khảo ngoài đơn vị "Phòng Tư pháp thành phố": có 2, cần 3.',
    );
    expect(short.body.details).toEqual([
      { field: 'judgeIds', code: 'NOT_ENOUGH_JUDGES', message: short.body.message },
    ]);

    const stranger = await preview({ k: 1, judgeIds: [entry(1)] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.code).toBe('NOT_A_JUDGE');
    const invalid = await preview({ k: 0 });
    expect(invalid.status).toBe(400);
  });

  let firstPlan: {
    id: string;
    seed: string;
    panels: { entryId: string; teamNumber: number; judgeIds: string[] }[];
  };

  it('previews a plan: k judges per entry, none of the entry’s unit, loads within one, seed recorded', async () => {
    const res = await preview({ k: 3 });
    expect(res.status).toBe(200);
    const plan = res.body;
    expect(plan.status).toBe('preview');
    expect(plan.panelSize).toBe(3);
    expect(plan.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(plan.panels.map((p: { teamNumber: number }) => p.teamNumber)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    for (const p of plan.panels) expect(new Set(p.judgeIds).size).toBe(3);
    expect(plan.panels[0].judgeIds).not.toContain(judges['gk.pham']!.id);
    // 9 × 3 = 27 seats over 5 judges: loads 5 or 6 (two judges take 6)
    const loads = plan.judges.map((j: { entries: number }) => j.entries).sort();
    expect(loads).toEqual([5, 5, 5, 6, 6]);
    expect(plan).toMatchObject({ loadSpread: 1, balanced: true, idealPairCount: 3 });
    expect(plan.maxPairCount).toBeLessThanOrEqual(4);
    expect(plan.judges.map((j: { displayName: string }) => j.displayName)).toContain(
      'Phạm Thị Thanh Xuân',
    );
    expect(plan.changes).toEqual({ added: 27, removed: 0, kept: [], draftsLeft: 0, blocked: [] });

    // The recorded seed redraws exactly this plan from the same inputs.
    const stored = await t.sql.query(
      `SELECT seed, entry_ids, judge_ids FROM judging_panel_plans WHERE id = $1`,
      [plan.id],
    );
    expect(stored.rows[0].seed).toBe(plan.seed);
    const units = await t.sql.query(
      `SELECT e.id, t.unit_id FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.contest_id = $1`,
      [contestId],
    );
    const members = await t.sql.query(
      `SELECT user_id, unit_id FROM contest_members WHERE contest_id = $1 AND role = 'judge'`,
      [contestId],
    );
    const unitOf = new Map(units.rows.map((r) => [r.id, r.unit_id]));
    const redrawn = assignPanels(
      (stored.rows[0].entry_ids as string[]).map((id) => ({ id, unitId: unitOf.get(id) })),
      members.rows.map((m) => ({ id: m.user_id, unitId: m.unit_id })),
      3,
      plan.seed,
    );
    for (const p of plan.panels)
      expect(redrawn.panels.find((r) => r.entryId === p.entryId)!.judgeIds).toEqual(p.judgeIds);

    // nothing is assigned before the commit
    const rows = await t.sql.query(`SELECT count(*)::int AS n FROM judge_assignments`);
    expect(rows.rows[0].n).toBe(0);
    firstPlan = plan;
  });

  it('commits the plan in one audited transaction; it cannot be committed twice', async () => {
    const res = await commit(firstPlan.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'committed', assignments: 27 });
    expect(res.body.changes).toMatchObject({ added: 27, removed: 0, kept: [] });
    const audit = await t.sql.query(
      `SELECT action, before, after FROM audit_log WHERE entity_type = 'judging_panel_plan'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      action: 'judging.panels.commit',
      before: { mode: 'all' },
      after: { mode: 'panels', planId: firstPlan.id, k: 3, seed: firstPlan.seed, assignments: 27 },
    });
    const current = await t.http.get(`${api()}/judging/panels`).set(bearer(admin));
    expect(current.body.mode).toBe('panels');
    expect(current.body.plan).toMatchObject({ id: firstPlan.id, status: 'committed' });
    const again = await commit(firstPlan.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PLAN_NOT_PREVIEW');
    const all = await t.http.post(`${api()}/judging/assignments/all`).set(bearer(admin));
    expect(all.status).toBe(409);
    expect(all.body.code).toBe('PANELS_ACTIVE');
  });

  it('judges see and may score only the entries of their panels', async () => {
    const nguyen = judges['gk.nguyen']!;
    const mine = firstPlan.panels.filter((p) => p.judgeIds.includes(nguyen.id));
    const notMine = firstPlan.panels.filter((p) => !p.judgeIds.includes(nguyen.id));
    const assignments = await t.http.get(`${api()}/judging/assignments`).set(bearer(nguyen.token));
    expect(assignments.body.map((a: { entryId: string }) => a.entryId).sort()).toEqual(
      mine.map((p) => p.entryId).sort(),
    );
    const list = await t.http.get(`${api()}/entries`).set(bearer(nguyen.token));
    expect(list.status).toBe(200);
    expect(list.body.map((e: { id: string }) => e.id).sort()).toEqual(
      mine.map((p) => p.entryId).sort(),
    );
    const other = notMine[0]!.entryId;
    const read = await t.http.get(`${api()}/entries/${other}`).set(bearer(nguyen.token));
    expect(read.status).toBe(404);
    const score = await t.http
      .put(`${api()}/judging/entries/${other}/scorecard`)
      .set(bearer(nguyen.token))
      .send({ scores: FULL });
    expect(score.status).toBe(403);
    expect(score.body.code).toBe('NOT_ASSIGNED');
    const own = await t.http.get(`${api()}/entries/${mine[0]!.entryId}`).set(bearer(nguyen.token));
    expect(own.status).toBe(200);
  });

  it('lists progress per panel, a page at a time, with search and filters', async () => {
    const nguyen = judges['gk.nguyen']!;
    const mine = firstPlan.panels.filter((p) => p.judgeIds.includes(nguyen.id));
    await scoreAndSubmit('gk.nguyen', mine[0]!.entryId);
    const page = await t.http
      .get(`${api()}/judging/progress/entries?page=2&limit=4`)
      .set(bearer(admin));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ mode: 'panels', panelSize: 3, total: 9, page: 2, limit: 4 });
    expect(page.body.items.map((i: { teamNumber: number }) => i.teamNumber)).toEqual([5, 6, 7, 8]);
    expect(page.body.counts).toEqual({ all: 9, complete: 0, incomplete: 9, outliers: 0 });
    const nguyenCounts = page.body.judges.find((j: { judgeId: string }) => j.judgeId === nguyen.id);
    expect(nguyenCounts).toMatchObject({ submitted: 1, draft: 0, missing: mine.length - 1 });

    const byJudge = await t.http
      .get(`${api()}/judging/progress/entries?judgeId=${nguyen.id}&limit=50`)
      .set(bearer(admin));
    expect(byJudge.body.total).toBe(mine.length);
    const byNumber = await t.http
      .get(`${api()}/judging/progress/entries?search=5`)
      .set(bearer(admin));
    expect(byNumber.body.items.map((i: { teamNumber: number }) => i.teamNumber)).toEqual([5]);
    expect(byNumber.body.items[0].judges).toHaveLength(3);
    // accents optional: "hiep thanh" finds team 5's unit, Hiệp Thành ward
    const byUnit = await t.http
      .get(`${api()}/judging/progress/entries?search=${encodeURIComponent('hiep thanh')}`)
      .set(bearer(admin));
    expect(byUnit.body.items.map((i: { unitName: string }) => i.unitName)).toEqual([
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
    ]);
    const bad = await t.http
      .get(`${api()}/judging/progress/entries?state=nonsense&limit=1000`)
      .set(bearer(admin));
    expect(bad.status).toBe(400);
  });

  it('changes the panels later (audited): submitted cards stay with their judge, drafts are left', async () => {
    const nguyen = judges['gk.nguyen']!;
    const mine = firstPlan.panels.filter((p) => p.judgeIds.includes(nguyen.id));
    const submittedOn = mine[0]!.entryId; // submitted in the previous test
    const draftOn = mine[1]!.entryId;
    await t.http
      .put(`${api()}/judging/entries/${draftOn}/scorecard`)
      .set(bearer(nguyen.token))
      .send({ scores: { novelty: 10 } })
      .expect(200);
    // gk.nguyen leaves the pool: four judges, still three outside Phòng Tư pháp
    const pool = ['gk.tran', 'gk.le', 'gk.pham', 'gk.vo'].map((u) => judges[u]!.id);
    const res = await preview({ k: 3, judgeIds: pool });
    expect(res.status).toBe(200);
    expect(res.body.changes.kept).toEqual([{ judgeId: nguyen.id, entryId: submittedOn }]);
    expect(res.body.changes.draftsLeft).toBe(1);
    const done = await commit(res.body.id);
    expect(done.status).toBe(200);
    expect(done.body.changes.kept).toEqual([{ judgeId: nguyen.id, entryId: submittedOn }]);
    // 27 plan seats + the one kept
    expect(done.body.assignments).toBe(28);

    const audit = await t.sql.query(
      `SELECT action, before, after FROM audit_log WHERE action = 'judging.panels.change'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].before).toMatchObject({ planId: firstPlan.id, k: 3 });
    expect(audit.rows[0].after).toMatchObject({
      planId: res.body.id,
      kept: [{ judgeId: nguyen.id, entryId: submittedOn }],
      draftsLeft: 1,
    });
    const plans = await t.sql.query(
      `SELECT id, status FROM judging_panel_plans WHERE id = ANY($1) ORDER BY created_at`,
      [[firstPlan.id, res.body.id]],
    );
    expect(plans.rows.map((r) => r.status)).toEqual(['superseded', 'committed']);

    // the submitted card is untouched and still counts; the draft is stored but closed to edits
    const cards = await t.sql.query(
      `SELECT entry_id, status, total::text FROM scorecards WHERE judge_id = $1 ORDER BY status`,
      [nguyen.id],
    );
    expect(cards.rows).toEqual([
      { entry_id: draftOn, status: 'draft', total: null },
      { entry_id: submittedOn, status: 'submitted', total: '55.00' },
    ]);
    const assigned = await t.http.get(`${api()}/judging/assignments`).set(bearer(nguyen.token));
    expect(assigned.body).toEqual([
      { judgeId: nguyen.id, entryId: submittedOn, status: 'submitted', version: 2 },
    ]);
    const edit = await t.http
      .put(`${api()}/judging/entries/${draftOn}/scorecard`)
      .set(bearer(nguyen.token))
      .send({ scores: { novelty: 11 }, version: 1 });
    expect(edit.status).toBe(403);
  });

  it('refuses an outdated preview once the entries or the judges changed', async () => {
    const res = await preview({ k: 2 });
    expect(res.status).toBe(200);
    await t.sql.query(`UPDATE entries SET status = 'returned' WHERE id = $1`, [entry(9)]);
    const late = await commit(res.body.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PLAN_OUTDATED');
    await t.sql.query(`UPDATE entries SET status = 'published' WHERE id = $1`, [entry(9)]);

    // a judge of the pool left the contest since the preview
    const again = await preview({ k: 2 });
    expect(again.status).toBe(200);
    const member = await t.sql.query(
      `DELETE FROM contest_members WHERE user_id = $1 AND contest_id = $2 RETURNING *`,
      [judges['gk.vo']!.id, contestId],
    );
    const gone = await commit(again.body.id);
    expect(gone.status).toBe(409);
    expect(gone.body.code).toBe('PLAN_OUTDATED');
    const m = member.rows[0];
    await t.sql.query(
      `INSERT INTO contest_members (id, contest_id, user_id, role, team_id, unit_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [m.id, m.contest_id, m.user_id, m.role, m.team_id, m.unit_id, m.created_at],
    );
  });
});
