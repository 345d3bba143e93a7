import { FANPAGE } from './support/fixtures';
import {
  COUNTS,
  JUDGES,
  preliminaryScores,
  scoreFinalAndNominate,
  submitNineEntries,
} from './support/nine-teams';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Review of the path from stored scores to the results: what happens to the figures when
 * something changes after the final was scored (a judge recuses, a preliminary card is
 * reopened). The 9-team contest of results.e2e-spec.ts with the default rules (mean of the
 * judges, at least 3 cards), taken to a fully scored final with its tie decided and its side
 * prizes settled, so that nothing blocks the freeze before each case changes one thing.
 */
describe('results review: changes after the final', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const entries: Record<number, string> = {};
  const judges: Record<string, string> = {};
  const judgeIds: Record<string, string> = {};
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const transition = (to: string) =>
    t.http.post(api('/transitions')).set(bearer(admin)).send({ to }).expect(200);
  const teamOf = (entryId: string) =>
    Number(Object.entries(entries).find(([, id]) => id === entryId)![0]);

  interface Computation {
    problems: { code: string; blocking: boolean; entryIds: string[] }[];
    document: {
      teams: {
        entryId: string;
        rank: number | null;
        judgeCards: { judgeId: string }[];
        final: { cards: { judgeId: string }[]; points: string | null } | null;
      }[];
    };
  }
  const computation = async (): Promise<Computation> => {
    const res = await t.http.get(api('/results')).set(bearer(admin));
    expect(res.status).toBe(200);
    return res.body as Computation;
  };
  const row = (c: Computation, n: number) =>
    c.document.teams.find((x) => x.entryId === entries[n])!;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const username of JUDGES) judges[username] = await t.login(username);
    for (const { id, username } of (
      await t.sql.query(`SELECT id, username FROM users WHERE username = ANY($1)`, [JUDGES])
    ).rows as { id: string; username: string }[])
      judgeIds[username] = id;

    await transition('registration');
    await transition('submission');
    await submitNineEntries(t, contestId, 100_000);
    await transition('moderation');
    const queue = (await t.http.get(api('/moderation')).set(bearer(admin))).body as {
      id: string;
    }[];
    for (const item of queue)
      await t.http
        .post(api(`/entries/${item.id}/approve`))
        .set(bearer(admin))
        .send({})
        .expect(200);
    const rows = (
      await t.sql.query(
        `SELECT e.id, t.number FROM entries e JOIN teams t ON t.id = e.team_id ORDER BY t.number`,
      )
    ).rows as { id: string; number: number }[];
    for (const r of rows) {
      entries[r.number] = r.id;
      await t.http
        .put(api(`/entries/${r.id}/post-url`))
        .set(bearer(admin))
        .send({ postUrl: `${FANPAGE}/posts/${3000 + r.number}` })
        .expect(200);
    }
    await t.http.post(api('/publish-all')).set(bearer(admin)).expect(200);
    await t.http
      .post(api('/interactions/form'))
      .set(bearer(admin))
      .send({
        takenAt: '2022-08-30T17:00:00+07:00',
        counts: Object.entries(COUNTS).map(([n, [reactions, shares]]) => ({
          entryId: entries[Number(n)],
          reactions,
          shares,
        })),
      })
      .expect(201);
    await transition('judging');
    await t.http.post(api('/judging/assignments/all')).set(bearer(admin)).expect(200);
    for (const username of JUDGES) {
      const mine = (await t.http.get(api('/judging/assignments')).set(bearer(judges[username]!)))
        .body as { entryId: string }[];
      for (const { entryId } of mine) {
        // Team 7 gets three cards, the minimum: gk.le and gk.vo leave theirs unscored.
        if (teamOf(entryId) === 7 && (username === 'gk.le' || username === 'gk.vo')) continue;
        const saved = await t.http
          .put(api(`/judging/entries/${entryId}/scorecard`))
          .set(bearer(judges[username]!))
          .send({ scores: preliminaryScores(username, teamOf(entryId)) })
          .expect(200);
        await t.http
          .post(api(`/judging/entries/${entryId}/scorecard/submit`))
          .set(bearer(judges[username]!))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    await t.http
      .post(api('/judging/close'))
      .set(bearer(admin))
      .send({ reason: 'Hai giám khảo vắng mặt khi chấm đội số 7.' })
      .expect(200);
    await t.http
      .post(api('/final/setup'))
      .set(bearer(admin))
      .send({ seed: 'ngay-08-09-2022' })
      .expect(201);
    await scoreFinalAndNominate(t, contestId, entries, judges);
    // Teams 8 and 9 tie on every key: the organisers decide; side prizes are settled.
    await t.http
      .post(api('/results/tie-decisions'))
      .set(bearer(admin))
      .send({
        entryIds: [entries[9], entries[8]],
        reason: 'Ban giám khảo biểu quyết xếp đội số 9 trên đội số 8.',
      })
      .expect(201);
    await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_tap_the', entryId: entries[4] }],
        sponsor: [],
        notAwarded: [{ prizeCode: 'phu_ca_nhan', reason: 'Không có cá nhân được đa số đề cử.' }],
      })
      .expect(200);
    const ready = await computation();
    expect(ready.problems.filter((p) => p.blocking)).toEqual([]);
  });
  afterAll(() => t?.close());

  it("a judge who recuses after scoring the final has neither round's card counted", async () => {
    const before = row(await computation(), 5);
    expect(before.final!.cards.map((c) => c.judgeId)).toContain(judgeIds['gk.tran']);
    await t.http
      .post(api(`/judging/entries/${entries[5]}/recuse`))
      .set(bearer(judges['gk.tran']!))
      .send({ reason: 'Tôi có người thân là thành viên của đội số 5.' })
      .expect(201);
    const after = row(await computation(), 5);
    expect(after.judgeCards.map((c) => c.judgeId)).not.toContain(judgeIds['gk.tran']);
    expect(after.final!.cards.map((c) => c.judgeId)).not.toContain(judgeIds['gk.tran']);
    expect(after.final!.cards).toHaveLength(4);
    // the organisers' running final scores say the same
    const scores = await t.http.get(api('/final/scores')).set(bearer(admin)).expect(200);
    expect(
      (scores.body as { entryId: string; judgesCounted: number }[]).find(
        (s) => s.entryId === entries[5],
      ),
    ).toMatchObject({ judgesCounted: 4, complete: true });
  });

  it("the live board's revealed part results leave the recused judge out too", async () => {
    const stage = await t.http.get(api('/final')).set(bearer(admin)).expect(200);
    await t.http
      .post(api('/final/reveal'))
      .set(bearer(admin))
      .send({
        entryId: entries[5],
        partCode: 'presentation',
        revealed: true,
        version: stage.body.version,
      })
      .expect(200);
    const board = await t.http.get('/api/public/contests/nga-bay-2022/live/snapshot').expect(200);
    const part = (
      board.body.final.parts as { entryId: string; partCode: string; judges: number }[]
    ).find((p) => p.entryId === entries[5] && p.partCode === 'presentation');
    // five judges submitted team 5's presentation; gk.tran has since recused
    expect(part).toMatchObject({ judges: 4, points: '42.00' });
  });

  it('after publication the live board ranks as the published results, not as the data since', async () => {
    const stage = await t.http.get(api('/final')).set(bearer(admin)).expect(200);
    await t.http
      .post(api('/final/reveal'))
      .set(bearer(admin))
      .send({ ranking: true, revealed: true, version: stage.body.version })
      .expect(200);
    await t.http.post(api('/results/freeze')).set(bearer(admin)).send({}).expect(201);
    const secretary = await t.login('btc.thuky');
    await t.http.post(api('/results/versions/1/approve')).set(bearer(secretary)).expect(200);
    const published = (await t.http.get('/api/public/contests/nga-bay-2022/results').expect(200))
      .body.document.teams as { entryId: string; rank: number | null; rankingScore: string }[];
    // A correction on its way: 1.000 of team 6's reactions ruled invalid after publication.
    await t.http
      .post(api('/interactions/exclusions'))
      .set(bearer(admin))
      .send({ entryId: entries[6], reactions: 1000, reason: 'Lượt thích từ tài khoản ảo.' })
      .expect(201);
    const live = row(await computation(), 6);
    const official = published.find((x) => x.entryId === entries[6])!;
    expect(live).not.toMatchObject({ rank: official.rank }); // the recomputation differs
    const board = await t.http.get('/api/public/contests/nga-bay-2022/live/snapshot').expect(200);
    expect(board.body.results).toMatchObject({ version: 1 });
    const ranking = board.body.final.ranking as {
      entryId: string;
      rank: number;
      rankingScore: string;
    }[];
    expect(ranking.map((r) => [r.entryId, r.rank, r.rankingScore])).toEqual(
      published.filter((x) => x.rank !== null).map((x) => [x.entryId, x.rank, x.rankingScore]),
    );
  });

  it('a document name that is a property of every object is a 404, not a 500', async () => {
    for (const kind of ['toString', 'constructor', 'hasOwnProperty', 'minutes.pdf.x']) {
      const res = await t.http.get(api(`/results/versions/1/documents/${kind}`)).set(bearer(admin));
      expect([kind, res.status, res.body.code]).toEqual([kind, 404, 'DOCUMENT_NOT_FOUND']);
      const pub = await t.http.get(
        `/api/public/contests/nga-bay-2022/results/versions/1/documents/${kind}`,
      );
      expect([kind, pub.status, pub.body.code]).toEqual([kind, 404, 'DOCUMENT_NOT_FOUND']);
    }
  });

  it('a finalist whose preliminary score became incomplete blocks the freeze, it is not left out', async () => {
    // Team 7 had the minimum of three preliminary cards; one of those judges recuses during
    // the final. Two are left: team 7 has no preliminary score any more, while its final
    // score (four of five judges) is still complete.
    await t.http
      .post(api(`/judging/entries/${entries[7]}/recuse`))
      .set(bearer(judges['gk.nguyen']!))
      .send({ reason: 'Tôi từng công tác tại đơn vị của đội số 7.' })
      .expect(201);
    const c = await computation();
    expect(row(c, 7).rank).toBeNull();
    expect(row(c, 7).final!.points).not.toBeNull();
    const blocking = c.problems.filter((p) => p.blocking);
    expect(blocking.flatMap((p) => p.entryIds)).toContain(entries[7]);
    const freeze = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect([freeze.status, freeze.body.code]).toEqual([409, 'RESULTS_NOT_READY']);
  });

  it('a preliminary card cannot be reopened once the round is closed (it could never be submitted again)', async () => {
    const [card] = (
      await t.sql.query(
        `SELECT id FROM scorecards WHERE entry_id = $1 AND status = 'submitted' LIMIT 1`,
        [entries[2]],
      )
    ).rows as { id: string }[];
    const res = await t.http
      .post(api(`/judging/scorecards/${card!.id}/reopen`))
      .set(bearer(admin))
      .send({ reason: 'Giám khảo xin chấm lại phiếu này.' });
    expect([res.status, res.body.code]).toEqual([409, 'JUDGING_CLOSED']);
    const stored = await t.sql.query(`SELECT status FROM scorecards WHERE id = $1`, [card!.id]);
    expect(stored.rows[0].status).toBe('submitted');
    // a card that does not exist is still a plain 404
    const missing = await t.http
      .post(api('/judging/scorecards/00000000-0000-4000-8000-000000000000/reopen'))
      .set(bearer(admin))
      .send({ reason: 'Giám khảo xin chấm lại phiếu này.' });
    expect(missing.status).toBe(404);
  });

  it('an exclusion larger than the counted interactions is refused, never a 500 afterwards', async () => {
    // team 3 has 600 reactions in the official snapshot
    const res = await t.http
      .post(api('/interactions/exclusions'))
      .set(bearer(admin))
      .send({ entryId: entries[3], reactions: 5000, reason: 'Tài khoản ảo tăng lượt thích.' });
    expect([res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([
      400,
      'EXCLUSION_TOO_LARGE',
      'reactions',
    ]);
    const standings = await t.http.get(api('/interactions')).set(bearer(admin));
    expect(standings.status).toBe(200);
    expect((await t.http.get(api('/results')).set(bearer(admin))).status).toBe(200);
  });

  it('a team that withdrew is neither ranked nor awarded a prize', async () => {
    const before = await computation();
    expect(row(before, 2).rank).not.toBeNull();
    const { team_id: teamId } = (
      await t.sql.query(`SELECT team_id FROM entries WHERE id = $1`, [entries[2]])
    ).rows[0] as { team_id: string };
    await t.http
      .patch(api(`/teams/${teamId}`))
      .set(bearer(admin))
      .send({ status: 'withdrawn' })
      .expect(200);
    const after = await t.http.get(api('/results')).set(bearer(admin)).expect(200);
    const teams = after.body.document.teams as { entryId: string; rank: number | null }[];
    expect(teams.find((x) => x.entryId === entries[2])?.rank ?? null).toBeNull();
    const awards = after.body.document.prizes.awards as { entryId: string }[];
    expect(awards.map((a) => a.entryId)).not.toContain(entries[2]);
    // The organisers' interaction standings score the same teams as the results.
    const standings = await t.http.get(api('/interactions')).set(bearer(admin));
    const listed = standings.body.entries as { entryId: string; points: string }[];
    expect(listed.map((e) => e.entryId)).not.toContain(entries[2]);
    const resultTeams = after.body.document.teams as { entryId: string }[];
    expect(listed.map((e) => e.entryId).sort()).toEqual(resultTeams.map((x) => x.entryId).sort());
  });

  it('a collective side prize honours the team: a member named with it is refused', async () => {
    const { id: member4 } = (
      await t.sql.query(
        `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id
          WHERE e.id = $1 ORDER BY m.full_name LIMIT 1`,
        [entries[4]],
      )
    ).rows[0] as { id: string };
    const res = await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_tap_the', entryId: entries[4], memberId: member4 }],
        sponsor: [],
        notAwarded: [{ prizeCode: 'phu_ca_nhan', reason: 'Không có cá nhân được đa số đề cử.' }],
      });
    expect([res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([
      400,
      'MEMBER_NOT_ALLOWED',
      'side[0].memberId',
    ]);
  });

  it("a person named with a sponsor's prize must be a member of the team awarded", async () => {
    const current = await t.http.get(api('/rules')).set(bearer(admin)).expect(200);
    const rules = current.body.rules as { prizes: object[] };
    rules.prizes.push({
      code: 'tai_tro',
      name: 'Giải thuyết trình ấn tượng',
      kind: 'sponsor',
      count: 1,
      amountVnd: 1_000_000,
      sponsor: 'Công ty Cổ phần ABC',
    });
    await t.http
      .post(api('/rules/amendments'))
      .set(bearer(admin))
      .send({ rules, rulesVersion: current.body.rulesVersion, reason: 'Bổ sung giải tài trợ.' })
      .expect(201);
    const { id: member5 } = (
      await t.sql.query(
        `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id
          WHERE e.id = $1 ORDER BY m.full_name LIMIT 1`,
        [entries[5]],
      )
    ).rows[0] as { id: string };
    const res = await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_tap_the', entryId: entries[4] }],
        sponsor: [{ prizeCode: 'tai_tro', entryId: entries[4], memberId: member5 }],
        notAwarded: [{ prizeCode: 'phu_ca_nhan', reason: 'Không có cá nhân được đa số đề cử.' }],
      });
    expect([res.status, res.body.code, res.body.details?.[0]?.field]).toEqual([
      400,
      'MEMBER_NOT_IN_TEAM',
      'sponsor[0].memberId',
    ]);
  });

  it('dates the results with the final as announced (its day in Vietnam), not left empty', async () => {
    await t.http
      .patch(`/api/contests/${contestId}`)
      .set(bearer(admin))
      .send({ finalAt: '2022-09-08T07:30:00+07:00' })
      .expect(200);
    const res = await t.http.get(api('/results')).set(bearer(admin)).expect(200);
    expect(res.body.document.contest.finalDate).toBe('2022-09-08');
    await t.http.patch(`/api/contests/${contestId}`).set(bearer(admin)).send({ finalAt: null });
    const undated = await t.http.get(api('/results')).set(bearer(admin)).expect(200);
    expect(undated.body.document.contest.finalDate).toBeNull();
  });
});
