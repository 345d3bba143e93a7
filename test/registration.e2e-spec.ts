import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import {
  provinceWorkbook,
  workbookCsv,
  workbookXlsx,
  type WorkbookRows,
} from '../bench/registration-workbook';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Bulk registration (issue 24): a workbook previewed with exact errors, committed all or
 * nothing with audit rows and accounts, idempotent by content, and account slips read back
 * with pdftotext and used to sign in.
 */
describe('bulk registration', () => {
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
      .send({ slug: 'sang-kien-2026', name: 'Hội thi sáng kiến cải cách hành chính 2026' })
      .expect(201);
    contestId = created.body.id;
  });
  afterAll(() => t?.close());

  const preview = (content: string | Buffer, as = admin, name = 'dang-ky.csv') =>
    t.http
      .post(`${base()}/preview`)
      .set(bearer(as))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  const commit = (token: string, as = admin) =>
    t.http.post(`${base()}/commits`).set(bearer(as)).send({ previewToken: token });
  const slips = (token: string, as = admin) =>
    t.http
      .post(`${base()}/slips`)
      .set(bearer(as))
      .send({ token })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const count = async (table: string) =>
    Number(
      (await t.sql.query(`SELECT count(*) FROM ${table} WHERE contest_id = $1`, [contestId]))
        .rows[0].count,
    );
  const pdfText = (pdf: Buffer) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString();

  const small: WorkbookRows = {
    units: [
      ['UBND phường Hiệp Thành', 'Phường'],
      ['Phòng Tư pháp thành phố', 'Phòng'],
    ],
    teams: [
      [5, 'Chính quyền 24 giờ', 'UBND phường Hiệp Thành'],
      [6, 'Một cửa thân thiện', 'Phòng Tư pháp thành phố'],
    ],
    members: [
      [5, 'Nguyễn Thị Mai', 'Công chức Văn phòng - Thống kê', '', 'x'],
      [5, 'Trần Văn Bình', 'Phó Chủ tịch UBND phường', '', ''],
      [6, 'Lê Hoàng Phong', 'Chuyên viên', 'Phòng Tư pháp thành phố', 'x'],
    ],
    judges: [['Phạm Thị Thanh Xuân', 'Phòng Tư pháp thành phố', 'xuan.ptt@example.gov.vn']],
    organisers: [['Võ Văn Hùng', '', '']],
  };

  it('downloads the templates: five sheets with Vietnamese headers (XLSX), sections (CSV)', async () => {
    const xlsx = await t.http
      .get(`${base()}/template.xlsx`)
      .set(bearer(admin))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Đơn vị',
      'Đội thi',
      'Thành viên',
      'Giám khảo',
      'Ban tổ chức',
      'Hướng dẫn',
    ]);
    expect(book.getWorksheet('Thành viên')!.getRow(1).values).toEqual([
      undefined,
      'Số đội',
      'Họ và tên',
      'Chức vụ',
      'Đơn vị công tác',
      'Trưởng nhóm',
    ]);
    const csv = await t.http.get(`${base()}/template.csv`).set(bearer(admin)).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFF[Đơn vị],,,,',
      'Tên đơn vị,Loại đơn vị,,,',
      ',,,,',
    ]);
    // the blank templates preview cleanly: nothing to create, nothing wrong
    const blank = await preview(csv.text).expect(200);
    expect(blank.body).toMatchObject({ errorCount: 0, canCommit: false, previewToken: null });
  });

  it('previews errors by sheet, row and column, in Vietnamese, and writes nothing', async () => {
    const bad: WorkbookRows = {
      units: [
        ['UBND phường Hiệp Thành', 'Phường'],
        ['ubnd phường hiệp  thành', ''],
        ['Sở Nội vụ', 'Sở'],
      ],
      teams: [
        [5, 'Chính quyền 24 giờ', 'UBND phường Hiệp Thành'],
        ['năm', 'Đội chữ', 'UBND phường Hiệp Thành'],
        [7, '', 'Phường không có'],
      ],
      members: [
        [5, 'Nguyễn Thị Mai', '', '', 'x'],
        [5, 'Trần Văn Bình', '', '', 'có'],
        [9, 'Lê Văn C', '', '', ''],
        [5, 'Đỗ Văn D', '', '', 'không rõ'],
      ],
      judges: [['Phạm Thị Thanh Xuân', '', 'khong-phai-email']],
    };
    const res = await preview(workbookCsv(bad)).expect(200);
    expect(res.body.canCommit).toBe(false);
    expect(res.body.previewToken).toBeNull();
    const where = (e: { sheet: string; row: number; column: string | null; code: string }) =>
      `${e.sheet}!${e.column ?? '-'}${e.row} ${e.code}`;
    // CSV rows are file lines: [Đơn vị] is line 1, its header line 2
    expect(res.body.errors.map(where)).toEqual([
      'Đơn vị!A4 DUPLICATE_ROW',
      'Đơn vị!B5 UNIT_KIND_INVALID',
      'Đội thi!A9 TEAM_NUMBER_INVALID',
      'Đội thi!B10 CELL_REQUIRED',
      'Thành viên!E14 SECOND_LEADER',
      'Thành viên!A15 TEAM_UNKNOWN',
      'Thành viên!E16 LEADER_INVALID',
      'Giám khảo!C19 EMAIL_INVALID',
    ]);
    expect(res.body.errors[0]).toEqual({
      sheet: 'Đơn vị',
      row: 4,
      column: 'A',
      columnName: 'Tên đơn vị',
      code: 'DUPLICATE_ROW',
      message: 'Đơn vị "ubnd phường hiệp thành" trùng với dòng 3 của trang "Đơn vị".',
    });
    expect(res.body.errors[4].message).toBe(
      'Đội số 5 đã có trưởng nhóm; mỗi đội chỉ một trưởng nhóm.',
    );
    expect(await count('units')).toBe(0);
    expect(await count('registration_previews')).toBe(0);
  });

  it('reads every worksheet of an XLSX workbook; a formula gives its stored value, never runs', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Hướng dẫn').addRow(['Ghi chú: trang này bị bỏ qua']);
    const teams = book.addWorksheet('Đội thi');
    teams.addRow(['Tên đội', 'Số đội', 'Đơn vị']); // columns in another order
    teams.addRow([{ formula: 'CONCATENATE("Đội ","A")', result: 'Đội A' }, 1, 'Phường 1']);
    teams.addRow(['Đội B', 1, 'Phường 1']);
    book.addWorksheet('Đơn vị').addRows([
      ['Tên đơn vị', 'Loại đơn vị'],
      ['Phường 1', 'Phường'],
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await preview(xlsx, admin, 'dang-ky.xlsx').expect(200);
    expect(res.body.format).toBe('xlsx');
    expect(res.body.create.teams).toEqual([{ row: 2, number: 1, name: 'Đội A', unit: 'Phường 1' }]);
    expect(res.body.errors).toEqual([
      {
        sheet: 'Đội thi',
        row: 3,
        column: 'B',
        columnName: 'Số đội',
        code: 'DUPLICATE_ROW',
        message: 'Số đội 1 trùng với dòng 2 của trang "Đội thi".',
      },
    ]);
    // not a spreadsheet at all, or a zip that is not a workbook: refused, nothing kept
    expect((await preview(Buffer.from([0, 1, 2, 3]), admin, 'x.xlsx')).status).toBe(415);
    const notBook = await preview(Buffer.from('PK\x03\x04rubbish', 'latin1'), admin, 'x.xlsx');
    expect(notBook.status).toBe(400);
    // over 10 MB: our own 413, naming the field and the limit
    const huge = await preview(Buffer.alloc(11 * 1024 * 1024, 0x31), admin, 'dang-ky.csv');
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      details: [expect.objectContaining({ field: 'file' })],
    });
    expect(await count('registration_previews')).toBe(0);
  });

  it('points at a missing column and a unit nobody declared', async () => {
    const csv = [
      '[Đội thi]',
      'Số đội,Tên đội',
      '1,Đội một',
      '[Giám khảo]',
      'Họ và tên,Đơn vị',
      'Ngô Văn E,Sở Nội vụ',
    ].join('\n');
    const res = await preview(csv).expect(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Đội thi',
        row: 2,
        column: null,
        columnName: 'Đơn vị',
        code: 'COLUMN_MISSING',
      }),
      expect.objectContaining({
        sheet: 'Giám khảo',
        row: 6,
        column: 'B',
        code: 'UNIT_UNKNOWN',
        message: 'Đơn vị "Sở Nội vụ" chưa có trong hội thi; hãy thêm nó vào trang "Đơn vị".',
      }),
    ]);
  });

  let slipsText = '';
  it('commits all of it in one go with audit rows and accounts; slips once, sealed', async () => {
    const csv = workbookCsv(small);
    const first = await preview(csv).expect(200);
    const second = await preview(csv).expect(200); // taken before the first commit
    expect(first.body).toMatchObject({
      canCommit: true,
      errorCount: 0,
      counts: {
        units: { create: 2, existing: 0 },
        teams: { create: 2, existing: 0 },
        members: { create: 3, existing: 0 },
        judges: { create: 1, existing: 0 },
        organisers: { create: 1, existing: 0 },
        accounts: { create: 4 },
      },
    });
    expect(first.body.create.accounts.map((a: { username: string }) => a.username)).toEqual([
      'sang-kien-2026-doi005',
      'sang-kien-2026-doi006',
      'sang-kien-2026-gk-phamthithanhxuan',
      'sang-kien-2026-btc-vovanhung',
    ]);

    const done = await commit(first.body.previewToken).expect(201);
    expect(done.body).toMatchObject({ created: true, slips: { people: 4 } });
    expect(await count('units')).toBe(2);
    expect(await count('teams')).toBe(2);
    expect(await count('team_members')).toBe(3);
    expect(await count('contest_members')).toBe(4);
    const audit = await t.sql.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE contest_id = $1
        AND action IN ('unit.create','team.create','account.create','registration.commit')
        GROUP BY action ORDER BY action`,
      [contestId],
    );
    expect(audit.rows).toEqual([
      { action: 'account.create', n: 4 },
      { action: 'registration.commit', n: 1 },
      { action: 'team.create', n: 2 },
      { action: 'unit.create', n: 2 },
    ]);
    // temporary passwords: a fast salted hash, never the password, never in the audit log
    const hashes = await t.sql.query(
      `SELECT u.password_hash, u.must_change_password FROM users u
         JOIN contest_members m ON m.user_id = u.id WHERE m.contest_id = $1`,
      [contestId],
    );
    for (const row of hashes.rows) {
      expect(row.password_hash).toMatch(/^\$tmp-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(row.must_change_password).toBe(true);
    }
    const judge = await t.sql.query(
      `SELECT m.unit_id, s.email FROM users u JOIN contest_members m ON m.user_id = u.id
         LEFT JOIN notification_settings s ON s.user_id = u.id
        WHERE u.username = 'sang-kien-2026-gk-phamthithanhxuan'`,
    );
    expect(judge.rows[0].unit_id).not.toBeNull();
    expect(judge.rows[0].email).toBe('xuan.ptt@example.gov.vn');

    // the slips: the sealed row shows no name, login or password; the key opens it
    const sealed = (await t.sql.query(`SELECT sealed FROM registration_slips`)).rows[0]
      .sealed as Buffer;
    for (const clear of ['sang-kien-2026', 'Phạm Thị Thanh Xuân', 'temporaryPassword'])
      expect(sealed.includes(Buffer.from(clear))).toBe(false);
    const token = done.body.slips.token as string;
    const wrongKey = token.replace(/\.[^.]+$/, `.${'B'.repeat(43)}`);
    expect((await slips(wrongKey)).status).toBe(404);
    const pdf = await slips(token).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    slipsText = pdfText(pdf.body as Buffer);
    for (const expected of [
      'PHIẾU TÀI KHOẢN',
      'Hội thi sáng kiến cải cách hành chính 2026',
      'Họ và tên: Chính quyền 24 giờ',
      'Vai trò: Đội thi - Đội số 5, UBND phường Hiệp Thành',
      'Tên đăng nhập: sang-kien-2026-doi005',
      'Họ và tên: Phạm Thị Thanh Xuân',
      'Vai trò: Giám khảo - Phòng Tư pháp thành phố',
      'Vai trò: Ban tổ chức',
      'Đăng nhập tại: http://localhost:',
    ])
      expect(slipsText).toContain(expected);
    expect(slipsText.match(/Mật khẩu tạm thời: /g)).toHaveLength(4);

    // the second preview's token commits nothing new: same content, everything exists
    const again = await commit(second.body.previewToken).expect(200);
    expect(again.body).toMatchObject({
      created: false,
      slips: null,
      counts: {
        units: { create: 0, existing: 2 },
        teams: { create: 0, existing: 2 },
        members: { create: 0, existing: 3 },
        judges: { create: 0, existing: 1 },
        organisers: { create: 0, existing: 1 },
        accounts: { create: 0 },
      },
    });
    expect(await count('team_members')).toBe(3);
    expect(await count('contest_members')).toBe(4);
    // and the same file again: nothing to commit
    const third = await preview(csv).expect(200);
    expect(third.body).toMatchObject({ canCommit: false, previewToken: null, errorCount: 0 });
    // a used token does not commit twice
    expect((await commit(first.body.previewToken)).body.code).toBe('REGISTRATION_PREVIEW_USED');
  });

  it("signs in with a slip's password, must change it first, then the new one is argon2", async () => {
    const password = /Tên đăng nhập: sang-kien-2026-doi006[\s\S]*?Mật khẩu tạm thời: (\S+)/.exec(
      slipsText,
    )![1]!;
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const username = 'sang-kien-2026-doi006';
    const login = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.accessToken as string;
    expect((await t.http.get(`/api/contests/${contestId}`).set(bearer(token))).body.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    await t.http
      .post('/api/auth/password')
      .set(bearer(token))
      .send({ currentPassword: password, newPassword: 'mat-khau-rieng-cua-doi' })
      .expect(204);
    const stored = await t.sql.query(`SELECT password_hash FROM users WHERE username = $1`, [
      username,
    ]);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await t.http.post('/api/auth/login').send({ username, password })).status).toBe(401);
    const fresh = await t.http
      .post('/api/auth/login')
      .send({ username, password: 'mat-khau-rieng-cua-doi' })
      .expect(200);
    expect(fresh.body.user.mustChangePassword).toBe(false);
  });

  it('refuses a temporary hash once the account no longer must change its password', async () => {
    const username = 'sang-kien-2026-doi005';
    const password = /Tên đăng nhập: sang-kien-2026-doi005[\s\S]*?Mật khẩu tạm thời: (\S+)/.exec(
      slipsText,
    )![1]!;
    await t.sql.query(`UPDATE users SET must_change_password = false WHERE username = $1`, [
      username,
    ]);
    expect((await t.http.post('/api/auth/login').send({ username, password })).status).toBe(401);
    await t.sql.query(`UPDATE users SET must_change_password = true WHERE username = $1`, [
      username,
    ]);
    expect((await t.http.post('/api/auth/login').send({ username, password })).status).toBe(200);
  });

  it('adds to what exists: new members of an existing team, existing rows left alone', async () => {
    const more: WorkbookRows = {
      teams: [[5, 'Chính quyền 24 giờ', 'UBND phường Hiệp Thành']],
      members: [
        [5, 'Nguyễn Thị Mai', 'Công chức Văn phòng - Thống kê', '', 'x'],
        [5, 'Huỳnh Văn Tài', 'Công chức Địa chính', '', ''],
      ],
    };
    const res = await preview(workbookCsv(more)).expect(200);
    expect(res.body.counts.members).toEqual({ create: 1, existing: 1 });
    expect(res.body.counts.teams).toEqual({ create: 0, existing: 1 });
    expect(res.body.counts.accounts).toEqual({ create: 0 });
    const done = await commit(res.body.previewToken).expect(201);
    expect(done.body.slips).toBeNull();
    expect(await count('team_members')).toBe(4);
    // a different team under a number already used is an error, not an overwrite
    const clash = await preview(
      workbookCsv({ teams: [[5, 'Tên khác', 'UBND phường Hiệp Thành']] }),
    ).expect(200);
    expect(clash.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Đội thi',
        row: 3,
        column: 'A',
        code: 'TEAM_NUMBER_TAKEN',
        message: 'Số đội 5 đã được dùng cho đội "Chính quyền 24 giờ" (UBND phường Hiệp Thành).',
      }),
    ]);
  });

  it('lets only organisers in; an organiser who is not admin cannot create organisers', async () => {
    // the demo contest's organiser, judge and team
    const demo = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
      .id as string;
    const organiser = await t.login('btc.thuky');
    const judge = await t.login('gk.nguyen');
    const other = `/api/contests/${demo}/registration`;
    expect((await preview(workbookCsv(small), organiser)).status).toBe(404); // not their contest
    expect((await t.http.get(`${other}/template.csv`).set(bearer(judge))).status).toBe(403);
    const res = await t.http
      .post(`${other}/preview`)
      .set(bearer(organiser))
      .attach('file', Buffer.from(workbookCsv({ organisers: [['Trịnh Văn F', '', '']] })), 'a.csv')
      .expect(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ sheet: 'Ban tổ chức', row: 3, column: 'A', code: 'ADMIN_ONLY' }),
    ]);
    // a token of another organiser is unknown to this one, even on a contest they organise
    const mine = await preview(
      workbookCsv({ units: [['Phòng Văn hóa thành phố', 'Phòng']] }),
    ).expect(200);
    const foreign = await t.http
      .post(`${other}/commits`)
      .set(bearer(organiser))
      .send({ previewToken: mine.body.previewToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('REGISTRATION_PREVIEW_NOT_FOUND');
  });
});

describe('bulk registration at province scale', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const created = await t.http
      .post('/api/contests')
      .set(bearer(admin))
      .send({ slug: 'so-noi-vu-2026', name: 'Hội thi sáng kiến Sở Nội vụ 2026' })
      .expect(201);
    contestId = created.body.id;
  });
  afterAll(() => t?.close());

  it('registers 421 teams of 3 members and 15 judges from one workbook, slips for 436 people', async () => {
    const xlsx = await workbookXlsx(
      provinceWorkbook({ units: 60, teams: 421, members: 3, judges: 15 }),
    );
    const base = `/api/contests/${contestId}/registration`;
    const previewed = await t.http
      .post(`${base}/preview`)
      .set(bearer(admin))
      .attach('file', xlsx, 'dang-ky-421.xlsx')
      .expect(200);
    expect(previewed.body.format).toBe('xlsx');
    expect(previewed.body.errorCount).toBe(0);
    expect(previewed.body.counts).toEqual({
      units: { create: 60, existing: 0 },
      teams: { create: 421, existing: 0 },
      members: { create: 1263, existing: 0 },
      judges: { create: 15, existing: 0 },
      organisers: { create: 0, existing: 0 },
      accounts: { create: 436 },
    });
    const done = await t.http
      .post(`${base}/commits`)
      .set(bearer(admin))
      .send({ previewToken: previewed.body.previewToken })
      .expect(201);
    expect(done.body.slips.people).toBe(436);
    const counts = await t.sql.query(
      `SELECT (SELECT count(*)::int FROM teams WHERE contest_id = $1) AS teams,
              (SELECT count(*)::int FROM team_members WHERE contest_id = $1) AS members,
              (SELECT count(*)::int FROM team_members WHERE contest_id = $1 AND is_leader) AS leaders,
              (SELECT count(*)::int FROM contest_members WHERE contest_id = $1 AND role = 'judge' AND unit_id IS NOT NULL) AS judges,
              (SELECT count(*)::int FROM contest_members WHERE contest_id = $1 AND role = 'team') AS team_accounts`,
      [contestId],
    );
    expect(counts.rows[0]).toEqual({
      teams: 421,
      members: 1263,
      leaders: 421,
      judges: 15,
      team_accounts: 421,
    });
    const pdf = await t.http
      .post(`${base}/slips`)
      .set(bearer(admin))
      .send({ token: done.body.slips.token })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const info = execFileSync('pdfinfo', ['-'], { input: pdf.body as Buffer }).toString();
    expect(info).toMatch(/Pages:\s+109\n/); // four slips a page
    const teams = await t.http
      .get(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .expect(200);
    expect(teams.body).toHaveLength(421);
  });
});
