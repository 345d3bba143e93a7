import { randomUUID } from 'node:crypto';
import { FANPAGE } from './support/fixtures';
import { seedManyEntries } from './support/many-entries';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Province-scale lists and bulk work (issue 24): every organiser list pages, counts, searches
 * and filters the same way; many entries are approved in one request with the checklist
 * deciding which; fanpage post addresses come from one CSV text with a preview.
 */
describe('lists: paging, bulk approval and post addresses from CSV', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let entryOf: Map<number, string>;
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const total = (res: { headers: Record<string, string> }) => Number(res.headers['x-total-count']);
  const numbers = (body: { teamNumber: number }[]) => body.map((r) => r.teamNumber);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    const seeded = await seedManyEntries(t.sql, contestId, { from: 101, count: 30, members: 3 });
    entryOf = new Map(seeded.map((s) => [s.teamNumber, s.entryId]));
    // Checklist problems: 101 has no outline, 102 is flagged, 103 declared nothing, 104 and
    // 105 hold the same video.
    await t.sql.query(`UPDATE entries SET outline_upload_id = NULL WHERE id = $1`, [
      entryOf.get(101),
    ]);
    await t.sql.query(
      `UPDATE entries SET duplicate_flag = 'Trùng mô hình năm 2021' WHERE id = $1`,
      [entryOf.get(102)],
    );
    await t.sql.query(`UPDATE entries SET originality_declared_at = NULL WHERE id = $1`, [
      entryOf.get(103),
    ]);
    await t.sql.query(
      `UPDATE uploads SET sha256 = repeat('a', 64)
        WHERE id IN (SELECT video_upload_id FROM entries WHERE id = ANY($1))`,
      [[entryOf.get(104), entryOf.get(105)]],
    );
  });
  afterAll(() => t?.close());

  it('the moderation list pages the queue (oldest submission first) with the total in X-Total-Count', async () => {
    const whole = await t.http.get(api('/moderation')).set(bearer(admin)).expect(200);
    expect(whole.body).toHaveLength(30);
    expect(total(whole)).toBe(30);
    const page2 = await t.http
      .get(api('/moderation?page=2&limit=10'))
      .set(bearer(admin))
      .expect(200);
    expect(total(page2)).toBe(30);
    // Team n submitted n minutes ago: the highest numbers waited longest.
    expect(numbers(page2.body)).toEqual([120, 119, 118, 117, 116, 115, 114, 113, 112, 111]);
    const beyond = await t.http.get(api('/moderation?page=9&limit=10')).set(bearer(admin));
    expect(beyond.body).toEqual([]);
    expect(total(beyond)).toBe(30);
  });

  it('searches without diacritics and filters by checklist problem', async () => {
    const found = await t.http
      .get(api(`/moderation?q=${encodeURIComponent('cai cach so 107')}`))
      .set(bearer(admin))
      .expect(200);
    expect(numbers(found.body)).toEqual([107]);
    const any = await t.http.get(api('/moderation?problem=any')).set(bearer(admin)).expect(200);
    expect(numbers(any.body).sort()).toEqual([101, 102, 103, 104, 105]);
    const outline = await t.http.get(api('/moderation?problem=outline')).set(bearer(admin));
    expect(numbers(outline.body)).toEqual([101]);
    expect(outline.body[0].problems).toEqual(['outline']);
    const dup = await t.http.get(api('/moderation?problem=duplicate')).set(bearer(admin));
    expect(numbers(dup.body).sort()).toEqual([102, 104, 105]);
    const clean = await t.http.get(api('/moderation?problem=none&limit=5')).set(bearer(admin));
    expect(total(clean)).toBe(25);
    expect(clean.body).toHaveLength(5);
  });

  it('refuses bad paging and filters with a Vietnamese message on the field', async () => {
    const zero = await t.http.get(api('/moderation?limit=0')).set(bearer(admin)).expect(400);
    expect(zero.body.code).toBe('VALIDATION_FAILED');
    expect(zero.body.details).toEqual([
      expect.objectContaining({ field: 'limit', message: 'Số dòng mỗi trang phải từ 1 trở lên.' }),
    ]);
    const huge = await t.http.get(api('/moderation?limit=10001')).set(bearer(admin)).expect(400);
    expect(huge.body.details[0].field).toBe('limit');
    const status = await t.http.get(api('/moderation?status=xyz')).set(bearer(admin)).expect(400);
    expect(status.body.details[0]).toEqual(
      expect.objectContaining({ field: 'status', message: 'Trạng thái lọc không hợp lệ.' }),
    );
    const word = await t.http.get(api('/moderation?page=abc')).set(bearer(admin)).expect(400);
    expect(word.body.details[0].field).toBe('page');
  });

  it('bulk approval approves what passes the checklist, keeps the rest with reasons, audits each', async () => {
    const chosen = [101, 102, 103, 104, 105, 106, 107, 108].map((n) => entryOf.get(n)!);
    const res = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds: chosen, note: 'Duyệt đợt 1' })
      .expect(200);
    expect(numbers(res.body.approved)).toEqual([106, 107, 108]);
    const reasons = Object.fromEntries(
      res.body.blocked.map((b: { teamNumber: number; reasons: string[] }) => [
        b.teamNumber,
        b.reasons,
      ]),
    );
    expect(reasons).toEqual({
      101: ['Chưa có đề cương.'],
      102: ['Đã bị đánh dấu trùng lặp: Trùng mô hình năm 2021'],
      103: ['Đội chưa cam kết tính mới của mô hình.'],
      104: ['Video giống hệt tệp của đội 105.'],
      105: ['Video giống hệt tệp của đội 104.'],
    });
    const statuses = await t.sql.query(
      `SELECT t.number, e.status FROM entries e JOIN teams t ON t.id = e.team_id
        WHERE e.id = ANY($1) ORDER BY t.number`,
      [chosen],
    );
    expect(statuses.rows.map((r) => `${r.number}:${r.status}`)).toEqual([
      '101:submitted',
      '102:submitted',
      '103:submitted',
      '104:submitted',
      '105:submitted',
      '106:approved',
      '107:approved',
      '108:approved',
    ]);
    const audit = await t.sql.query(
      `SELECT entity_id, before, after FROM audit_log
        WHERE action = 'entry.approve' AND entity_id = ANY($1) ORDER BY entity_id`,
      [chosen],
    );
    expect(audit.rows).toHaveLength(3);
    for (const row of audit.rows) {
      expect(row.before).toEqual({ status: 'submitted' });
      expect(row.after).toEqual({ status: 'approved', reasons: ['Duyệt đợt 1'], bulk: true });
    }
    const reviews = await t.sql.query(
      `SELECT count(*)::int AS n FROM entry_reviews WHERE entry_id = ANY($1)`,
      [chosen],
    );
    expect(reviews.rows[0].n).toBe(3);
  });

  it('bulk approval again: entries no longer awaiting review are reported, nothing changes', async () => {
    const again = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds: [entryOf.get(106)] })
      .expect(200);
    expect(again.body.approved).toEqual([]);
    expect(again.body.blocked[0].reasons).toEqual([
      'Sản phẩm không ở trạng thái chờ kiểm duyệt (đang: đã duyệt).',
    ]);
  });

  it('an unknown entry refuses the whole batch: nothing is approved', async () => {
    const unknown = randomUUID();
    const res = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds: [entryOf.get(109), unknown] })
      .expect(404);
    expect(res.body.code).toBe('ENTRY_NOT_FOUND');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'entryIds[1]' })]);
    const still = await t.sql.query(`SELECT status FROM entries WHERE id = $1`, [entryOf.get(109)]);
    expect(still.rows[0].status).toBe('submitted');
    const empty = await t.http
      .post(api('/moderation/approve'))
      .set(bearer(admin))
      .send({ entryIds: [] })
      .expect(400);
    expect(empty.body.details[0].message).toBe('Chọn ít nhất một sản phẩm.');
  });

  it('only organisers approve in bulk or import addresses', async () => {
    const team = await t.login('doi1');
    const judge = await t.login('gk.nguyen');
    for (const token of [team, judge]) {
      await t.http
        .post(api('/moderation/approve'))
        .set(bearer(token))
        .send({ entryIds: [entryOf.get(110)] })
        .expect(403);
      await t.http
        .post(api('/post-urls/preview'))
        .set(bearer(token))
        .send({ text: `110,${FANPAGE}/posts/1` })
        .expect(403);
      await t.http.get(api('/moderation?limit=5')).set(bearer(token)).expect(403);
    }
  });

  it('post addresses: the preview names each bad row in Vietnamese and what would change', async () => {
    const text = [
      'Số đội,Địa chỉ bài đăng',
      `106,${FANPAGE}/posts/9106`,
      `Đội Phường số 107,${FANPAGE}/posts/9107`,
      `999,${FANPAGE}/posts/9999`,
      `110,${FANPAGE}/posts/9110`,
      `108,khong-phai-dia-chi`,
      `108,https://www.facebook.com/trang-khac/posts/1`,
      `106,${FANPAGE}/posts/9206`,
      `Đội số 108,${FANPAGE}/posts/9106`,
      `108`,
    ].join('\r\n');
    const res = await t.http
      .post(api('/post-urls/preview'))
      .set(bearer(admin))
      .send({ text })
      .expect(200);
    expect(res.body.committed).toBe(false);
    expect(
      res.body.rows.map((r: { line: number; teamNumber: number; change: string }) => [
        r.line,
        r.teamNumber,
        r.change,
      ]),
    ).toEqual([
      [2, 106, 'new'],
      [3, 107, 'new'],
    ]);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'Dòng 4: không có đội số 999 trong hội thi.',
      'Dòng 5: sản phẩm của đội 110 chưa được duyệt (đang: đã nộp, chờ duyệt); chỉ nhập địa chỉ cho sản phẩm đã duyệt.',
      'Dòng 6: “khong-phai-dia-chi” không phải địa chỉ web (https://…).',
      `Dòng 7: địa chỉ bài đăng phải thuộc fanpage ${FANPAGE}.`,
      'Dòng 8: đội 106 đã có ở dòng 2.',
      'Dòng 9: địa chỉ này đã dùng ở dòng 2.',
      'Dòng 10: cần đúng 2 cột: số đội (hoặc tên đội) và địa chỉ bài đăng.',
    ]);
    expect(res.body.stillMissing.map((m: { teamNumber: number }) => m.teamNumber)).toEqual([108]);
    const nothing = await t.sql.query(
      `SELECT count(*)::int AS n FROM entries WHERE contest_id = $1 AND post_url IS NOT NULL`,
      [contestId],
    );
    expect(nothing.rows[0].n).toBe(0);
  });

  it('post addresses: a file with errors commits nothing; a clean one commits every row, audited', async () => {
    const bad = await t.http
      .post(api('/post-urls'))
      .set(bearer(admin))
      .send({ text: `106,${FANPAGE}/posts/9106\n999,${FANPAGE}/posts/9999` })
      .expect(400);
    expect(bad.body.code).toBe('POST_URL_ROWS_INVALID');
    expect(bad.body.details).toEqual([
      expect.objectContaining({
        field: 'lines.2.team',
        message: 'Dòng 2: không có đội số 999 trong hội thi.',
      }),
    ]);
    const none = await t.sql.query(
      `SELECT count(*)::int AS n FROM entries WHERE contest_id = $1 AND post_url IS NOT NULL`,
      [contestId],
    );
    expect(none.rows[0].n).toBe(0);

    // Lines pasted from a spreadsheet: tab-separated, team names or numbers.
    const pasted = [
      `106\t${FANPAGE}/posts/9106`,
      `Đội Phường số 107\t${FANPAGE}/posts/9107`,
      `108\t${FANPAGE}/posts/9108`,
    ].join('\n');
    const ok = await t.http
      .post(api('/post-urls'))
      .set(bearer(admin))
      .send({ text: pasted })
      .expect(200);
    expect(ok.body.committed).toBe(true);
    expect(ok.body.counts).toEqual({ new: 3, replace: 0, same: 0 });
    expect(ok.body.stillMissing).toEqual([]);
    const audit = await t.sql.query(
      `SELECT entity_id, after FROM audit_log WHERE action = 'entry.set_post_url' ORDER BY id`,
    );
    expect(audit.rows).toHaveLength(3);
    expect(audit.rows[0].after).toEqual({
      postUrl: `${FANPAGE}/posts/9106`,
      source: 'import',
      line: 1,
    });

    // The same lines again change nothing; a swap of two addresses is one consistent change.
    const again = await t.http.post(api('/post-urls')).set(bearer(admin)).send({ text: pasted });
    expect(again.body.counts).toEqual({ new: 0, replace: 0, same: 3 });
    const swap = await t.http
      .post(api('/post-urls'))
      .set(bearer(admin))
      .send({ text: `106,${FANPAGE}/posts/9107\n107,${FANPAGE}/posts/9106` })
      .expect(200);
    expect(swap.body.counts).toEqual({ new: 0, replace: 2, same: 0 });
    const taken = await t.http
      .post(api('/post-urls/preview'))
      .set(bearer(admin))
      .send({ text: `106,${FANPAGE}/posts/9108` })
      .expect(200);
    expect(taken.body.errors[0].message).toBe(
      'Dòng 1: địa chỉ đã gán cho đội 108 (Đội Phường số 108).',
    );
    const rows = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'entry.set_post_url'`,
    );
    expect(rows.rows[0].n).toBe(5);
  });

  it('people lists page and search the same way: units, teams (with members), accounts', async () => {
    const units = await t.http.get(api('/units?limit=5&q=phuong so 12')).set(bearer(admin));
    expect(units.status).toBe(200);
    // Every word is looked for inside the texts: "12" finds 112 and 120-129.
    expect(units.body.map((u: { name: string }) => u.name)).toEqual([
      'Phường số 112',
      'Phường số 120',
      'Phường số 121',
      'Phường số 122',
      'Phường số 123',
    ]);
    expect(total(units)).toBe(11);
    const teams = await t.http
      .get(api('/teams?page=2&limit=10&status=active'))
      .set(bearer(admin))
      .expect(200);
    expect(total(teams)).toBe(39); // the 9 demo teams and the 30 seeded ones
    expect(teams.body).toHaveLength(10);
    const byMember = await t.http
      .get(api(`/teams?q=${encodeURIComponent('Thành viên 115.2')}`))
      .set(bearer(admin));
    expect(byMember.body.map((x: { number: number }) => x.number)).toEqual([115]);
    const judges = await t.http.get(api('/accounts?role=judge&limit=2')).set(bearer(admin));
    expect(judges.body).toHaveLength(2);
    expect(total(judges)).toBeGreaterThanOrEqual(5);
    expect(judges.body.every((a: { role: string }) => a.role === 'judge')).toBe(true);
    const whole = await t.http.get(api('/teams')).set(bearer(admin));
    expect(whole.body).toHaveLength(39);
  });
});
