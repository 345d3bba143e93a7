import { auditRow } from '../src/audit/audit.service';
import { ScorecardStore } from '../src/judging/scorecard-store';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('preliminary judging', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  const judges: Record<string, { token: string; id: string }> = {};
  const FULL = {
    novelty: 13.5,
    usefulness: 14,
    practicality: 13.25,
    breakthrough: 12.75,
    quality: 9,
  }; // 62,50

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

  const base = () => `/api/contests/${contestId}/judging`;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;
  const save = (judge: string, n: number, body: object, key?: string) => {
    const req = t.http
      .put(`${base()}/entries/${entry(n)}/scorecard`)
      .set(bearer(judges[judge]!.token));
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const submit = (judge: string, n: number, version: number, key?: string) => {
    const req = t.http
      .post(`${base()}/entries/${entry(n)}/scorecard/submit`)
      .set(bearer(judges[judge]!.token));
    return (key ? req.set('Idempotency-Key', key) : req).send({ version });
  };

  it('assigns every judge to every entry except their own unit (conflict of interest)', async () => {
    const res = await t.http.post(`${base()}/assignments/all`).set(bearer(admin));
    expect(res.status).toBe(200);
    // gk.pham works in Phòng Tư pháp, which fields team 1: 5 × 9 − 1
    expect(res.body).toEqual({ assignments: 44, skippedForConflicts: 1 });
    const conflict = await save('gk.pham', 1, { scores: { novelty: 10 } });
    expect(conflict.status).toBe(403);
    expect(conflict.body.code).toBe('CONFLICT_OF_INTEREST');
    const mine = await t.http.get(`${base()}/assignments`).set(bearer(judges['gk.pham']!.token));
    expect(mine.body).toHaveLength(8);
    expect(mine.body.every((a: { judgeId: string }) => a.judgeId === judges['gk.pham']!.id)).toBe(
      true,
    );
  });

  it('saves drafts any number of times, then submits; the card is locked afterwards', async () => {
    const first = await save('gk.nguyen', 5, { scores: { novelty: 13.5 } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'draft',
      version: 1,
      total: null,
      scores: { novelty: '13.50' },
    });
    const second = await save('gk.nguyen', 5, {
      scores: FULL,
      comment: 'Mô hình thiết thực',
      version: 1,
    });
    expect(second.body).toMatchObject({ version: 2, total: '62.50' });
    const done = await submit('gk.nguyen', 5, 2);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('submitted');
    const late = await save('gk.nguyen', 5, { scores: { novelty: 15 }, version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('SCORECARD_LOCKED');
    const stored = await t.sql.query(`SELECT total::text FROM scorecards WHERE id = $1`, [
      done.body.id,
    ]);
    expect(stored.rows[0].total).toBe('62.50');
  });

  it('refuses a score out of range or off the 0,25 step, naming the criterion', async () => {
    const res = await save('gk.tran', 5, {
      scores: { novelty: 15.5, usefulness: 10.1, magic: 3, quality: 'mười' },
    });
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(
      res.body.details.map((d: { field: string; code: string }) => [d.field, d.code]),
    );
    expect(byField).toEqual({
      'scores.novelty': 'SCORE_OUT_OF_RANGE',
      'scores.usefulness': 'SCORE_STEP',
      'scores.magic': 'UNKNOWN_CRITERION',
      'scores.quality': 'NOT_A_SCORE',
    });
    expect(res.body.details[0].message).toMatch(/Tính mới/);
  });

  it('scores as tablets may send them: decimal text ("9,5", "9.50", "1e1") and a third decimal are refused with 400; JSON 1e1 and 9.50 are exact numbers', async () => {
    const res = await save('gk.le', 3, {
      scores: { novelty: '9,5', usefulness: '9.50', practicality: '1e1', quality: 9.999 },
    });
    expect(res.status).toBe(400);
    expect(
      Object.fromEntries(
        res.body.details.map((d: { field: string; code: string }) => [d.field, d.code]),
      ),
    ).toEqual({
      'scores.novelty': 'NOT_A_SCORE',
      'scores.usefulness': 'NOT_A_SCORE',
      'scores.practicality': 'NOT_A_SCORE',
      'scores.quality': 'NOT_A_SCORE',
    });
    for (const scores of [{ novelty: null }, { novelty: [10] }, { novelty: 1e300 }, []]) {
      const refused = await save('gk.le', 3, { scores });
      expect({ scores, status: refused.status }).toEqual({ scores, status: 400 });
    }
    const none = await t.sql.query(
      `SELECT count(*)::int AS n FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
      [judges['gk.le']!.id, entry(3)],
    );
    expect(none.rows[0].n).toBe(0);
    const exact = await t.http
      .put(`${base()}/entries/${entry(3)}/scorecard`)
      .set(bearer(judges['gk.le']!.token))
      .set('Content-Type', 'application/json')
      .send('{"scores": {"novelty": 1e1, "usefulness": 9.50}}');
    expect(exact.status).toBe(200);
    expect(exact.body.scores).toEqual({ novelty: '10.00', usefulness: '9.50' });
  });

  it('refuses submitting an incomplete card, naming the missing criteria', async () => {
    const draft = await save('gk.tran', 4, { scores: { novelty: 10 } });
    const res = await submit('gk.tran', 4, draft.body.version);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'scores.usefulness',
      'scores.practicality',
      'scores.breakthrough',
      'scores.quality',
    ]);
  });

  it('refuses an unassigned entry (403) and another judge reading a card (403)', async () => {
    await t.http
      .put(`${base()}/assignments`)
      .set(bearer(admin))
      .send({
        judgeId: judges['gk.vo']!.id,
        entryIds: entries.filter((e) => e.teamNumber !== 9).map((e) => e.id),
      })
      .expect(200);
    const res = await save('gk.vo', 9, { scores: { novelty: 10 } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('NOT_ASSIGNED');
    const card = (
      await t.sql.query(`SELECT id FROM scorecards WHERE judge_id = $1 LIMIT 1`, [
        judges['gk.nguyen']!.id,
      ])
    ).rows[0].id;
    const peek = await t.http
      .get(`${base()}/scorecards/${card}`)
      .set(bearer(judges['gk.tran']!.token));
    expect(peek.status).toBe(403);
    expect(peek.body.code).toBe('NOT_YOUR_SCORECARD');
    const own = await t.http
      .get(`${base()}/scorecards/${card}`)
      .set(bearer(judges['gk.nguyen']!.token));
    expect(own.status).toBe(200);
    const progress = await t.http.get(`${base()}/progress`).set(bearer(judges['gk.nguyen']!.token));
    expect(progress.status).toBe(403);
  });

  it('a repeated submit with the same Idempotency-Key returns the same answer once', async () => {
    const draft = await save('gk.le', 5, { scores: FULL });
    const key = 'submit-gk-le-5-0001';
    const [a, b] = await Promise.all([
      submit('gk.le', 5, draft.body.version, key),
      submit('gk.le', 5, draft.body.version, key),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const again = await submit('gk.le', 5, draft.body.version, key);
    expect(again.body).toEqual(a.body);
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'scorecard.submit' AND entity_id = $1`,
      [a.body.id],
    );
    expect(audit.rows[0].n).toBe(1);
    const reused = await submit('gk.le', 6, 1, key);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('two tablets of one judge saving at once: one card, one wins, the other gets 409 with the current version', async () => {
    const results = await Promise.all([
      save('gk.pham', 6, { scores: { novelty: 11 } }),
      save('gk.pham', 6, { scores: { novelty: 12 } }),
      save('gk.pham', 6, { scores: { novelty: 13 } }),
    ]);
    const codes = results.map((r) => r.status).sort();
    expect(codes).toEqual([200, 409, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.code).toBe('STALE_VERSION');
    expect(loser.body.current.version).toBe(1);
    const cards = await t.sql.query(
      `SELECT count(*)::int AS n FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
      [judges['gk.pham']!.id, entry(6)],
    );
    expect(cards.rows[0].n).toBe(1);
    // concurrent updates with the same version: exactly one applies
    const updates = await Promise.all([
      save('gk.pham', 6, { scores: { usefulness: 10 }, version: 1 }),
      save('gk.pham', 6, { scores: { usefulness: 11 }, version: 1 }),
    ]);
    expect(updates.map((r) => r.status).sort()).toEqual([200, 409]);
    const card = await t.sql.query(
      `SELECT version, scores FROM scorecards WHERE judge_id = $1 AND entry_id = $2`,
      [judges['gk.pham']!.id, entry(6)],
    );
    expect(card.rows[0].version).toBe(2);
  });

  it('a write that lost a race writes nothing: not the card, not its audit row, not the stored answer', async () => {
    const draft = await save('gk.vo', 8, { scores: { novelty: 10 } });
    expect(draft.status).toBe(200);
    const store = t.app.get(ScorecardStore);
    const judgeId = judges['gk.vo']!.id;
    const state = (await store.load(contestId, judgeId, entry(8)))!;
    expect(state.card).toMatchObject({ version: 1, scores: { novelty: '10.00' } });
    const tail = (key: string) => ({
      audit: auditRow(null, {
        contestId,
        action: 'scorecard.save',
        entityType: 'scorecard',
        entityId: state.card!.id,
        after: { marker: key },
      }),
      claim: { userId: judgeId, key, requestHash: 'h' },
      response: { marker: key },
    });
    const change = { ...state.card!, scores: { novelty: '11.00' } };
    // the organiser closed the round between the read and the write
    await t.sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
    try {
      expect(await store.update(contestId, state.card!, change, tail('race-closed-1'))).toBeNull();
    } finally {
      await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    }
    // another tablet saved between the read and the write
    expect((await save('gk.vo', 8, { scores: { usefulness: 9 }, version: 1 })).status).toBe(200);
    expect(await store.update(contestId, state.card!, change, tail('race-stale-1'))).toBeNull();

    const card = await t.sql.query(`SELECT version, scores FROM scorecards WHERE id = $1`, [
      state.card!.id,
    ]);
    expect(card.rows[0]).toEqual({ version: 2, scores: { novelty: '10.00', usefulness: '9.00' } });
    const traces = await t.sql.query(
      `SELECT (SELECT count(*) FROM audit_log WHERE after->>'marker' LIKE 'race-%')::int AS audit,
              (SELECT count(*) FROM idempotency_keys WHERE key LIKE 'race-%')::int AS keys`,
    );
    expect(traces.rows[0]).toEqual({ audit: 0, keys: 0 });
    // and the same write from the current version goes through, with both rows
    const fresh = (await store.load(contestId, judgeId, entry(8)))!.card!;
    expect(await store.update(contestId, fresh, change, tail('race-ok-1'))).toBe(3);
    const written = await t.sql.query(
      `SELECT (SELECT count(*) FROM audit_log WHERE after->>'marker' = 'race-ok-1')::int AS audit,
              (SELECT count(*) FROM idempotency_keys WHERE key = 'race-ok-1')::int AS keys`,
    );
    expect(written.rows[0]).toEqual({ audit: 1, keys: 1 });
  });

  it('a judge recuses with a reason; an organiser declares a further conflict', async () => {
    const recuse = await t.http
      .post(`${base()}/entries/${entry(7)}/recuse`)
      .set(bearer(judges['gk.tran']!.token))
      .send({ reason: 'Tôi từng công tác tại phường Hiệp Lợi' });
    expect(recuse.status).toBe(201);
    expect((await save('gk.tran', 7, { scores: { novelty: 10 } })).body.code).toBe('RECUSED');
    const declared = await t.http
      .post(`${base()}/conflicts`)
      .set(bearer(admin))
      .send({
        judgeId: judges['gk.le']!.id,
        entryId: entry(8),
        reason: 'Người thân là thành viên đội thi',
      });
    expect(declared.status).toBe(201);
    expect((await save('gk.le', 8, { scores: { novelty: 10 } })).status).toBe(403);
    const assign = await t.http
      .put(`${base()}/assignments`)
      .set(bearer(admin))
      .send({ judgeId: judges['gk.le']!.id, entryIds: [entry(8)] });
    expect(assign.status).toBe(409);
  });

  it('only an organiser reopens a submitted card, with a reason, and it is audited', async () => {
    const card = (
      await t.sql.query(`SELECT id FROM scorecards WHERE judge_id = $1 AND entry_id = $2`, [
        judges['gk.nguyen']!.id,
        entry(5),
      ])
    ).rows[0].id;
    const byJudge = await t.http
      .post(`${base()}/scorecards/${card}/reopen`)
      .set(bearer(judges['gk.nguyen']!.token))
      .send({ reason: 'Tôi muốn sửa điểm' });
    expect(byJudge.status).toBe(403);
    const res = await t.http
      .post(`${base()}/scorecards/${card}/reopen`)
      .set(bearer(admin))
      .send({ reason: 'Giám khảo nhập nhầm tiêu chí 3' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
    const audit = await t.sql.query(
      `SELECT reason FROM audit_log WHERE action = 'scorecard.reopen'`,
    );
    expect(audit.rows[0].reason).toBe('Giám khảo nhập nhầm tiêu chí 3');
    await submit('gk.nguyen', 5, res.body.version).expect(200);
  });

  it('shows organisers the progress board with spread and outliers (20+ points from the others)', async () => {
    for (const [judge, scores] of [
      ['gk.tran', { novelty: 14, usefulness: 14, practicality: 13, breakthrough: 13, quality: 9 }], // 63
      ['gk.vo', { novelty: 5, usefulness: 5, practicality: 10, breakthrough: 10, quality: 5 }], // 35
    ] as const) {
      const d = await save(judge, 5, { scores });
      await submit(judge, 5, d.body.version).expect(200);
    }
    const res = await t.http.get(`${base()}/progress`).set(bearer(admin));
    expect(res.status).toBe(200);
    const e5 = res.body.entries.find((e: { entryId: string }) => e.entryId === entry(5));
    expect(e5.submitted).toBe(4);
    expect(e5.spread).toBe('28.00');
    expect(e5.outliers).toEqual([judges['gk.vo']!.id]);
    expect(res.body.complete).toBe(false);
    const nguyen = res.body.judges.find(
      (j: { judgeId: string }) => j.judgeId === judges['gk.nguyen']!.id,
    );
    expect(nguyen).toMatchObject({ submitted: 1, missing: 8 });
  });

  it('another tablet of the judge submitted the card: a save or submit from this one gets 409 SCORECARD_LOCKED with the stored card', async () => {
    const first = await save('gk.nguyen', 2, { scores: FULL }, 'replay-after-close-0001');
    const other = await save('gk.nguyen', 2, {
      scores: { ...FULL, quality: 10 },
      version: first.body.version,
    });
    const done = await submit('gk.nguyen', 2, other.body.version).expect(200);
    // the first tablet, offline meanwhile, still holds version 1 and 9 points for quality
    for (const late of [
      await save('gk.nguyen', 2, { scores: { quality: 8 }, version: first.body.version }),
      await submit('gk.nguyen', 2, first.body.version),
    ]) {
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('SCORECARD_LOCKED');
      // what was stored, so the tablet shows the submitted scores, not its own stale ones
      expect(late.body.current).toMatchObject({
        status: 'submitted',
        version: done.body.version,
        scores: { quality: '10.00' },
        total: '63.50',
      });
    }
  });

  it('closing the round with missing cards needs a reason; the contest moves to the final', async () => {
    const direct = await t.http
      .post(`/api/contests/${contestId}/transitions`)
      .set(bearer(admin))
      .send({ to: 'final' });
    expect(direct.status).toBe(409);
    expect(direct.body.code).toBe('USE_CLOSE_JUDGING');
    const blocked = await t.http.post(`${base()}/close`).set(bearer(admin)).send({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('INCOMPLETE_SCORECARDS');
    expect(blocked.body.incomplete.length).toBeGreaterThan(0);
    const closed = await t.http
      .post(`${base()}/close`)
      .set(bearer(admin))
      .send({ reason: 'Hết thời gian chấm theo kế hoạch; BTC đồng ý' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('final');
    const late = await save('gk.tran', 6, { scores: { novelty: 10 } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('JUDGING_CLOSED');
  });

  it('a save stored before the round closed, retried after it (its answer was lost): the stored answer, not JUDGING_CLOSED', async () => {
    const first = await t.sql.query(
      `SELECT response FROM idempotency_keys WHERE user_id = $1 AND key = 'replay-after-close-0001'`,
      [judges['gk.nguyen']!.id],
    );
    const replay = await save('gk.nguyen', 2, { scores: FULL }, 'replay-after-close-0001');
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(JSON.parse(JSON.stringify(first.rows[0].response)));
    expect(replay.body).toMatchObject({ version: 1, status: 'draft' });
  });
});
