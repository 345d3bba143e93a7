import ExcelJS from 'exceljs';
import { FANPAGE, publishDemoEntries } from './support/fixtures';
import { importFilesLeft } from './support/import-files';
import { png } from './support/sample-files';
import { deflatedZeros, xlsxWithSheet } from './support/zip';
import { binary } from './support/binary';
import { bearer, startTestApp, TestApp } from './support/test-app';

describe('fanpage interactions', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entries: { id: string; teamNumber: number; postUrl: string }[];
  const base = () => `/api/contests/${contestId}/interactions`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    ({ contestId, entries } = await publishDemoEntries(t));
  });
  afterAll(() => t?.close());
  // Every upload is parsed from a file on disk; whatever the outcome (stored, previewed, bad
  // rows, 413 from multer, 415, a field refused by validation) none is left behind. The file
  // is removed just after the response.
  afterEach(async () => expect(await importFilesLeft(t)).toEqual([]));

  const upload = (
    path: 'imports' | 'imports/preview',
    content: Buffer | string,
    takenAt: string,
    name = 'luot-tuong-tac.csv',
  ) =>
    t.http
      .post(`${base()}/${path}`)
      .set(bearer(admin))
      .field('takenAt', takenAt)
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
  const snapshotCount = async () =>
    Number((await t.sql.query(`SELECT count(*) FROM interaction_snapshots`)).rows[0].count);
  const countRows = async () =>
    Number((await t.sql.query(`SELECT count(*) FROM interaction_counts`)).rows[0].count);

  /** Team 5 ("Chính quyền 24 giờ") is the most interacted, as in the seed article. */
  const template = [
    '\uFEFFĐội số;Tên đội;Lượt thích;Lượt chia sẻ;Bình luận',
    '1;Đội Tư pháp;820;95;40',
    '2;Đội Tài chính;"1.015";120;33',
    '3;Đội TN-MT;640;70;12',
    '4;Đội Ngã Bảy;905;101;50',
    '5;Đội Hiệp Thành;"1.634";432;210',
    '6;Đội Lái Hiếu;700;88;9',
    '7;Đội Hiệp Lợi;512;64;5',
    '8;Đội Đại Thành;433;40;3',
    '9;Đội Tân Thành;388;35;2',
  ].join('\r\n');

  it('offers a fill-in template (CSV with BOM, and XLSX) listing every published entry', async () => {
    const csv = await t.http.get(`${base()}/template.csv`).set(bearer(admin));
    expect(csv.status).toBe(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFFĐội số,Tên đội,"Tên mô hình, sáng kiến",Địa chỉ bài đăng,Lượt thích,Lượt chia sẻ,Bình luận',
    );
    expect(csv.text).toContain(`${FANPAGE}/posts/1005`);
    const xlsx = await t.http
      .get(`${base()}/template.xlsx`)
      .set(bearer(admin))
      .buffer(true)
      .parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(10);
  });

  it('previews a file without writing anything; the most interacted entry gets 30,00', async () => {
    const res = await upload('imports/preview', template, '2022-08-30T10:00:00+07:00');
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.matched).toHaveLength(9);
    expect(res.body.source).toBe('template_csv');
    const team5 = res.body.points.find((p: { teamNumber: number }) => p.teamNumber === 5);
    expect(team5).toMatchObject({ raw: 1634 + 2 * 432, points: '30.00', rank: 1 });
    const team2 = res.body.points.find((p: { teamNumber: number }) => p.teamNumber === 2);
    expect(team2.raw).toBe(1015 + 240); // "1.015" read as one thousand and fifteen
    // 30 × 1255 / 2498 = 15,0720… → 15,07
    expect(team2.points).toBe('15.07');
    expect(await snapshotCount()).toBe(0);
  });

  it('commits a snapshot atomically, and the same file again is the same snapshot', async () => {
    const first = await upload('imports', template, '2022-08-30T10:00:00+07:00');
    expect(first.status).toBe(201);
    expect(await countRows()).toBe(9);
    const again = await upload('imports', template, '2022-08-30T10:00:00+07:00');
    expect(again.status).toBe(200);
    expect(again.body.snapshotId).toBe(first.body.snapshotId);
    expect(await snapshotCount()).toBe(1);
    expect(await countRows()).toBe(9);
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'interactions.snapshot'`,
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('reports every bad row with its line and column, and writes nothing', async () => {
    const bad = [
      'Đội số,Lượt thích,Lượt chia sẻ',
      '1,-5,3',
      '2,mười,4',
      '3,12.5,1',
      '4,10,',
      '5,10,2',
      '5,11,2',
      '99,1,1',
      '6,3000000000,1',
    ].join('\n');
    const res = await upload('imports/preview', bad, '2022-08-31T10:00:00+07:00');
    expect(res.body.canCommit).toBe(false);
    expect(
      res.body.errors.map((e: { line: number; column: string; code: string }) => [
        e.line,
        e.column,
        e.code,
      ]),
    ).toEqual([
      [2, 'Lượt thích', 'COUNT_INVALID'],
      [3, 'Lượt thích', 'COUNT_INVALID'],
      [4, 'Lượt thích', 'COUNT_INVALID'],
      [5, 'Lượt chia sẻ', 'COUNT_MISSING'],
      [7, null, 'DUPLICATE_ROW'],
      [9, 'Lượt thích', 'COUNT_TOO_LARGE'],
    ]);
    expect(res.body.unmatched).toEqual([{ line: 8, value: '99' }]);
    const commit = await upload('imports', bad, '2022-08-31T10:00:00+07:00');
    expect(commit.status).toBe(400);
    expect(commit.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(commit.body.details[0].field).toBe('line 2 / Lượt thích');
    expect(await snapshotCount()).toBe(1);
  });

  it('a bad row at line 9.999 of a large file leaves nothing written', async () => {
    const lines = ['post permalink,reactions,shares,comments'];
    for (const e of entries) lines.push(`${e.postUrl},${100 + e.teamNumber},10,1`);
    while (lines.length < 9998) lines.push(`${FANPAGE}/posts/${900000 + lines.length},5,1,0`);
    lines.push(`${entries[0]!.postUrl},1,1,1`); // line 9.999: the same post again
    const res = await upload('imports', lines.join('\n'), '2022-08-31T12:00:00+07:00');
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_ROW', field: 'line 9999' }),
    ]);
    expect(await snapshotCount()).toBe(1);
    expect(await countRows()).toBe(9);
  });

  it('reads the page insights export by post address (any facebook host form), English headers', async () => {
    const insights = [
      'Post ID,Permalink,Reactions,Shares,Comments',
      ...entries.map(
        (e) =>
          `${1000 + e.teamNumber},${e.postUrl.replace('www.facebook.com', 'm.facebook.com')}/?ref=share,${900 + e.teamNumber},${100 + e.teamNumber},7`,
      ),
    ].join('\n');
    const res = await upload(
      'imports/preview',
      insights,
      '2022-08-31T09:00:00+07:00',
      'insights.csv',
    );
    expect(res.body.errors).toEqual([]);
    expect(res.body.matched).toHaveLength(9);
    expect(res.body.source).toBe('insights_csv');
  });

  it('reads XLSX: title rows merged above the header, formulas read as their values, never evaluated', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['BẢNG TỔNG HỢP LƯỢT TƯƠNG TÁC']);
    sheet.mergeCells('A1:D1');
    sheet.addRow(['Đội số', 'Lượt thích', 'Lượt chia sẻ', 'Bình luận']);
    sheet.addRow([5, { formula: 'SUM(1000,700)', result: 1700 }, 450, 220]);
    sheet.addRow([1, 830, { formula: 'cmd|"/c calc"!A1', result: 96 }, 41]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(
      'imports/preview',
      buffer,
      '2022-08-31T10:00:00+07:00',
      'so-lieu.xlsx',
    );
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('template_xlsx');
    expect(res.body.headerLine).toBe(2);
    expect(
      res.body.matched.map((m: { teamNumber: number; reactions: number; shares: number }) => [
        m.teamNumber,
        m.reactions,
        m.shares,
      ]),
    ).toEqual([
      [5, 1700, 450],
      [1, 830, 96],
    ]);
  });

  it('reads XLSX from the first worksheet only, skipping empty rows; a damaged one is a 400', async () => {
    // (the preview answers rows and points, not internal tables: checked on this answer too)
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Số liệu');
    sheet.addRow(['Đội số', 'Lượt thích', 'Lượt chia sẻ']);
    sheet.addRow([5, 1700, 450]);
    sheet.getRow(3).height = 30; // an empty row that is still written (it has a height)
    sheet.addRow([{ richText: [{ text: '1' }] }, '830', 96]); // rich text and a number as text
    const notes = workbook.addWorksheet('Ghi chú');
    notes.addRow(['Đội số', 'Lượt thích', 'Lượt chia sẻ']);
    notes.addRow([7, 1, 1]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload('imports/preview', buffer, '2022-08-31T10:00:00+07:00', 'a.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('entryTable');
    expect(res.body).not.toHaveProperty('entries');
    expect(res.body.unmatched).toEqual([]);
    expect(
      res.body.matched.map((m: { line: number; teamNumber: number; reactions: number }) => [
        m.line,
        m.teamNumber,
        m.reactions,
      ]),
    ).toEqual([
      [2, 5, 1700],
      [4, 1, 830],
    ]);
    // a zip that ExcelJS cannot read: its directory is sound, its content is not a workbook
    const damaged = Buffer.from(buffer);
    damaged.fill(0x41, 100, 2000);
    const bad = await upload('imports/preview', damaged, '2022-08-31T10:00:00+07:00', 'b.xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('CORRUPT_XLSX');
    expect(bad.body.details[0].field).toBe('file');
    // the worksheet's compressed data damaged (its zip entry intact): refused, not left hanging
    const sheetName = Buffer.from('xl/worksheets/sheet1.xml');
    const header = buffer.indexOf(Buffer.from('PK\x03\x04', 'latin1'));
    const nameAt = buffer.indexOf(sheetName, header);
    const dataAt = nameAt + sheetName.length + buffer.readUInt16LE(nameAt - 2);
    const damagedSheet = Buffer.from(buffer);
    damagedSheet.fill(0, dataAt, dataAt + Math.max(1, buffer.readUInt32LE(nameAt - 12)));
    const hung = await upload(
      'imports/preview',
      damagedSheet,
      '2022-08-31T10:00:00+07:00',
      'c.xlsx',
    );
    expect(hung.status).toBe(400);
    expect(hung.body.code).toBe('CORRUPT_XLSX');
  });

  it('refuses files that are not spreadsheets (415), zip bombs and oversized files (413)', async () => {
    const image = await upload(
      'imports/preview',
      png(),
      '2022-08-31T10:00:00+07:00',
      'so-lieu.csv',
    );
    expect(image.status).toBe(415);
    const bomb = zipDeclaring(5 * 1024 * 1024 * 1024 - 1);
    const bombRes = await upload(
      'imports/preview',
      bomb,
      '2022-08-31T10:00:00+07:00',
      'so-lieu.xlsx',
    );
    expect(bombRes.status).toBe(413);
    expect(bombRes.body.code).toBe('ZIP_BOMB');
    const huge = await upload(
      'imports/preview',
      Buffer.alloc(11 * 1024 * 1024, 0x31),
      '2022-08-31T10:00:00+07:00',
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^Tệp quá lớn: tối đa 10 MB\./),
      maxBytes: 10 * 1024 * 1024,
      details: [expect.objectContaining({ field: 'file', code: 'FILE_TOO_LARGE' })],
    });
    const noFile = await t.http
      .post(`${base()}/imports/preview`)
      .set(bearer(admin))
      .field('takenAt', '2022-08-31T10:00:00+07:00');
    expect(noFile.status).toBe(400);
    expect(noFile.body.details[0].field).toBe('file');
    const badDate = await upload('imports/preview', template, 'hôm qua');
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0].field).toBe('takenAt');
  });

  it('stops inflating an XLSX whose sheet declares 4 KiB but inflates to 1 GiB: 413, nothing left on disk', async () => {
    const lying = xlsxWithSheet({ packed: await deflatedZeros(1024 ** 3), declaredSize: 4096 });
    const res = await upload('imports/preview', lying, '2022-08-31T10:00:00+07:00', 'bom.xlsx');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('SPREADSHEET_TOO_LARGE_UNCOMPRESSED');
    expect(res.body.details[0].field).toBe('file');
    expect(res.body.message).toMatch(/kích thước nó khai báo/);
    expect(await importFilesLeft(t)).toEqual([]);
  });

  it('flags bursts, round numbers and drops between snapshots; warns about drops in the preview', async () => {
    const later = template
      .replace('1;Đội Tư pháp;820;95;40', '1;Đội Tư pháp;1.250;95;40') // +430 in 8 hours
      .replace('3;Đội TN-MT;640;70;12', '3;Đội TN-MT;2.000;70;12') // round
      .replace('4;Đội Ngã Bảy;905;101;50', '4;Đội Ngã Bảy;900;101;50'); // drop
    const preview = await upload('imports/preview', later, '2022-08-30T18:00:00+07:00');
    expect(preview.body.warnings).toEqual([
      expect.objectContaining({ line: 5, code: 'COUNT_DECREASED' }),
    ]);
    expect((await upload('imports', later, '2022-08-30T18:00:00+07:00')).status).toBe(201);
    const standings = await t.http.get(base()).set(bearer(admin));
    const flags = (n: number) =>
      standings.body.entries
        .find((e: { teamNumber: number }) => e.teamNumber === n)
        .flags.map((f: { kind: string }) => f.kind);
    expect(flags(1)).toContain('burst');
    expect(flags(3)).toEqual(expect.arrayContaining(['burst', 'round_number']));
    expect(flags(4)).toEqual(['drop']);
    expect(flags(5)).toEqual([]);
    // thresholds are settings: with a burst threshold of 500, the +430 of team 1 is not flagged
    const strict = await t.http.get(`${base()}?burstThreshold=500`).set(bearer(admin));
    expect(
      strict.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 1).flags,
    ).toEqual([]);
    expect((await t.http.get(`${base()}?burstThreshold=abc`).set(bearer(admin))).status).toBe(400);
  });

  it('compares with the stored snapshot by entry, whatever the order of the rows', async () => {
    // the stored reading lists teams 1…9; this file lists them 9…1, two counts lower
    const [header, ...rows] = template.split('\r\n');
    const reversed = [header, ...rows.reverse()]
      .join('\r\n')
      .replace('1;Đội Tư pháp;820;95;40', '1;Đội Tư pháp;1.250;95;40') // as stored
      .replace('3;Đội TN-MT;640;70;12', '3;Đội TN-MT;2.000;70;12') // as stored
      .replace('4;Đội Ngã Bảy;905;101;50', '4;Đội Ngã Bảy;899;101;50') // 900 stored
      .replace('9;Đội Tân Thành;388;35;2', '9;Đội Tân Thành;388;30;2'); // 35 stored
    const preview = await upload('imports/preview', reversed, '2022-08-30T20:00:00+07:00');
    expect(
      preview.body.warnings.map((w: { line: number; column: string; code: string }) => [
        w.line,
        w.column,
        w.code,
      ]),
    ).toEqual([
      [2, 'Lượt chia sẻ', 'COUNT_DECREASED'],
      [7, 'Lượt thích', 'COUNT_DECREASED'],
    ]);
    // stored in the order 9…1, compared with a file in the order 1…9
    expect((await upload('imports', reversed, '2022-08-30T20:00:00+07:00')).status).toBe(201);
    const inOrder = [header, ...rows.reverse()]
      .join('\r\n')
      .replace('1;Đội Tư pháp;820;95;40', '1;Đội Tư pháp;1.250;95;40')
      .replace('2;Đội Tài chính;"1.015";120;33', '2;Đội Tài chính;"1.015";120;31') // 33 stored
      .replace('3;Đội TN-MT;640;70;12', '3;Đội TN-MT;2.000;70;12')
      .replace('4;Đội Ngã Bảy;905;101;50', '4;Đội Ngã Bảy;899;101;50')
      .replace('9;Đội Tân Thành;388;35;2', '9;Đội Tân Thành;388;30;2');
    const next = await upload('imports/preview', inOrder, '2022-08-30T21:00:00+07:00');
    expect(next.body.warnings).toEqual([
      expect.objectContaining({ line: 3, column: 'Bình luận', code: 'COUNT_DECREASED' }),
    ]);
  });

  it('uses the last snapshot at or before the interaction cut-off as the official one', async () => {
    const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
      .rules;
    rules.dates.interactionCutoff = '2022-08-30T12:00:00+07:00';
    await t.http
      .put(`/api/contests/${contestId}/rules`)
      .set(bearer(admin))
      .send({ rules })
      .expect(200);
    const standings = await t.http.get(base()).set(bearer(admin));
    expect(new Date(standings.body.officialSnapshot.takenAt).toISOString()).toBe(
      '2022-08-30T03:00:00.000Z',
    );
    expect(standings.body.snapshots.filter((s: { official: boolean }) => s.official)).toHaveLength(
      1,
    );
    const team5 = standings.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 5);
    expect(team5).toMatchObject({
      points: '30.00',
      rank: 1,
      counts: { reactions: 1634, shares: 432, comments: 210 },
    });
  });

  it('excludes invalid interactions with a reason (audited), which changes the points; can be withdrawn', async () => {
    const team5 = entries.find((e) => e.teamNumber === 5)!;
    const noReason = await t.http
      .post(`${base()}/exclusions`)
      .set(bearer(admin))
      .send({ entryId: team5.id, reactions: 1000 });
    expect(noReason.status).toBe(400);
    const res = await t.http.post(`${base()}/exclusions`).set(bearer(admin)).send({
      entryId: team5.id,
      reactions: 1400,
      reason: 'Lượt thích từ tài khoản ảo, xác minh ngày 31/08/2022',
    });
    expect(res.status).toBe(201);
    let standings = await t.http.get(base()).set(bearer(admin));
    const after = standings.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 5);
    expect(after.raw).toBe(234 + 864);
    expect(after.rank).toBeGreaterThan(1);
    const withdraw = await t.http
      .post(`${base()}/exclusions/${res.body.id}/withdraw`)
      .set(bearer(admin))
      .send({ reason: 'Hội đồng xác minh lại: lượt thích hợp lệ' });
    expect(withdraw.status).toBe(200);
    standings = await t.http.get(base()).set(bearer(admin));
    expect(
      standings.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 5).points,
    ).toBe('30.00');
    const audit = await t.sql.query(
      `SELECT action FROM audit_log WHERE entity_type = 'interaction_exclusion' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'interactions.exclude',
      'interactions.withdraw_exclusion',
    ]);
  });

  it('accepts counts typed into a form, idempotently', async () => {
    const body = {
      takenAt: '2022-08-29T10:00:00+07:00',
      counts: entries.map((e) => ({
        entryId: e.id,
        reactions: 10 * e.teamNumber,
        shares: e.teamNumber,
      })),
    };
    const first = await t.http.post(`${base()}/form`).set(bearer(admin)).send(body);
    expect(first.status).toBe(201);
    const again = await t.http.post(`${base()}/form`).set(bearer(admin)).send(body);
    expect(again.status).toBe(200);
    expect(again.body.snapshotId).toBe(first.body.snapshotId);
    const negative = await t.http
      .post(`${base()}/form`)
      .set(bearer(admin))
      .send({
        takenAt: body.takenAt,
        counts: [{ entryId: entries[0]!.id, reactions: -1, shares: 0 }],
      });
    expect(negative.status).toBe(400);
    expect(negative.body.details[0].field).toBe('counts[0].reactions');
  });

  it('gives the history of counts per entry over time, for a chart', async () => {
    const res = await t.http.get(`${base()}/history`).set(bearer(admin));
    const team1 = res.body.find((e: { teamNumber: number }) => e.teamNumber === 1);
    expect(team1.series.map((p: { reactions: number }) => p.reactions)).toEqual([
      10, 820, 1250, 1250,
    ]);
  });

  it('a reading time written without an offset is Vietnam time, as the cut-off is', async () => {
    const res = await t.http
      .post(`${base()}/form`)
      .set(bearer(admin))
      .send({
        takenAt: '2022-08-27T09:00',
        counts: [{ entryId: entries[0]!.id, reactions: 1, shares: 0 }],
      })
      .expect(201);
    const stored = await t.sql.query(`SELECT taken_at FROM interaction_snapshots WHERE id = $1`, [
      res.body.snapshotId,
    ]);
    expect((stored.rows[0].taken_at as Date).toISOString()).toBe('2022-08-27T02:00:00.000Z');
  });
});

/** A docx/xlsx-shaped zip whose central directory claims an enormous uncompressed size. */
function zipDeclaring(uncompressed: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(10, 20);
  central.writeUInt32LE(uncompressed >>> 0, 24);
  central.writeUInt16LE(name.length, 28);
  const cd = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(local.length + name.length + 10, 16);
  return Buffer.concat([local, name, Buffer.alloc(10), cd, end]);
}
