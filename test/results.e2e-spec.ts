import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseTrimmedMean, FANPAGE } from './support/fixtures';
import {
  COUNTS,
  JUDGES,
  preliminaryScores,
  scoreFinalAndNominate,
  submitNineEntries,
} from './support/nine-teams';
import { binary } from './support/binary';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { isSignedBy, parsePublicKey, type SignedCheckpoint } from '../src/audit/checkpoint';

/**
 * The whole 9-team contest through the API: teams submit, organisers moderate and publish,
 * fanpage counts are entered, five judges score, the final is played, and the results are
 * frozen, approved by a second organiser, published, and corrected once. Every expected
 * figure below was worked out by hand from the scores the test enters (see the tables).
 */

// Expected, by hand: preliminary = interaction + judges; ranking = preliminary + final.
//  team 5: 30,00 + 64,08 = 94,08 + 84 = 178,08 → 1 Giải Nhất 6.000.000 đ
//  team 4: 27,00 + 59,00 = 86,00 + 88 = 174,00 → 2 Giải Nhì 4.000.000 đ
//  team 2: 22,50 + 57,00 = 79,50 + 88 = 167,50 → 3 Giải Ba 3.000.000 đ
//  team 6: 18,00 + 54,00 = 72,00 + 86 = 158,00 → 4 Khuyến khích 2.000.000 đ
//  teams 8, 9: 21,00 + 55,00 = 76,00 + 80 = 156,00: equal on every tie-break → decision;
//    the organisers put team 9 first → 5 Khuyến khích 2.000.000 đ, team 8 → 6 giấy khen
//  team 3: 12,00 + 50,00 = 62,00 + 88 = 150,00 → 7 (ahead of team 1 on the final score)
//  team 1: 15,00 + 53,00 = 68,00 + 82 = 150,00 → 8
//  team 7: 9,02 + 57,00 = 66,02 + 80 = 146,02 → 9
// Side prizes 2 × 500.000 đ. Budget: 6 + 4 + 3 + 2 + 2 + 0,5 + 0,5 = 18.000.000 đ.

describe('results: from teams to published, corrected results', () => {
  let t: TestApp;
  let admin: string;
  let secretary: string;
  let contestId: string;
  const entries: Record<number, string> = {};
  const judges: Record<string, string> = {};
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const pub = (path: string) => `/api/public/contests/nga-bay-2022${path}`;
  const transition = (to: string) =>
    t.http.post(api('/transitions')).set(bearer(admin)).send({ to }).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    secretary = await t.login('btc.thuky');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    // The organisers chose the trimmed mean: the hand-worked figures drop two judges of five.
    await chooseTrimmedMean(t, contestId);
    for (const username of JUDGES) judges[username] = await t.login(username);
  });
  afterAll(() => t?.close());

  it('teams submit their entries; organisers approve and publish them all at once', async () => {
    await transition('registration');
    await transition('submission');
    await submitNineEntries(t, contestId, 200_000);
    await transition('moderation');
    const queue = (await t.http.get(api('/moderation')).set(bearer(admin))).body as {
      id: string;
    }[];
    expect(queue).toHaveLength(9);
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
    for (const row of rows) {
      entries[row.number] = row.id;
      await t.http
        .put(api(`/entries/${row.id}/post-url`))
        .set(bearer(admin))
        .send({ postUrl: `${FANPAGE}/posts/${2000 + row.number}` })
        .expect(200);
    }
    await t.http.post(api('/publish-all')).set(bearer(admin)).expect(200);
  });

  it('fanpage counts are entered and five judges score the preliminary round', async () => {
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
        const scores = preliminaryScores(username, teamOf(entryId));
        const saved = await t.http
          .put(api(`/judging/entries/${entryId}/scorecard`))
          .set(bearer(judges[username]!))
          .send({ scores })
          .expect(200);
        await t.http
          .post(api(`/judging/entries/${entryId}/scorecard/submit`))
          .set(bearer(judges[username]!))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    await t.http.post(api('/judging/close')).set(bearer(admin)).send({}).expect(200);
  });

  it('results are not available before the final, and nothing is public', async () => {
    await t.http.post(api('/final/setup')).set(bearer(admin)).send({ seed: 'ngay-08-09-2022' });
    const early = await t.http.get(api('/results')).set(bearer(admin));
    expect(early.status).toBe(200); // the final is set up: the computation is available
    expect(early.body.problems.map((p: { code: string }) => p.code)).toContain('FINAL_INCOMPLETE');
    const freeze = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(freeze.status).toBe(409);
    expect(freeze.body.code).toBe('RESULTS_NOT_READY');
    for (const path of ['', '/versions', '/versions/1', '/versions/1/documents/minutes.pdf']) {
      const res = await t.http.get(pub(`/results${path}`));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('RESULTS_NOT_FOUND');
    }
  });

  it('the final is scored part by part and judges nominate side prizes', async () => {
    await scoreFinalAndNominate(t, contestId, entries, judges);
  });

  it('the organiser sees the full computation with the tie that needs a decision', async () => {
    const res = await t.http.get(api('/results')).set(bearer(admin));
    expect(res.status).toBe(200);
    const { document, problems, sidePrizeProposals, sources } = res.body;
    // every figure can be traced: the official snapshot and each counted scorecard's id
    expect(sources.interactionSnapshotId).toBe(document.interactionSnapshot.id);
    expect(sources.scorecards).toHaveLength(44); // 9 teams × 5 judges − 1 conflict
    expect(sources.partScorecards).toHaveLength(44 * 3);
    const card = sources.scorecards[0];
    const linked = await t.http.get(api(`/judging/scorecards/${card.id}`)).set(bearer(admin));
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ entryId: card.entryId, judgeId: card.judgeId });
    const row = (n: number) =>
      document.teams.find((x: { entryId: string }) => x.entryId === entries[n]);
    expect(row(5)).toMatchObject({
      interaction: { reactions: 1500, shares: 250, raw: '2000.00', points: '30.00' },
      judgesPoints: '64.08',
      judgesTrimmed: true,
      preliminary: '94.08',
      final: {
        points: '84.00',
        partMeans: { presentation: '42.00', debate: '25.00', questions: '17.00' },
      },
      rankingScore: '178.08',
      rank: 1,
    });
    // each judge's total, the two dropped by the trimmed mean marked
    const cards5 = row(5).judgeCards as { judgeName: string; total: string; dropped: boolean }[];
    expect(cards5.map((c) => [c.total, c.dropped]).sort()).toEqual([
      ['62.00', true],
      ['64.00', false],
      ['64.00', false],
      ['64.25', false],
      ['66.00', true],
    ]);
    expect(row(1)).toMatchObject({
      judgesPoints: '53.00',
      judgesTrimmed: false,
      preliminary: '68.00',
    });
    expect(row(1).judgeCards).toHaveLength(4);
    expect(row(7).interaction.points).toBe('9.02');
    expect(row(7).preliminary).toBe('66.02');
    // teams 8 and 9: same rank, flagged
    expect(row(8)).toMatchObject({ rank: 5, needsDecision: true, rankingScore: '156.00' });
    expect(row(9)).toMatchObject({ rank: 5, needsDecision: true, rankingScore: '156.00' });
    expect(row(3)).toMatchObject({ rank: 7, tieBreakUsed: 'điểm chung khảo' });
    expect(row(1)).toMatchObject({ rank: 8, tieBreakUsed: 'điểm chung khảo' });
    const codes = problems.map((p: { code: string }) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining(['TIE_NEEDS_DECISION', 'PRIZE_TIE', 'SIDE_PRIZE_UNCONFIRMED']),
    );
    const tie = problems.find((p: { code: string }) => p.code === 'TIE_NEEDS_DECISION');
    expect([...tie.entryIds].sort()).toEqual([entries[8], entries[9]].sort());
    expect(sidePrizeProposals).toEqual([
      expect.objectContaining({ prizeCode: 'phu_ca_nhan', tie: false }),
      expect.objectContaining({
        prizeCode: 'phu_tap_the',
        candidates: [{ entryId: entries[4], nominations: 5 }],
      }),
    ]);
  });

  it('an unconfirmed side prize blocks the freeze unless recorded as not awarded, with a reason', async () => {
    const blocked = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'SIDE_PRIZE_UNCONFIRMED', blocking: true }),
      ]),
    );
    const bad = async (notAwarded: object[], code: string, field: string) => {
      const res = await t.http
        .put(api('/results/awards'))
        .set(bearer(admin))
        .send({
          side: [{ prizeCode: 'phu_tap_the', entryId: entries[4] }],
          sponsor: [],
          notAwarded,
        });
      expect([res.status, res.body.code, res.body.details[0]?.field]).toEqual([400, code, field]);
    };
    await bad([{ prizeCode: 'phu_ca_nhan' }], 'VALIDATION_FAILED', 'notAwarded[0].reason');
    await bad(
      [{ prizeCode: 'nhat', reason: 'Không trao giải nhất năm nay.' }],
      'NOT_A_SIDE_PRIZE',
      'notAwarded[0].prizeCode',
    );
    await bad(
      [{ prizeCode: 'phu_tap_the', reason: 'Đã trao nhưng vẫn ghi không trao.' }],
      'PRIZE_AWARDED',
      'notAwarded[0].prizeCode',
    );
    const reason = 'Không có cá nhân nào được đa số giám khảo đề cử.';
    const saved = await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_tap_the', entryId: entries[4] }],
        sponsor: [],
        notAwarded: [{ prizeCode: 'phu_ca_nhan', reason }],
      });
    expect(saved.status).toBe(200);
    expect(saved.body.notAwarded).toEqual([{ prizeCode: 'phu_ca_nhan', reason }]);
    const computed = await t.http.get(api('/results')).set(bearer(admin));
    const codes = computed.body.problems.map((p: { code: string }) => p.code);
    expect(codes).not.toContain('SIDE_PRIZE_UNCONFIRMED');
    expect(computed.body.document.prizes.notAwarded).toEqual([
      { prizeCode: 'phu_ca_nhan', prizeName: 'Giải phụ cá nhân', reason },
    ]);
    const audit = await t.sql.query(
      `SELECT after FROM audit_log WHERE action = 'results.awards_set' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0].after.notAwarded).toEqual([{ prizeCode: 'phu_ca_nhan', reason }]);
  });

  it('a tie needing a decision blocks the freeze until the organiser records one', async () => {
    const blocked = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('RESULTS_NOT_READY');
    expect(blocked.body.problems.map((p: { code: string }) => p.code)).toContain(
      'TIE_NEEDS_DECISION',
    );
    const wrong = await t.http
      .post(api('/results/tie-decisions'))
      .set(bearer(admin))
      .send({ entryIds: [entries[8], entries[3]], reason: 'Thử quyết định sai nhóm đồng hạng.' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('NO_SUCH_TIE');
    const noReason = await t.http
      .post(api('/results/tie-decisions'))
      .set(bearer(admin))
      .send({ entryIds: [entries[9], entries[8]] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const decided = await t.http
      .post(api('/results/tie-decisions'))
      .set(bearer(admin))
      .send({
        entryIds: [entries[9], entries[8]],
        reason: 'Ban giám khảo biểu quyết 4/5 xếp đội xã Tân Thành trên đội xã Đại Thành.',
      });
    expect(decided.status).toBe(201);
    const member5 = (
      await t.sql.query(
        `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id
          WHERE e.id = $1 ORDER BY m.full_name LIMIT 1`,
        [entries[5]],
      )
    ).rows[0].id as string;
    const badMember = await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_ca_nhan', entryId: entries[4], memberId: member5 }],
        sponsor: [],
      });
    expect(badMember.status).toBe(400);
    expect(badMember.body.code).toBe('MEMBER_NOT_IN_TEAM');
    const awards = await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [
          { prizeCode: 'phu_ca_nhan', entryId: entries[5], memberId: member5 },
          { prizeCode: 'phu_tap_the', entryId: entries[4] },
        ],
        sponsor: [],
      });
    expect(awards.status).toBe(200);
  });

  it('bad input is a clear 400 naming the field, never a 500', async () => {
    const cases: [string, string, object, string, string][] = [
      ['get', '/results/versions/abc', {}, 'INVALID_NUMBER', 'version'],
      ['get', '/results/versions/0', {}, 'INVALID_NUMBER', 'version'],
      [
        'post',
        '/results/tie-decisions',
        { entryIds: 'x', reason: 'Lý do đủ dài ở đây.' },
        'VALIDATION_FAILED',
        'entryIds',
      ],
      [
        'put',
        '/results/awards',
        { side: [{ prizeCode: 'nhat', entryId: entries[1] }], sponsor: [] },
        'UNKNOWN_PRIZE',
        'nhat',
      ],
      [
        'put',
        '/results/awards',
        {
          side: [{ prizeCode: 'phu_tap_the', entryId: '00000000-0000-4000-8000-000000000001' }],
          sponsor: [],
        },
        'NOT_A_FINALIST',
        'side[0].entryId',
      ],
      [
        'put',
        '/results/awards',
        { side: [{ prizeCode: 'phu_ca_nhan', entryId: entries[5] }], sponsor: [] },
        'MISSING_MEMBER',
        'phu_ca_nhan',
      ],
      ['post', '/results/versions/1/reject', { reason: 'ngắn' }, 'VALIDATION_FAILED', 'reason'],
    ];
    for (const [method, path, body, code, field] of cases) {
      const res = await t.http[method as 'post'](api(path)).set(bearer(admin)).send(body);
      expect({
        path,
        status: res.status,
        code: res.body.code,
        field: res.body.details?.[0]?.field,
      }).toEqual({
        path,
        status: 400,
        code,
        field,
      });
    }
  });

  let v1: { version: number; fingerprint: string };

  it('freezes version 1 with the expected ranks, prizes and budget', async () => {
    const res = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(res.status).toBe(201);
    v1 = res.body;
    expect(v1).toMatchObject({ version: 1, status: 'frozen', publishedAt: null });
    expect(v1.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const { document } = (await t.http.get(api('/results/versions/1')).set(bearer(admin))).body;
    const ranking = document.teams.map(
      (x: { entryId: string; rank: number; rankingScore: string }) => [
        teamOf(x.entryId),
        x.rank,
        x.rankingScore,
      ],
    );
    expect(ranking).toEqual([
      [5, 1, '178.08'],
      [4, 2, '174.00'],
      [2, 3, '167.50'],
      [6, 4, '158.00'],
      [9, 5, '156.00'],
      [8, 6, '156.00'],
      [3, 7, '150.00'],
      [1, 8, '150.00'],
      [7, 9, '146.02'],
    ]);
    const awards = document.prizes.awards.map(
      (a: { entryId: string; prizeCode: string; amountVnd: number }) => [
        teamOf(a.entryId),
        a.prizeCode,
        a.amountVnd,
      ],
    );
    expect(awards).toEqual([
      [5, 'nhat', 6_000_000],
      [4, 'nhi', 4_000_000],
      [2, 'ba', 3_000_000],
      [6, 'khuyen_khich', 2_000_000],
      [9, 'khuyen_khich', 2_000_000],
      [8, 'giay_khen', 0],
      [3, 'giay_khen', 0],
      [1, 'giay_khen', 0],
      [7, 'giay_khen', 0],
      [5, 'phu_ca_nhan', 500_000],
      [4, 'phu_tap_the', 500_000],
    ]);
    expect(document.prizes.totalVnd).toBe(18_000_000);
    expect(document.tieDecisions[0].reason).toMatch(/biểu quyết 4\/5/);
  });

  it('four-eyes: the organiser who froze cannot publish; a second organiser can', async () => {
    const again = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VERSION_PENDING_APPROVAL');
    const self = await t.http.post(api('/results/versions/1/approve')).set(bearer(admin));
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES_REQUIRED');
    const byJudge = await t.http
      .post(api('/results/versions/1/approve'))
      .set(bearer(judges['gk.le']!));
    expect(byJudge.status).toBe(403);
    const approved = await t.http.post(api('/results/versions/1/approve')).set(bearer(secretary));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'published',
      frozenBy: 'Quản trị hệ thống (BTC)',
      approvedBy: 'Nguyễn Văn An (BTC)',
    });
    const contest = await t.http.get(api('')).set(bearer(admin));
    expect(contest.body.status).toBe('results_published');
    const audit = await t.sql.query(
      `SELECT action, actor_name FROM audit_log WHERE action LIKE 'results.%' ORDER BY id`,
    );
    expect(audit.rows.map((r) => [r.action, r.actor_name])).toEqual([
      ['results.awards_set', 'Quản trị hệ thống (BTC)'],
      ['results.tie_decided', 'Quản trị hệ thống (BTC)'],
      ['results.awards_set', 'Quản trị hệ thống (BTC)'],
      ['results.frozen', 'Quản trị hệ thống (BTC)'],
      ['results.published', 'Nguyễn Văn An (BTC)'],
    ]);
  });

  it("the public page shows the published figures and the fingerprint, without judges' cards", async () => {
    const res = await t.http.get(pub('/results'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: 1,
      fingerprint: v1.fingerprint,
      status: 'published',
    });
    const first = res.body.document.teams[0];
    expect(first).toMatchObject({ teamName: 'Đội phường Hiệp Thành', rankingScore: '178.08' });
    expect(first.judgeCards).toBeUndefined();
    expect(first.final.cards).toBeUndefined();
    expect(res.body.document.judges).toBeUndefined();
    const excel = await t.http.get(pub('/results/versions/1/documents/results.xlsx'));
    expect(excel.status).toBe(404); // per-judge detail: organisers only
  });

  it('the frozen version, its public page and the minutes carry a signed audit checkpoint', async () => {
    const key = parsePublicKey((await t.http.get('/api/public/audit-key')).body.publicKey);
    const page = (await t.http.get(pub('/results')).expect(200)).body;
    const checkpoint = page.auditCheckpoint as SignedCheckpoint;
    expect(checkpoint).toMatchObject({ chain: contestId, rowCount: expect.any(Number) });
    expect(isSignedBy(checkpoint, key)).toBe(true);
    // it vouches for the chain as it stood just before the freeze
    const link = await t.sql.query(
      `SELECT c.hash, a.action FROM audit_chain c JOIN audit_log a ON a.id = c.audit_id
        WHERE c.chain = $1 AND c.seq = $2`,
      [contestId, checkpoint.rowCount],
    );
    expect(link.rows[0].hash).toBe(checkpoint.headHash);
    const frozen = await t.sql.query(
      `SELECT c.seq::int FROM audit_chain c JOIN audit_log a ON a.id = c.audit_id
        WHERE a.action = 'results.frozen' AND c.chain = $1`,
      [contestId],
    );
    expect(frozen.rows[0]?.seq ?? Infinity).toBeGreaterThan(checkpoint.rowCount);
    const versions = (await t.http.get(api('/results/versions')).set(bearer(admin))).body;
    expect(versions[0].auditCheckpoint).toEqual(checkpoint);
    // printed whole in the minutes: hash and signature can be checked from the paper
    const out = join(process.cwd(), 'test-output');
    mkdirSync(out, { recursive: true });
    const minutes = await t.http
      .get(pub('/results/versions/1/documents/minutes.pdf'))
      .buffer(true)
      .parse(binary);
    const file = join(out, 'results-e2e-minutes-checkpoint.pdf');
    writeFileSync(file, minutes.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      checkpoint.headHash,
      checkpoint.signature,
      `${checkpoint.rowCount} bản ghi`,
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
  });

  it('results are reproducible: recomputing from the stored inputs gives the same fingerprint', async () => {
    const res = await t.http.get(api('/results/versions/1/verify')).set(bearer(admin));
    expect(res.body).toEqual({
      version: 1,
      fingerprint: v1.fingerprint,
      recomputedFingerprint: v1.fingerprint,
      matches: true,
      storedDocumentMatches: true,
    });
    // the database itself refuses to alter a frozen version's figures
    await expect(
      t.sql.query(`UPDATE results_versions SET fingerprint = repeat('0', 64) WHERE version = 1`),
    ).rejects.toThrow(/immutable/);
    await expect(t.sql.query(`DELETE FROM results_versions`)).rejects.toThrow(/never deleted/);
  });

  it('documents: Excel workbook for organisers, PDF minutes and certificates in Vietnamese', async () => {
    const out = join(process.cwd(), 'test-output');
    mkdirSync(out, { recursive: true });
    const xlsx = await t.http
      .get(api('/results/versions/1/documents/results.xlsx'))
      .set(bearer(admin))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Xếp hạng')!;
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(...(row.values as unknown[])));
    expect(values).toEqual(expect.arrayContaining(['Đội phường Hiệp Thành', 178.08, 146.02]));

    const minutes = await t.http
      .get(pub('/results/versions/1/documents/minutes.pdf'))
      .buffer(true)
      .parse(binary);
    expect(minutes.status).toBe(200);
    expect(minutes.headers['content-type']).toBe('application/pdf');
    const file = join(out, 'results-e2e-minutes.pdf');
    writeFileSync(file, minutes.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Đội phường Hiệp Thành',
      'Đội xã Tân Thành',
      '178,08',
      '146,02',
      '18.000.000 đ',
      v1.fingerprint,
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);

    const certificates = await t.http
      .get(pub('/results/versions/1/documents/certificates.pdf'))
      .buffer(true)
      .parse(binary);
    const certFile = join(out, 'results-e2e-certificates.pdf');
    writeFileSync(certFile, certificates.body as Buffer);
    const info = execFileSync('pdfinfo', [certFile], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+11\b/); // 5 ranked + 4 giấy khen + 2 side prizes
    const csv = await t.http
      .get(pub('/results/versions/1/documents/ranking.csv'))
      .buffer(true)
      .parse(binary);
    expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const unknown = await t.http.get(pub('/results/versions/1/documents/secret.txt'));
    expect(unknown.status).toBe(404);
  });

  it('a correction after publication is version 2 with its reason; version 1 stays readable', async () => {
    await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [
          { prizeCode: 'phu_ca_nhan', entryId: entries[5], memberId: await firstMember(5) },
          { prizeCode: 'phu_tap_the', entryId: entries[2] },
        ],
        sponsor: [],
      })
      .expect(200);
    const noReason = await t.http.post(api('/results/freeze')).set(bearer(admin)).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('REASON_REQUIRED');
    const v2 = await t.http
      .post(api('/results/freeze'))
      .set(bearer(admin))
      .send({ reason: 'Đính chính: giải phụ tập thể thuộc đội Tài chính - Kế hoạch.' });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.fingerprint).not.toBe(v1.fingerprint);
    // before approval the public still sees version 1
    expect((await t.http.get(pub('/results'))).body.version).toBe(1);
    await t.http.post(api('/results/versions/2/approve')).set(bearer(secretary)).expect(200);
    const current = await t.http.get(pub('/results'));
    expect(current.body).toMatchObject({
      version: 2,
      correctionReason: 'Đính chính: giải phụ tập thể thuộc đội Tài chính - Kế hoạch.',
    });
    const versions = await t.http.get(pub('/results/versions'));
    expect(
      versions.body.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const old = await t.http.get(pub('/results/versions/1'));
    expect(old.status).toBe(200);
    expect(old.body.fingerprint).toBe(v1.fingerprint);
    const unchanged = await t.http
      .post(api('/results/freeze'))
      .set(bearer(admin))
      .send({ reason: 'Chốt lại lần nữa mà không có thay đổi nào.' });
    expect(unchanged.status).toBe(409);
    expect(unchanged.body.code).toBe('RESULTS_UNCHANGED');
  });

  it('a rejected version is kept with its reason and frees the way for a new freeze', async () => {
    await t.http
      .put(api('/results/awards'))
      .set(bearer(admin))
      .send({
        side: [{ prizeCode: 'phu_tap_the', entryId: entries[2] }],
        sponsor: [],
        notAwarded: [{ prizeCode: 'phu_ca_nhan', reason: 'Đề nghị không trao giải phụ cá nhân.' }],
      })
      .expect(200);
    const v3 = await t.http
      .post(api('/results/freeze'))
      .set(bearer(admin))
      .send({ reason: 'Thử bỏ giải phụ cá nhân theo đề nghị của một thành viên.' });
    expect(v3.status).toBe(201);
    const rejected = await t.http
      .post(api('/results/versions/3/reject'))
      .set(bearer(secretary))
      .send({ reason: 'Giải phụ cá nhân đã được Ban tổ chức thống nhất trao.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    const approveRejected = await t.http
      .post(api('/results/versions/3/approve'))
      .set(bearer(secretary));
    expect(approveRejected.status).toBe(409);
    expect((await t.http.get(pub('/results/versions/3'))).status).toBe(404);
    expect((await t.http.get(pub('/results'))).body.version).toBe(2);
  });

  function teamOf(entryId: string): number {
    return Number(Object.entries(entries).find(([, id]) => id === entryId)![0]);
  }

  async function firstMember(n: number): Promise<string> {
    return (
      await t.sql.query(
        `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id
          WHERE e.id = $1 ORDER BY m.full_name LIMIT 1`,
        [entries[n]],
      )
    ).rows[0].id as string;
  }
});
