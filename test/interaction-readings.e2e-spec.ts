import ExcelJS from 'exceljs';
import { formatDateTimeVi } from '../src/formats';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * A file of several readings: a "Thời điểm" column gives when each row's counts were read;
 * each reading becomes its own snapshot, all in one transaction.
 */
describe('interaction import: a file of several readings', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entryOf: Map<number, string>;
  const base = () => `/api/contests/${contestId}/interactions`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    entryOf = new Map(published.entries.map((e) => [e.teamNumber, e.id]));
    const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
      .rules;
    rules.dates.interactionCutoff = '2022-08-31T17:00:00+07:00';
    await t.http
      .put(`/api/contests/${contestId}/rules`)
      .set(bearer(admin))
      .send({ rules })
      .expect(200);
  });
  afterAll(() => t?.close());

  const send = (
    path: 'imports' | 'imports/preview',
    content: Buffer | string,
    takenAt?: string,
    name = 'lich-su.csv',
  ) => {
    const req = t.http.post(`${base()}/${path}`).set(bearer(admin));
    if (takenAt) void req.field('takenAt', takenAt);
    return req.attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  };
  const snapshots = async () =>
    (
      await t.sql.query(
        `SELECT id, taken_at, row_count, file_name FROM interaction_snapshots
          WHERE contest_id = $1 ORDER BY taken_at`,
        [contestId],
      )
    ).rows as { id: string; taken_at: Date; row_count: number; file_name: string | null }[];

  /** Team n at reading k (0, 1, 2): 100·n + 10·k reactions, so team 9 leads every reading. */
  const csv = (times: string[], extra: string[] = []) =>
    [
      '\uFEFFThời điểm lấy số liệu;Đội số;Lượt thích;Lượt chia sẻ;Bình luận',
      ...times.flatMap((time, k) =>
        [...entryOf.keys()].map((n) => `${time};${n};${100 * n + 10 * k};${n};0`),
      ),
      ...extra,
    ].join('\r\n');
  // the third reading is after the cut-off (31/08 17:00): it is stored, but is not the one shown
  const history = () => csv(['29/08/2022 08:00', '2022-08-30T20:00:00+07:00', '01/09/2022 09:30']);

  it('previews each reading as a snapshot and shows the points of the one that would count', async () => {
    const res = await send('imports/preview', history()).expect(200);
    expect(res.body.timeColumn).toBe(true);
    expect(res.body.readings).toEqual([
      { takenAt: '2022-08-29T01:00:00.000Z', rows: 9 },
      { takenAt: '2022-08-30T13:00:00.000Z', rows: 9 },
      { takenAt: '2022-09-01T02:30:00.000Z', rows: 9 },
    ]);
    expect(res.body.takenAt).toBe('2022-08-30T13:00:00.000Z');
    expect(res.body.matched).toHaveLength(27);
    expect(res.body.errors).toEqual([]);
    expect(res.body.warnings).toEqual([]);
    expect(res.body.canCommit).toBe(true);
    const top = res.body.points.find((p: { points: string }) => p.points === '30.00');
    expect(top).toMatchObject({ teamNumber: 9, raw: 910 + 2 * 9, rank: 1 });
    expect(await snapshots()).toEqual([]);
  });

  it('takes the time from the file or from the form, exactly once', async () => {
    const twice = await send('imports/preview', history(), '2022-08-30T10:00:00+07:00').expect(400);
    expect(twice.body).toMatchObject({
      code: 'TAKEN_AT_TWICE',
      details: [expect.objectContaining({ field: 'takenAt' })],
    });
    const plain = '\uFEFFĐội số;Lượt thích\r\n1;5';
    const none = await send('imports/preview', plain).expect(400);
    expect(none.body).toMatchObject({
      code: 'TAKEN_AT_REQUIRED',
      details: [expect.objectContaining({ field: 'takenAt' })],
    });
    expect(await snapshots()).toEqual([]);
  });

  it('reports a bad or missing time and an entry twice in one reading, and writes nothing', async () => {
    const bad = csv(
      ['29/08/2022 08:00', '30/08/2022 20:00'],
      ['31/02/2022 08:00;1;5;0;0', ';2;5;0;0', '29/08/2022 08:00;3;5;0;0'],
    );
    const preview = await send('imports/preview', bad).expect(200);
    expect(preview.body.errors).toEqual([
      expect.objectContaining({ line: 20, column: 'Thời điểm', code: 'TAKEN_AT_INVALID' }),
      expect.objectContaining({
        line: 21,
        column: 'Thời điểm',
        code: 'TAKEN_AT_INVALID',
        message: 'Dòng 21, cột "Thời điểm": thiếu thời điểm lấy số liệu.',
      }),
      expect.objectContaining({
        line: 22,
        code: 'DUPLICATE_ROW',
        message: expect.stringContaining('với dòng 4 (cùng thời điểm)'),
      }),
    ]);
    const commit = await send('imports', bad).expect(400);
    expect(commit.body.code).toBe('IMPORT_HAS_ERRORS');
    expect(await snapshots()).toEqual([]);
  });

  it('compares each reading with the one before it, stored or in the file, whichever is later', async () => {
    // a stored reading on 30/08 12:00, between the file's first two
    await t.http
      .post(`${base()}/form`)
      .set(bearer(admin))
      .send({
        takenAt: '2022-08-30T12:00:00+07:00',
        counts: [{ entryId: entryOf.get(4)!, reactions: 999, shares: 4 }],
      })
      .expect(201);
    const res = await send(
      'imports/preview',
      csv(['29/08/2022 08:00', '30/08/2022 20:00'], ['29/08/2022 09:00;5;1;0;0']),
    ).expect(200);
    // team 4 on 30/08 20:00 (line 14: 410) is below the stored 999, not below the file's 400;
    // team 5 went from 500 (line 6, 08:00) down to 1 at 09:00 (line 20)
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        line: 14,
        code: 'COUNT_DECREASED',
        message: 'Dòng 14: Lượt thích giảm từ 999 xuống 410 so với lần nhập trước.',
      }),
      expect.objectContaining({
        line: 20,
        message: 'Dòng 20: Lượt thích giảm từ 500 xuống 1 so với lần nhập trước.',
      }),
      expect.objectContaining({
        line: 20,
        message: 'Dòng 20: Lượt chia sẻ giảm từ 5 xuống 0 so với lần nhập trước.',
      }),
    ]);
  });

  it('commits every reading in one transaction (one audit row each); the same file again is the same snapshots', async () => {
    const before = await snapshots();
    const res = await send('imports', history()).expect(201);
    expect(res.body).toMatchObject({ created: true, rows: 27 });
    expect(res.body.snapshotIds).toHaveLength(3);
    expect(res.body.snapshotId).toBe(res.body.snapshotIds[2]);
    const stored = (await snapshots()).filter((s) => s.file_name === 'lich-su.csv');
    expect(stored.map((s) => [s.id, s.taken_at.toISOString(), s.row_count])).toEqual([
      [res.body.snapshotIds[0], '2022-08-29T01:00:00.000Z', 9],
      [res.body.snapshotIds[1], '2022-08-30T13:00:00.000Z', 9],
      [res.body.snapshotIds[2], '2022-09-01T02:30:00.000Z', 9],
    ]);
    expect(await snapshots()).toHaveLength(before.length + 3);
    const audit = await t.sql.query(
      `SELECT entity_id FROM audit_log WHERE action = 'interactions.snapshot' AND entity_id = ANY ($1)`,
      [res.body.snapshotIds],
    );
    expect(audit.rows).toHaveLength(3);
    const counts = await t.sql.query(
      `SELECT reactions FROM interaction_counts WHERE snapshot_id = $1 AND entry_id = $2`,
      [res.body.snapshotIds[1], entryOf.get(9)],
    );
    expect(counts.rows).toEqual([{ reactions: 910 }]);

    const again = await send('imports', history()).expect(200);
    expect(again.body).toMatchObject({
      created: false,
      snapshotId: res.body.snapshotIds[2],
      snapshotIds: res.body.snapshotIds,
    });
    expect(again.body.preview.existingSnapshotIds).toEqual(res.body.snapshotIds);
    expect(await snapshots()).toHaveLength(before.length + 3);

    // the official snapshot is the file's 30/08 20:00 reading (the last before the cut-off)
    const standings = await t.http.get(base()).set(bearer(admin)).expect(200);
    expect(standings.body.officialSnapshot.id).toBe(res.body.snapshotIds[1]);
  });

  it('reads date cells of an XLSX file as Vietnam time', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lịch sử');
    sheet.addRow(['Thời điểm', 'Đội số', 'Lượt thích', 'Lượt chia sẻ']);
    // ExcelJS stores a Date's UTC fields as the cell's wall-clock time
    for (const n of entryOf.keys()) sheet.addRow([new Date(Date.UTC(2022, 7, 28, 17)), n, n, 0]);
    sheet.getColumn(1).numFmt = 'dd/mm/yyyy hh:mm';
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await send('imports/preview', xlsx, undefined, 'lich-su.xlsx').expect(200);
    expect(res.body.source).toBe('template_xlsx');
    expect(res.body.readings).toEqual([{ takenAt: '2022-08-28T10:00:00.000Z', rows: 9 }]);
  });

  describe('readings dated in the future', () => {
    /** "dd/mm/yyyy HH:mm" (Vietnam time) printed as the server's clock, back to an instant. */
    const serverTimeIn = (message: string) => {
      const [, d, m, y, h, min] = /giờ máy chủ: (\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/.exec(
        message,
      )!;
      return Date.UTC(+y!, +m! - 1, +d!, +h! - 7, +min!);
    };
    const expectServerTime = (message: string) =>
      // printed to the minute: within a minute (and the test's run) of now
      expect(Math.abs(serverTimeIn(message) - Date.now())).toBeLessThan(2 * 60_000);
    const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000);
    const plain = '\uFEFFĐội số;Lượt thích;Lượt chia sẻ\r\n1;5;0\r\n2;6;0';

    it('refuses a time sent with the file or the form more than 5 minutes ahead (400 on takenAt)', async () => {
      const before = await snapshots();
      const ahead = inHours(3).toISOString();
      for (const path of ['imports/preview', 'imports'] as const) {
        const res = await send(path, plain, ahead, 'tuong-lai.csv').expect(400);
        expect(res.body).toMatchObject({
          code: 'TAKEN_AT_IN_FUTURE',
          details: [expect.objectContaining({ field: 'takenAt', code: 'TAKEN_AT_IN_FUTURE' })],
        });
        expect(res.body.message).toContain(formatDateTimeVi(ahead));
        expectServerTime(res.body.message);
      }
      const form = await t.http
        .post(`${base()}/form`)
        .set(bearer(admin))
        .send({ takenAt: ahead, counts: [{ entryId: entryOf.get(1)!, reactions: 5, shares: 0 }] })
        .expect(400);
      expect(form.body).toMatchObject({ code: 'TAKEN_AT_IN_FUTURE' });
      expect(form.body.details[0].field).toBe('takenAt');
      expect(await snapshots()).toEqual(before);
    });

    it('refuses a "Thời điểm" cell more than 5 minutes ahead, on its row and column; a clock a little behind is fine', async () => {
      const before = await snapshots();
      const ahead = formatDateTimeVi(inHours(3));
      const nearlyNow = formatDateTimeVi(new Date(Date.now() + 2 * 60_000));
      const file = [
        '\uFEFFThời điểm;Đội số;Lượt thích;Lượt chia sẻ',
        `${nearlyNow};1;5;0`,
        `${ahead};2;6;0`,
      ].join('\r\n');
      const preview = await send('imports/preview', file, undefined, 'tuong-lai.csv').expect(200);
      expect(preview.body.canCommit).toBe(false);
      expect(preview.body.errors).toEqual([
        expect.objectContaining({ line: 3, column: 'Thời điểm', code: 'TAKEN_AT_IN_FUTURE' }),
      ]);
      expect(preview.body.errors[0].message).toContain(`Dòng 3, cột "Thời điểm": ${ahead}`);
      expectServerTime(preview.body.errors[0].message);
      const commit = await send('imports', file, undefined, 'tuong-lai.csv').expect(400);
      expect(commit.body).toMatchObject({
        code: 'IMPORT_HAS_ERRORS',
        details: [
          expect.objectContaining({ field: 'line 3 / Thời điểm', code: 'TAKEN_AT_IN_FUTURE' }),
        ],
      });
      expect(await snapshots()).toEqual(before);
    });
  });
});
