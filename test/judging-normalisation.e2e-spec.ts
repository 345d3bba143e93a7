import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { buildResultsWorkbook, SHEET_PRELIMINARY } from '../src/results/documents/excel';
import { renderMinutesPdf } from '../src/results/documents/pdf';
import type { ResultsDocument, TeamResult } from '../src/results/results-document';
import { amendNormalisation, publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Normalised judges' points through the API, with the worked example of docs/scoring.md
 * ("Panels and normalisation"): three judges score overlapping subsets of teams 2, 3, 4
 * (x, y, z), max 70, centre 35, plain mean, at least 2 cards per entry.
 *
 *   judge A (gk.nguyen): x 60, y 50, z 40   mean 50, σ 8,165
 *   judge B (gk.tran):   x 66, y 62         mean 64, σ 2
 *   judge C (gk.le):     y 30, z 20         mean 25, σ 5
 *
 * raw means: x (60 + 66) / 2 = 63,00; y (50 + 62 + 30) / 3 = 47,33; z (40 + 20) / 2 = 30,00
 * meanCentering (35 + total − judge's mean):
 *   A 45 / 35 / 25, B 37 / 33, C 40 / 30 → x 41,00; y 108 / 3 = 36,00; z 27,50
 * zScore (35 + z × 70 / 6): A's z = ±1,2247 → 49,29 / 35,00 / 20,71; B and C ±1 → 46,67 / 23,33
 *   → x (49,29 + 46,67) / 2 = 47,98; y (35 + 23,33 + 46,67) / 3 = 35,00; z (20,71 + 23,33) / 2 = 22,02
 */
describe('normalised judges’ points (panel judging)', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number }[];
  const api = () => `/api/contests/${contestId}`;
  const entry = (n: number) => entries.find((e) => e.teamNumber === n)!.id;

  /** totals split over the five criteria (15, 15, 15, 15, 10) */
  const CARD: Record<number, [number, number, number, number, number]> = {
    60: [15, 15, 15, 10, 5],
    50: [12, 12, 12, 10, 4],
    40: [10, 10, 10, 6, 4],
    66: [15, 15, 15, 13, 8],
    62: [15, 15, 14, 12, 6],
    30: [8, 8, 6, 6, 2],
    20: [5, 5, 5, 3, 2],
  };
  // team number → total, per judge (x = team 2, y = team 3, z = team 4)
  const SCORES: Record<string, Record<number, number>> = {
    'gk.nguyen': { 2: 60, 3: 50, 4: 40 },
    'gk.tran': { 2: 66, 3: 62 },
    'gk.le': { 3: 30, 4: 20 },
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId, entries } = await publishDemoEntries(t));
    const current = await t.http.get(`${api()}/rules`).set(bearer(admin));
    const rules = current.body.rules;
    rules.judging.minJudges = 2;
    await t.http
      .put(`${api()}/rules`)
      .set(bearer(admin))
      .send({ rules, rulesVersion: current.body.rulesVersion })
      .expect(200);
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
    for (const [username, byTeam] of Object.entries(SCORES)) {
      const judgeId = (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username]))
        .rows[0].id;
      await t.http
        .put(`${api()}/judging/assignments`)
        .set(bearer(admin))
        .send({ judgeId, entryIds: Object.keys(byTeam).map((n) => entry(Number(n))) })
        .expect(200);
      const token = await t.login(username);
      for (const [n, total] of Object.entries(byTeam)) {
        const [novelty, usefulness, practicality, breakthrough, quality] = CARD[total]!;
        const url = `${api()}/judging/entries/${entry(Number(n))}/scorecard`;
        const saved = await t.http
          .put(url)
          .set(bearer(token))
          .send({ scores: { novelty, usefulness, practicality, breakthrough, quality } })
          .expect(200);
        expect(saved.body.total).toBe(`${total}.00`);
        await t.http
          .post(`${url}/submit`)
          .set(bearer(token))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    // results are worked on from the final on
    await t.http.post(`${api()}/judging/close`).set(bearer(admin)).send({}).expect(200);
  });
  afterAll(() => t?.close());

  const results = async (): Promise<ResultsDocument> => {
    const res = await t.http.get(`${api()}/results`).set(bearer(admin));
    expect(res.status).toBe(200);
    return res.body.document as ResultsDocument;
  };
  const team = (doc: ResultsDocument, n: number) => doc.teams.find((x) => x.teamNumber === n)!;
  const cards = (x: TeamResult) =>
    Object.fromEntries(x.judgeCards.map((c) => [c.judgeName, [c.total, c.normalised]]));
  const amend = (method: 'zScore' | 'meanCentering') => amendNormalisation(t, contestId, method);

  it('by default keeps the plain mean, with no normalised figures at all', async () => {
    const doc = await results();
    expect(doc.rules.judgingNormalisation).toBeUndefined();
    expect([2, 3, 4].map((n) => team(doc, n).judgesPoints)).toEqual(['63.00', '47.33', '30.00']);
    expect('judgesRawPoints' in team(doc, 2)).toBe(false);
    expect(team(doc, 2).judgeCards.every((c) => !('normalised' in c))).toBe(true);
  });

  it('mean-centering: normalised and raw figures side by side, as worked by hand', async () => {
    await amend('meanCentering');
    const doc = await results();
    expect(doc.rules.judgingNormalisation).toBe('meanCentering');
    expect([2, 3, 4].map((n) => team(doc, n).judgesPoints)).toEqual(['41.00', '36.00', '27.50']);
    expect([2, 3, 4].map((n) => team(doc, n).judgesRawPoints)).toEqual(['63.00', '47.33', '30.00']);
    expect(cards(team(doc, 3))).toEqual({
      'Nguyễn Minh Triều': ['50.00', '35.00'],
      [team(doc, 3).judgeCards.find((c) => c.total === '62.00')!.judgeName]: ['62.00', '33.00'],
      [team(doc, 3).judgeCards.find((c) => c.total === '30.00')!.judgeName]: ['30.00', '40.00'],
    });
    // preliminary = interaction (no counts: 0) + normalised judges' points
    expect(team(doc, 2).preliminary).toBe('41.00');
  });

  it('z-score: the worked example, and both figures in the Excel workbook and the PDF minutes', async () => {
    await amend('zScore');
    const doc = await results();
    expect([2, 3, 4].map((n) => team(doc, n).judgesPoints)).toEqual(['47.98', '35.00', '22.02']);
    expect(cards(team(doc, 2))).toMatchObject({ 'Nguyễn Minh Triều': ['60.00', '49.29'] });
    expect(cards(team(doc, 4))).toMatchObject({ 'Nguyễn Minh Triều': ['40.00', '20.71'] });

    const meta = {
      version: 1,
      fingerprint: '0'.repeat(64),
      frozenAt: '2022-09-01T03:00:00.000Z',
      publishedAt: null,
      correctionReason: null,
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildResultsWorkbook(doc, meta)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(SHEET_PRELIMINARY)!;
    const rows = sheet.getSheetValues() as unknown[][];
    const headerIndex = rows.findIndex((r) => r?.includes('Điểm giám khảo (thô)'));
    expect(headerIndex).toBeGreaterThan(0);
    const header = rows[headerIndex]!;
    const rawCol = header.indexOf('Điểm giám khảo (thô)');
    const normCol = header.indexOf('Điểm giám khảo (chuẩn hoá)');
    expect(header).toContain('Nguyễn Minh Triều – Tổng chuẩn hoá');
    const teamRow = rows.find((r) => r?.[1] === 2)!;
    expect([teamRow[rawCol], teamRow[normCol]]).toEqual([63, 47.98]);

    const pdf = await renderMinutesPdf(doc, meta);
    const dir = join(__dirname, '..', 'test-output');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'normalised-minutes.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-'], {
      encoding: 'utf8',
    });
    expect(stdout).toContain('GK thô');
    expect(stdout).toMatch(/điểm chuẩn \(z-score\)/);
    expect(stdout).toMatch(/47,98\s+63,00/);
  });
});
