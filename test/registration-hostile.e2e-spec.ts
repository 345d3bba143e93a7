import { workbookCsv, type WorkbookRows } from '../bench/registration-workbook';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Registration against an attacker's spreadsheet: cells that look filled but are not, bytes
 * the database refuses, tokens shaped to pass the DTO but not the database.
 */
describe('bulk registration: hostile spreadsheets', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const base = () => `/api/contests/${contestId}/registration`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const created = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'thu-nghiem-2026', name: 'Hội thi thử nghiệm 2026' })
      .expect(201);
    contestId = created.body.id;
  });
  afterAll(() => t?.close());

  const preview = (content: string) =>
    t.http
      .post(`${base()}/preview`)
      .set(bearer(admin))
      .attach('file', Buffer.from(content), 'dang-ky.csv');
  const where = (e: { sheet: string; row: number; column: string | null; code: string }) =>
    `${e.sheet}!${e.column ?? '-'}${e.row} ${e.code}`;

  it('refuses a name made only of zero-width or format characters as an empty cell', async () => {
    const rows: WorkbookRows = {
      units: [['UBND phường Tân Định', 'Phường']],
      teams: [[1, '\u200b\u200c', 'UBND phường Tân Định']],
      members: [[1, '\u200b \u2060\u200d', '', '', 'x']],
      judges: [['\u202e\u200b', 'UBND phường Tân Định', '']],
    };
    const res = await preview(workbookCsv(rows)).expect(200);
    expect(res.body.canCommit).toBe(false);
    expect(res.body.errors.map(where)).toEqual([
      'Đội thi!B6 CELL_REQUIRED',
      'Thành viên!B9 CELL_REQUIRED',
      'Giám khảo!A12 CELL_REQUIRED',
    ]);
  });

  it('recognises people on a re-import typed with invisible characters or in NFD', async () => {
    const first: WorkbookRows = {
      units: [['UBND phường Tân Định', 'Phường']],
      teams: [[1, 'Một cửa số', 'UBND phường Tân Định']],
      members: [[1, 'Nguyễn Văn An', '', '', 'x']],
      judges: [['Trần Thị Bích', '', '']],
    };
    const done = await preview(workbookCsv(first)).expect(200);
    expect(done.body.canCommit).toBe(true);
    await t.http
      .post(`${base()}/commits`)
      .set(bearer(admin))
      .send({ previewToken: done.body.previewToken })
      .expect(201);
    const again: WorkbookRows = {
      units: [['UBND phường Tân Định'.normalize('NFD'), 'Phường']],
      teams: [[1, 'Một cửa\u200b số', 'UBND phường Tân Định']],
      members: [[1, 'Nguyễn\u200b Văn\u2060 An', '', '', 'x']],
      judges: [['Trần Thị\u00ad Bích\u0007'.normalize('NFD'), '', '']],
    };
    const res = await preview(workbookCsv(again)).expect(200);
    expect(res.body).toMatchObject({
      errorCount: 0,
      canCommit: false,
      counts: {
        units: { create: 0, existing: 1 },
        teams: { create: 0, existing: 1 },
        members: { create: 0, existing: 1 },
        judges: { create: 0, existing: 1 },
        accounts: { create: 0 },
      },
    });
  });

  it('answers a slips token of the DTO shape but no UUID with 404 SLIPS_NOT_FOUND, not a query error', async () => {
    const res = await t.http
      .post(`${base()}/slips`)
      .set(bearer(admin))
      .send({ token: `${'-'.repeat(36)}.${'A'.repeat(43)}` });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SLIPS_NOT_FOUND');
  });
  it('refuses a second unit that differs only by NFD/NFC, case or spacing (API and workbook agree)', async () => {
    const units = `/api/contests/${contestId}/units`;
    const first = await t.http
      .post(units)
      .set(bearer(admin))
      .send({ name: 'Phòng Văn hóa và Thông tin', kind: 'phong' })
      .expect(201);
    for (const name of [
      'Phòng Văn hóa và Thông tin'.normalize('NFD'),
      'phòng văn hóa  và thông tin',
    ]) {
      const res = await t.http.post(units).set(bearer(admin)).send({ name, kind: 'phong' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('UNIT_NAME_TAKEN');
    }
    // renaming a unit to another spelling of its own name is not a clash with itself
    await t.http
      .patch(`${units}/${first.body.id}`)
      .set(bearer(admin))
      .send({ name: 'Phòng Văn hóa và Thông Tin' })
      .expect(200);
  });
  it('knows a member added on the team form without a unit when the workbook lists them again', async () => {
    const unit = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'UBND xã Bình Mỹ', kind: 'xa' })
      .expect(201);
    await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({
        number: 40,
        name: 'Xã Bình Mỹ số',
        unitId: unit.body.id,
        members: [{ fullName: 'Huỳnh Thị Lan', isLeader: true }],
      })
      .expect(201);
    const rows: WorkbookRows = {
      teams: [[40, 'Xã Bình Mỹ số', 'UBND xã Bình Mỹ']],
      members: [[40, 'Huỳnh Thị Lan', '', '', 'x']],
    };
    const res = await preview(workbookCsv(rows)).expect(200);
    // the same person, left alone: not a second row for her on team 40
    expect(res.body.counts.members).toEqual({ create: 0, existing: 1 });
    expect(res.body.create.members).toEqual([]);
  });
});
