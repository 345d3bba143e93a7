import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { buildResultsWorkbook, SHEET_PRELIMINARY } from '../src/results/documents/excel';
import { renderMinutesPdf } from '../src/results/documents/pdf';
import type { ResultsDocument } from '../src/results/results-document';
import { amendNormalisation, publishDemoEntries } from './support/fixtures';
import { growToProvinceContest } from '../bench/province-contest';
import { bearer, startTestApp, TestApp } from './support/test-app';

const ENTRIES = 421;
const JUDGES = 15;
const K = 5;

/**
 * Seed 003's size (421 entries, 15 judges) with panels of 5: the plan, every scorecard saved
 * and submitted through the API by the judge it belongs to, the progress list, the results
 * with z-score normalisation and the documents. Set-up (units, teams, entries, judges) is
 * direct SQL; no timing is asserted (budgets are in `npm run bench -- panels`).
 */
describe(`panels at ${ENTRIES} entries × ${JUDGES} judges`, () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const usernames = ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo'];
  const api = () => `/api/contests/${contestId}`;
  let plan: {
    id: string;
    panels: { entryId: string; teamNumber: number; judgeIds: string[] }[];
    judges: { judgeId: string; entries: number }[];
    balanced: boolean;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId } = await publishDemoEntries(t));
    usernames.push(
      ...(await growToProvinceContest(t.sql, contestId, { entries: ENTRIES, judges: JUDGES })),
    );
    await t.sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
  }, 120_000);
  afterAll(() => t?.close());

  it('previews and commits panels of 5: loads 140 or 141, nobody on their own unit', async () => {
    const preview = await t.http
      .post(`${api()}/judging/panels/preview`)
      .set(bearer(admin))
      .send({ k: K });
    expect(preview.status).toBe(200);
    plan = preview.body;
    expect(plan.panels).toHaveLength(ENTRIES);
    expect(plan.panels.every((p) => new Set(p.judgeIds).size === K)).toBe(true);
    // 421 × 5 = 2.105 seats over 15 judges: 140 or 141 each
    const loads = plan.judges.map((j) => j.entries);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(ENTRIES * K);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(plan.balanced).toBe(true);
    const sameUnit = await t.sql.query(
      `SELECT count(*)::int AS n
         FROM jsonb_to_recordset((SELECT panels FROM judging_panel_plans WHERE id = $1))
              AS p("entryId" uuid, "judgeIds" uuid[])
         JOIN entries e ON e.id = p."entryId"
         JOIN teams t ON t.id = e.team_id
         JOIN contest_members m ON m.contest_id = e.contest_id AND m.role = 'judge'
              AND m.user_id = ANY(p."judgeIds")
        WHERE m.unit_id = t.unit_id`,
      [plan.id],
    );
    expect(sameUnit.rows[0].n).toBe(0);
    const commit = await t.http
      .post(`${api()}/judging/panels/${plan.id}/commit`)
      .set(bearer(admin))
      .send({});
    expect(commit.status).toBe(200);
    expect(commit.body.assignments).toBe(ENTRIES * K);
  }, 60_000);

  it('each judge scores their own 140-141 entries through the API (2.105 scorecards)', async () => {
    const scoreAll = async (username: string, j: number) => {
      // the extra judges share gk.nguyen's password (growToProvinceContest)
      const token = await t.login(
        username,
        username.startsWith('gk.tinh') ? t.password('gk.nguyen') : undefined,
      );
      const mine = await t.http.get(`${api()}/judging/assignments`).set(bearer(token));
      expect(mine.body.length).toBeGreaterThanOrEqual(140);
      const visible = await t.http.get(`${api()}/entries`).set(bearer(token));
      expect(visible.body).toHaveLength(mine.body.length);
      for (const a of mine.body as { entryId: string }[]) {
        const n = plan.panels.find((p) => p.entryId === a.entryId)!.teamNumber;
        const scores = {
          novelty: 8 + (n % 7),
          usefulness: 9 + (j % 5),
          practicality: 10 + ((n + j) % 4) * 0.25,
          breakthrough: 7 + (n % 8),
          quality: 5 + (j % 3),
        };
        const url = `${api()}/judging/entries/${a.entryId}/scorecard`;
        const saved = await t.http.put(url).set(bearer(token)).send({ scores });
        expect(saved.status).toBe(200);
        const done = await t.http
          .post(`${url}/submit`)
          .set(bearer(token))
          .send({ version: saved.body.version });
        expect(done.status).toBe(200);
      }
    };
    // a few judges at a time, as a hall of tablets would
    for (let i = 0; i < usernames.length; i += 5)
      await Promise.all(usernames.slice(i, i + 5).map((u, d) => scoreAll(u, i + d)));
    const { rows } = await t.sql.query(
      `SELECT count(*)::int AS n FROM scorecards WHERE contest_id = $1 AND status = 'submitted'`,
      [contestId],
    );
    expect(rows[0].n).toBe(ENTRIES * K);
  }, 600_000);

  it('lists judging progress a page at a time, searched and filtered', async () => {
    const last = await t.http
      .get(`${api()}/judging/progress/entries?page=9&limit=50`)
      .set(bearer(admin));
    expect(last.status).toBe(200);
    expect(last.body).toMatchObject({ mode: 'panels', panelSize: K, total: ENTRIES, page: 9 });
    expect(last.body.items).toHaveLength(ENTRIES - 8 * 50);
    expect(last.body.counts).toMatchObject({ all: ENTRIES, complete: ENTRIES, incomplete: 0 });
    expect(last.body.judges).toHaveLength(JUDGES);
    expect(last.body.judges.every((j: { missing: number }) => j.missing === 0)).toBe(true);
    const one = await t.http
      .get(`${api()}/judging/progress/entries?search=${encodeURIComponent('Đội thi số 400')}`)
      .set(bearer(admin));
    expect(one.body.items.map((i: { teamNumber: number }) => i.teamNumber)).toEqual([400]);
    expect(one.body.items[0].judges).toHaveLength(K);
    const incomplete = await t.http
      .get(`${api()}/judging/progress/entries?state=incomplete`)
      .set(bearer(admin));
    expect(incomplete.body.total).toBe(0);
  }, 60_000);

  it('computes z-score results for all 421 entries and renders the workbook and the minutes', async () => {
    await t.http.post(`${api()}/judging/close`).set(bearer(admin)).send({}).expect(200);
    await amendNormalisation(t, contestId, 'zScore');
    const res = await t.http.get(`${api()}/results`).set(bearer(admin));
    expect(res.status).toBe(200);
    const doc = res.body.document as ResultsDocument;
    expect(doc.teams).toHaveLength(ENTRIES);
    for (const team of doc.teams) {
      expect(team.judgeCards).toHaveLength(K);
      expect(team.judgesRawPoints).toMatch(/^\d+\.\d{2}$/);
      for (const c of team.judgeCards) {
        const value = Number(c.normalised);
        expect(value >= 0 && value <= 70).toBe(true);
      }
    }

    const meta = {
      version: 1,
      fingerprint: '0'.repeat(64),
      frozenAt: new Date().toISOString(),
      publishedAt: null,
      correctionReason: null,
    };
    const dir = join(__dirname, '..', 'test-output');
    mkdirSync(dir, { recursive: true });
    const xlsx = await buildResultsWorkbook(doc, meta);
    writeFileSync(join(dir, 'panels-421.xlsx'), xlsx);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(SHEET_PRELIMINARY)!;
    const numbers = (sheet.getSheetValues() as unknown[][])
      .map((r) => r?.[1])
      .filter((v) => typeof v === 'number');
    expect(numbers).toHaveLength(ENTRIES);
    const pdf = await renderMinutesPdf(doc, meta);
    writeFileSync(join(dir, 'panels-421-minutes.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);
});
