import { execFileSync } from 'node:child_process';
import { fingerprint } from '../src/results/fingerprint';
import { binary } from './support/binary';
import { sampleResultsDocument } from './support/sample-results';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * People are shown by display name (full name and role), never by login name. Rows stored
 * before display names were recorded hold login names; they are not rewritten (frozen
 * documents are fingerprinted, the audit log is hash-chained) but shown by display name.
 */
describe('people shown by display name, including rows stored with login names', () => {
  let t: TestApp;
  let contestId: string;
  const id = async (username: string) =>
    (await t.sql.query(`SELECT id FROM users WHERE username = $1`, [username])).rows[0]
      .id as string;
  const pub = (path: string) => `/api/public/contests/nga-bay-2022/results${path}`;

  beforeAll(async () => {
    t = await startTestApp();
    contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id;
    // A version frozen, decided and approved by an earlier release: login names everywhere.
    const doc = sampleResultsDocument();
    doc.contest = { ...doc.contest, id: contestId, slug: 'nga-bay-2022' };
    doc.tieDecisions = [
      {
        entryIds: [doc.teams[0]!.entryId, doc.teams[1]!.entryId],
        reason: 'Ban tổ chức biểu quyết 4/5 phiếu.',
        decidedBy: 'admin',
        decidedAt: '2022-09-08T10:00:00.000Z',
      },
    ];
    await t.sql.query(
      `INSERT INTO tie_decisions (contest_id, entry_ids, reason, decided_by, decided_by_name)
       VALUES ($1, $2, 'Ban tổ chức biểu quyết 4/5 phiếu.', $3, 'admin')`,
      [contestId, JSON.stringify(doc.tieDecisions[0]!.entryIds), await id('admin')],
    );
    await t.sql.query(
      `INSERT INTO results_versions (contest_id, version, status, document, fingerprint, frozen_by,
         frozen_by_name, frozen_at, approved_by, approved_by_name, published_at)
       VALUES ($1, 1, 'published', $2, $3, $4, 'admin', now(), $5, 'btc.thuky', now())`,
      [contestId, JSON.stringify(doc), fingerprint(doc), await id('admin'), await id('btc.thuky')],
    );
    await t.sql.query(
      `INSERT INTO audit_log (contest_id, actor_id, actor_name, action, entity_type, entity_id)
       VALUES ($1, $2, 'btc.thuky', 'results.published', 'results_version', NULL)`,
      [contestId, await id('btc.thuky')],
    );
    await t.sql.query(`UPDATE contests SET status = 'results_published' WHERE id = $1`, [
      contestId,
    ]);
  });
  afterAll(() => t?.close());

  it('the public results give who froze, approved and decided by display name', async () => {
    const versions = await t.http.get(pub('/versions')).expect(200);
    expect(versions.body[0]).toMatchObject({
      frozenBy: 'Quản trị hệ thống (BTC)',
      approvedBy: 'Nguyễn Văn An (BTC)',
    });
    const current = await t.http.get(pub('')).expect(200);
    expect(current.body.document.tieDecisions[0].decidedBy).toBe('Quản trị hệ thống (BTC)');
    for (const body of [versions.body, current.body])
      expect(JSON.stringify(body)).not.toMatch(/btc\.thuky|"admin"/);
  });

  it('the minutes PDF names the decider by display name', async () => {
    const res = await t.http
      .get(pub('/versions/1/documents/minutes.pdf'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
      input: res.body as Buffer,
    }).toString('utf8');
    expect(text.replace(/\s+/g, ' ')).toContain('Người quyết định: Quản trị hệ thống (BTC)');
    expect(text).not.toMatch(/btc\.thuky|\badmin\b/);
  });

  it('the organisers see display names too; the stored version keeps its bytes and fingerprint', async () => {
    const admin = await t.login('admin');
    const api = `/api/contests/${contestId}`;
    const version = await t.http.get(`${api}/results/versions/1`).set(bearer(admin)).expect(200);
    expect(version.body.document.tieDecisions[0].decidedBy).toBe('Quản trị hệ thống (BTC)');
    expect(version.body.approvedBy).toBe('Nguyễn Văn An (BTC)');
    const stored = await t.sql.query(
      `SELECT document, fingerprint, frozen_by_name FROM results_versions WHERE contest_id = $1`,
      [contestId],
    );
    expect(stored.rows[0].document.tieDecisions[0].decidedBy).toBe('admin');
    expect(stored.rows[0].frozen_by_name).toBe('admin');
    const verify = await t.http
      .get(`${api}/results/versions/1/verify`)
      .set(bearer(admin))
      .expect(200);
    expect(verify.body.storedDocumentMatches).toBe(true);
    expect(fingerprint(stored.rows[0].document)).toBe(stored.rows[0].fingerprint);
  });

  it('audit rows name the actor by display name: new rows store it, old rows are shown by it', async () => {
    const organiser = await t.login('btc.thuky');
    const api = `/api/contests/${contestId}`;
    await t.http
      .post(`${api}/units`)
      .set(bearer(organiser))
      .send({ name: 'Phòng Y tế thành phố', kind: 'phong' })
      .expect(201);
    const stored = await t.sql.query(
      `SELECT actor_name FROM audit_log WHERE action = 'unit.create' ORDER BY id DESC LIMIT 1`,
    );
    expect(stored.rows[0].actor_name).toBe('Nguyễn Văn An (BTC)');
    const list = await t.http.get(`${api}/audit`).set(bearer(organiser)).expect(200);
    const names = new Set(list.body.map((row: { actorName: string | null }) => row.actorName));
    expect(names).toContain('Nguyễn Văn An (BTC)');
    expect(JSON.stringify(list.body)).not.toMatch(/"actorName":"(btc\.thuky|admin)"/);
  });
});
