import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { buildResultsWorkbook, SHEET_PRELIMINARY } from '../src/results/documents/excel';
import { renderMinutesPdf } from '../src/results/documents/pdf';
import type { ResultsDocument } from '../src/results/results-document';
import { provinceWorkbook, workbookXlsx } from '../bench/registration-workbook';
import { binary } from './support/binary';
import { FANPAGE } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

const TEAMS = 421;
const JUDGES = 15;
const K = 5;
/** scorecards in flight at once, across all judges (a hall of tablets, not a flood) */
const CONCURRENCY = 6;

/**
 * Issue 24's first "Done when", in one flow on a new contest: one registration workbook
 * (60 units, 421 teams × 3 members, 15 judges) → entries approved in bulk and published →
 * panels of 5 → every judge's 140-141 scorecards saved and submitted (2.105) → results → the
 * minutes (PDF) and the workbook (XLSX) at that size.
 *
 * Through the API: contest creation and every lifecycle move, the workbook preview and commit,
 * the account slips (the judges sign in with the temporary passwords printed on them and
 * choose their own), bulk approval, the post-address CSV, publish-all, the panel preview and
 * commit, every scorecard save and submit, closing judging and computing the results.
 * Set-up shortcuts (direct SQL, as `test/support/many-entries.ts` does for the other
 * 421-entry tests): each team's two ready uploads and its submitted entry — the upload and
 * submission routes are covered by their own tests, and 421 team sign-ins would each cost an
 * argon2 hash. The documents are rendered by the production renderers from the document the
 * API computed: a frozen version (whose documents the API serves) needs a final round, tie
 * decisions and prizes, which are not part of this flow.
 */
describe(`a province contest: ${TEAMS} teams from one workbook, panels of ${K}, results`, () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const move = (to: string) =>
    t.http.post(api('/transitions')).set(bearer(admin)).send({ to }).expect(200);
  const count = async (query: string) => Number((await t.sql.query(query, [contestId])).rows[0].n);

  /** judge username → temporary password, read back from the account slips */
  const judgePasswords = new Map<string, string>();
  let entryIds: string[] = [];
  let plan: { id: string; panels: { entryId: string; teamNumber: number; judgeIds: string[] }[] };
  let doc: ResultsDocument;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const created = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({
        slug: 'so-noi-vu-2026',
        name: 'Hội thi sáng kiến Sở Nội vụ 2026',
        fanpageUrl: FANPAGE,
      })
      .expect(201);
    contestId = created.body.id;
    await move('registration');
  });
  afterAll(() => t?.close());

  it('registers 60 units, 421 teams of 3 and 15 judges from one workbook, with slips', async () => {
    const xlsx = await workbookXlsx(
      provinceWorkbook({ units: 60, teams: TEAMS, members: 3, judges: JUDGES }),
    );
    const previewed = await t.http
      .post(api('/registration/preview'))
      .set(bearer(admin))
      .attach('file', xlsx, 'dang-ky-421.xlsx')
      .expect(200);
    expect(previewed.body).toMatchObject({ errorCount: 0, canCommit: true });
    expect(previewed.body.counts).toMatchObject({
      units: { create: 60 },
      teams: { create: TEAMS },
      members: { create: TEAMS * 3 },
      judges: { create: JUDGES },
      accounts: { create: TEAMS + JUDGES },
    });
    const done = await t.http
      .post(api('/registration/commits'))
      .set(bearer(admin))
      .send({ previewToken: previewed.body.previewToken })
      .expect(201);
    expect(done.body.slips.people).toBe(TEAMS + JUDGES);

    const slips = await t.http
      .post(api('/registration/slips'))
      .set(bearer(admin))
      .send({ token: done.body.slips.token })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
      input: slips.body as Buffer,
    }).toString();
    const judges = await t.sql.query(
      `SELECT u.username FROM users u JOIN contest_members m ON m.user_id = u.id
        WHERE m.contest_id = $1 AND m.role = 'judge' ORDER BY u.username`,
      [contestId],
    );
    expect(judges.rows).toHaveLength(JUDGES);
    for (const { username } of judges.rows as { username: string }[]) {
      const at = text.indexOf(`Tên đăng nhập: ${username}\n`);
      expect(at).toBeGreaterThan(-1);
      const password = /Mật khẩu tạm thời: (\S+)/.exec(text.slice(at))![1];
      judgePasswords.set(username, password);
    }
    expect(
      await count(`SELECT count(*) AS n FROM team_members WHERE contest_id = $1 AND is_leader`),
    ).toBe(TEAMS);
  }, 300_000);

  it('approves all 421 entries in one bulk request, imports their post addresses, publishes', async () => {
    await move('submission');
    // Set-up shortcut: each registered team's video and outline, ready, and its submitted entry.
    const seeded = await t.sql.query(
      `WITH v AS (
         INSERT INTO uploads (contest_id, team_id, kind, status, original_name, size, received,
                              sha256, detected_type, mime, completed_at)
         SELECT $1, t.id, k.kind, 'ready',
                'doi' || t.number || CASE k.kind WHEN 'video' THEN '.mp4' ELSE '.pdf' END,
                1000, 1000, md5(k.kind || t.id::text) || md5(t.id::text || k.kind),
                CASE k.kind WHEN 'video' THEN 'mp4' ELSE 'pdf' END,
                CASE k.kind WHEN 'video' THEN 'video/mp4' ELSE 'application/pdf' END, now()
           FROM teams t CROSS JOIN (VALUES ('video'), ('outline')) AS k(kind)
          WHERE t.contest_id = $1
         RETURNING id, team_id, kind)
       INSERT INTO entries (contest_id, team_id, status, name, context, implementation, benefits,
                            category, originality_declared_at, video_upload_id,
                            outline_upload_id, submitted_at)
       SELECT $1, t.id, 'submitted', 'Mô hình cải cách số ' || t.number,
              'Người dân cần giải quyết thủ tục nhanh hơn.',
              'Tiếp nhận hồ sơ qua mạng, trả kết quả tại nhà.',
              'Tiết kiệm thời gian và chi phí cho người dân.', 'Cải cách thủ tục hành chính',
              now(), vv.id, vo.id, now() - (t.number || ' minutes')::interval
         FROM teams t JOIN v vv ON vv.team_id = t.id AND vv.kind = 'video'
                      JOIN v vo ON vo.team_id = t.id AND vo.kind = 'outline'
        WHERE t.contest_id = $1
       RETURNING id`,
      [contestId],
    );
    entryIds = seeded.rows.map((r: { id: string }) => r.id);
    expect(entryIds).toHaveLength(TEAMS);
    await move('moderation');

    const queue = await t.http.get(api('/moderation?limit=10')).set(bearer(admin)).expect(200);
    expect(Number(queue.headers['x-total-count'])).toBe(TEAMS);
    const approved = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds, note: 'Duyệt toàn bộ' })
      .expect(200);
    expect(approved.body.approved).toHaveLength(TEAMS);
    expect(approved.body.blocked).toEqual([]);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE contest_id = $1 AND action = 'entry.approve'`,
      ),
    ).toBe(TEAMS);

    const lines = Array.from({ length: TEAMS }, (_, i) => `${i + 1},${FANPAGE}/posts/${9000 + i}`);
    await t.http
      .post(api('/post-urls'))
      .set(bearer(admin))
      .send({ text: ['Số đội,Địa chỉ bài đăng', ...lines].join('\n') })
      .expect(200);
    await t.http.post(api('/publish-all')).set(bearer(admin)).send({}).expect(200);
    expect(
      await count(
        `SELECT count(*) AS n FROM entries WHERE contest_id = $1 AND status = 'published'`,
      ),
    ).toBe(TEAMS);
    await move('judging');
  }, 300_000);

  it('previews and commits panels of 5: every entry 5 judges, loads 140 or 141', async () => {
    const preview = await t.http
      .post(api('/judging/panels/preview'))
      .set(bearer(admin))
      .send({ k: K })
      .expect(200);
    plan = preview.body;
    expect(plan.panels).toHaveLength(TEAMS);
    expect(plan.panels.every((p) => new Set(p.judgeIds).size === K)).toBe(true);
    const loads = (preview.body.judges as { entries: number }[]).map((j) => j.entries);
    expect(loads).toHaveLength(JUDGES);
    expect(Math.min(...loads)).toBe(140);
    expect(Math.max(...loads)).toBe(141);
    const commit = await t.http
      .post(api(`/judging/panels/${plan.id}/commit`))
      .set(bearer(admin))
      .send({})
      .expect(200);
    expect(commit.body.assignments).toBe(TEAMS * K);
  }, 120_000);

  it('every judge signs in with the slip password and submits their scorecards (2.105)', async () => {
    const numberOf = new Map(plan.panels.map((p) => [p.entryId, p.teamNumber]));
    const cards: { token: string; j: number; entryId: string }[] = [];
    for (const [j, [username, password]] of [...judgePasswords].entries()) {
      const token = await t.login(username, password); // chooses their own password first
      const mine = await t.http.get(api('/judging/assignments')).set(bearer(token)).expect(200);
      expect([140, 141]).toContain(mine.body.length);
      for (const a of mine.body as { entryId: string }[])
        cards.push({ token, j, entryId: a.entryId });
    }
    expect(cards).toHaveLength(TEAMS * K);

    const scoreOne = async ({ token, j, entryId }: (typeof cards)[number]) => {
      const n = numberOf.get(entryId)!;
      const scores = {
        novelty: 8 + (n % 7),
        usefulness: 9 + (j % 5),
        practicality: 10 + ((n + j) % 4) * 0.25,
        breakthrough: 7 + (n % 8),
        quality: 5 + (j % 3),
      };
      const url = api(`/judging/entries/${entryId}/scorecard`);
      const saved = await t.http.put(url).set(bearer(token)).send({ scores });
      expect(saved.status).toBe(200);
      const done = await t.http
        .post(`${url}/submit`)
        .set(bearer(token))
        .send({ version: saved.body.version });
      expect(done.status).toBe(200);
    };
    // bounded concurrency: CONCURRENCY workers take the next card until none is left
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cards.length) await scoreOne(cards[next++]);
      }),
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM scorecards WHERE contest_id = $1 AND status = 'submitted'`,
      ),
    ).toBe(TEAMS * K);
    const progress = await t.http
      .get(api('/judging/progress/entries?limit=10'))
      .set(bearer(admin))
      .expect(200);
    expect(progress.body.counts).toMatchObject({ all: TEAMS, complete: TEAMS, incomplete: 0 });
  }, 900_000);

  it('closes judging and computes results for 421 entries, each from its 5 judges', async () => {
    await t.http.post(api('/judging/close')).set(bearer(admin)).send({}).expect(200);
    const res = await t.http.get(api('/results')).set(bearer(admin)).expect(200);
    doc = res.body.document;
    expect(doc.teams).toHaveLength(TEAMS);
    const panelOf = new Map(plan.panels.map((p) => [p.entryId, p.judgeIds]));
    for (const team of doc.teams) {
      expect(team.judgeCards).toHaveLength(K);
      expect(team.judgeCards.map((c) => c.judgeId).sort()).toEqual(
        [...panelOf.get(team.entryId)!].sort(),
      );
      // the plain mean of the five totals, exact to the hundredth
      const sum = team.judgeCards.reduce((s, c) => s + Math.round(Number(c.total) * 100), 0);
      expect(Math.round(Number(team.judgesPoints) * 100)).toBe(Math.round(sum / K));
    }
  }, 120_000);

  it('renders the workbook (421 rows, 5 judges each) and the minutes (a sample team found)', async () => {
    const meta = {
      version: 1,
      fingerprint: '0'.repeat(64),
      frozenAt: new Date().toISOString(),
      publishedAt: null,
      correctionReason: null,
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildResultsWorkbook(doc, meta)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(SHEET_PRELIMINARY)!;
    const rows = sheet.getSheetValues() as unknown[][];
    const header = rows.findIndex((r) => r?.some((v) => String(v).endsWith(' – Tổng')));
    const totalColumns = rows[header]
      .map((v, c) => (String(v).endsWith(' – Tổng') ? c : -1))
      .filter((c) => c >= 0);
    expect(totalColumns).toHaveLength(JUDGES);
    const data = rows.slice(header + 1).filter((r) => typeof r?.[1] === 'number');
    expect(data).toHaveLength(TEAMS);
    expect(new Set(data.map((r) => r[1])).size).toBe(TEAMS);
    for (const row of data)
      expect(totalColumns.filter((c) => typeof row[c] === 'number')).toHaveLength(K);

    const pdf = await renderMinutesPdf(doc, meta);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
      input: pdf,
    }).toString();
    // every team has its line; a cell wraps the team's name, so a sample team is found by its
    // unit and its figures (interactions 0,00, judges' mean, preliminary score) on one line
    expect(text.match(/Sáng kiến cải cách số/g)!.length).toBeGreaterThanOrEqual(TEAMS);
    const sample = doc.teams.find((team) => team.teamNumber === 400)!;
    const points = sample.judgesPoints!.replace('.', ',');
    expect(text).toMatch(new RegExp(`${sample.unitName}\\s+0,00\\s+${points}\\s+${points}`));
  }, 180_000);
});
