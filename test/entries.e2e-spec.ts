import { docx, mp4, pdf } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

describe('entries, moderation and synchronized publication', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const tokens: Record<number, string> = {};
  const FANPAGE = 'https://www.facebook.com/hoithimohinhsangkiencchcngabay';

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const n of [1, 2, 3, 5]) tokens[n] = await t.login(`doi${n}`);
  });
  afterAll(() => t?.close());

  const transition = (to: string) =>
    t.http.post(`/api/contests/${contestId}/transitions`).set(bearer(admin)).send({ to });
  const entryOf = async (n: number) =>
    (await t.http.get(`/api/contests/${contestId}/my-entry`).set(bearer(tokens[n]!))).body;
  const fillIn = (n: number, extra: object = {}) =>
    t.http
      .put(`/api/contests/${contestId}/my-entry`)
      .set(bearer(tokens[n]!))
      .send({
        name: n === 5 ? 'Chính quyền 24 giờ' : `Mô hình của đội ${n}`,
        context: 'Người dân cần phản ánh kiến nghị ngoài giờ hành chính.',
        implementation: 'Lập trang Zalo "Hiệp Thành 24 giờ", phân công cán bộ xác minh và xử lý.',
        benefits: 'Tiết kiệm thời gian, tăng tương tác giữa người dân và chính quyền.',
        category: 'Chuyển đổi số',
        originalityDeclared: true,
        ...extra,
      });
  const uploadBoth = async (n: number, outline = pdf()) => {
    const tus = new TusTestClient(t.http, tokens[n]!, contestId);
    expect((await tus.upload('video', `doi${n}.mp4`, mp4(200_000))).res.status).toBe(204);
    expect((await tus.upload('outline', `doi${n}.pdf`, outline)).res.status).toBe(204);
  };

  it('refuses entry edits before the submission phase opens', async () => {
    const res = await fillIn(1);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SUBMISSION_CLOSED');
    await transition('registration').expect(200);
    await transition('submission').expect(200);
  });

  it('a team drafts its entry; submitting names every missing piece', async () => {
    const draft = await t.http
      .put(`/api/contests/${contestId}/my-entry`)
      .set(bearer(tokens[1]!))
      .send({ name: 'Một cửa thân thiện' });
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
    const submit = await t.http
      .post(`/api/contests/${contestId}/my-entry/submit`)
      .set(bearer(tokens[1]!));
    expect(submit.status).toBe(400);
    expect(submit.body.code).toBe('ENTRY_INCOMPLETE');
    expect(submit.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        'context',
        'implementation',
        'benefits',
        'originalityDeclared',
        'video',
        'outline',
      ]),
    );
  });

  it('a complete entry is submitted and then locked for the team', async () => {
    await fillIn(1).expect(200);
    await uploadBoth(1);
    const submit = await t.http
      .post(`/api/contests/${contestId}/my-entry/submit`)
      .set(bearer(tokens[1]!));
    expect(submit.status).toBe(200);
    expect(submit.body.status).toBe('submitted');
    const edit = await fillIn(1, { name: 'Đổi tên sau khi nộp' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('ENTRY_LOCKED');
    const reupload = await new TusTestClient(t.http, tokens[1]!, contestId).create(
      'video',
      'x.mp4',
      1000,
    );
    expect(reupload.status).toBe(409);
  });

  it('teams see only their own entry; judges see none until approval', async () => {
    await fillIn(2).expect(200);
    const list2 = await t.http.get(`/api/contests/${contestId}/entries`).set(bearer(tokens[2]!));
    expect(list2.body).toHaveLength(1);
    expect(list2.body[0].teamNumber).toBe(2);
    const entry1 = await entryOf(1);
    expect(
      (await t.http.get(`/api/contests/${contestId}/entries/${entry1.id}`).set(bearer(tokens[2]!)))
        .status,
    ).toBe(404);
    const judge = await t.login('gk.nguyen');
    expect(
      (await t.http.get(`/api/contests/${contestId}/entries`).set(bearer(judge))).body,
    ).toHaveLength(0);
  });

  it('moderation: the queue shows a checklist with identical files flagged; return with reasons; resubmit', async () => {
    const shared = docx('Đề cương giống hệt nhau');
    await uploadBoth(2, shared);
    await t.http
      .post(`/api/contests/${contestId}/my-entry/submit`)
      .set(bearer(tokens[2]!))
      .expect(200);
    await fillIn(3).expect(200);
    await uploadBoth(3, shared);
    await t.http
      .post(`/api/contests/${contestId}/my-entry/submit`)
      .set(bearer(tokens[3]!))
      .expect(200);

    const queue = await t.http.get(`/api/contests/${contestId}/moderation`).set(bearer(admin));
    expect(queue.status).toBe(200);
    expect(queue.body.map((e: { teamNumber: number }) => e.teamNumber)).toEqual([1, 2, 3]);
    const item2 = queue.body.find((e: { teamNumber: number }) => e.teamNumber === 2);
    expect(item2.checklist).toMatchObject({
      videoReady: true,
      outlineReady: true,
      infoComplete: true,
      originalityDeclared: true,
    });
    expect(item2.checklist.withinLength).toBeNull(); // no ffprobe duration for random bytes
    expect(item2.checklist.sameFileAs).toEqual([
      expect.objectContaining({ teamNumber: 3, kind: 'outline' }),
    ]);

    const returned = await t.http
      .post(`/api/contests/${contestId}/entries/${item2.id}/return`)
      .set(bearer(admin))
      .send({ reasons: ['Đề cương trùng với đề cương của đội số 3', 'Video chưa nêu lợi ích'] });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    const seen = await entryOf(2);
    expect(seen.returnReasons).toEqual([
      'Đề cương trùng với đề cương của đội số 3',
      'Video chưa nêu lợi ích',
    ]);
    await uploadBoth(2, docx('Đề cương mới của đội 2'));
    const again = await t.http
      .post(`/api/contests/${contestId}/my-entry/submit`)
      .set(bearer(tokens[2]!));
    expect(again.body.status).toBe('resubmitted');
    // An organiser whose page still shows the first submission (version before the return)
    // cannot approve or return the new one, whose video they have not seen.
    for (const [decision, body] of [
      ['approve', {}],
      ['return', { reasons: ['Video chưa nêu lợi ích'] }],
    ] as const) {
      const stale = await t.http
        .post(`/api/contests/${contestId}/entries/${item2.id}/${decision}`)
        .set(bearer(admin))
        .send({ ...body, version: item2.version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('ENTRY_CHANGED');
      expect(stale.body.details[0].field).toBe('version');
      expect(stale.body.current).toMatchObject({ status: 'resubmitted' });
      expect(stale.body.current.version).toBeGreaterThan(item2.version);
    }
    expect((await entryOf(2)).status).toBe('resubmitted');
    const decisions = await t.http
      .get(`/api/contests/${contestId}/entries/${item2.id}/reviews`)
      .set(bearer(admin));
    expect(decisions.body.map((r: { decision: string }) => r.decision)).toEqual(['return']);
    const empty = await t.http
      .post(`/api/contests/${contestId}/entries/${item2.id}/return`)
      .set(bearer(admin))
      .send({ reasons: [] });
    expect(empty.status).toBe(400);
  });

  it('approves entries, keeps the review history, and cannot approve twice', async () => {
    const queue = (await t.http.get(`/api/contests/${contestId}/moderation`).set(bearer(admin)))
      .body as { id: string; teamNumber: number }[];
    for (const item of queue) {
      const res = await t.http
        .post(`/api/contests/${contestId}/entries/${item.id}/approve`)
        .set(bearer(admin))
        .send({});
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('approved');
    }
    const twice = await t.http
      .post(`/api/contests/${contestId}/entries/${queue[0]!.id}/approve`)
      .set(bearer(admin))
      .send({});
    expect(twice.status).toBe(409);
    const entry2 = queue.find((e) => e.teamNumber === 2)!;
    const reviews = await t.http
      .get(`/api/contests/${contestId}/entries/${entry2.id}/reviews`)
      .set(bearer(admin));
    expect(reviews.body.map((r: { decision: string }) => r.decision)).toEqual([
      'return',
      'approve',
    ]);
    const judge = await t.login('gk.nguyen');
    expect(
      (await t.http.get(`/api/contests/${contestId}/entries`).set(bearer(judge))).body,
    ).toHaveLength(3);

    // The organisers' duplicate suspicion is their own note: not shown to the team or judges.
    const flagged = await t.http
      .post(`/api/contests/${contestId}/entries/${entry2.id}/duplicate-flag`)
      .set(bearer(admin))
      .send({ reason: 'Đề cương giống đội số 3 trước khi sửa' });
    expect(flagged.status).toBe(200);
    const flagSeenBy = async (token: string) =>
      (await t.http.get(`/api/contests/${contestId}/entries/${entry2.id}`).set(bearer(token))).body
        .duplicateFlag;
    expect(await flagSeenBy(admin)).toBe('Đề cương giống đội số 3 trước khi sửa');
    expect(await flagSeenBy(judge)).toBeNull();
    expect(await flagSeenBy(tokens[2]!)).toBeNull();
    expect((await entryOf(2)).duplicateFlag).toBeNull();
  });

  it('publishes all approved entries at one common time, only with post addresses on the fanpage', async () => {
    await fillIn(5).expect(200); // team 5 never submits: must stay unpublished
    await transition('moderation').expect(200);
    // the deadline passes: teams can no longer edit (returned entries included)
    const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
      .rules;
    rules.dates.submissionDeadline = '2022-08-15T17:00:00Z';
    await t.http
      .put(`/api/contests/${contestId}/rules`)
      .set(bearer(admin))
      .send({ rules })
      .expect(200);
    const late = await fillIn(5);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('DEADLINE_PASSED');

    const blocked = await t.http.post(`/api/contests/${contestId}/publish-all`).set(bearer(admin));
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('POST_URL_MISSING');
    expect(blocked.body.details).toHaveLength(3);

    const approved = (
      await t.http.get(`/api/contests/${contestId}/entries`).set(bearer(admin))
    ).body.filter((e: { status: string }) => e.status === 'approved') as {
      id: string;
      teamNumber: number;
    }[];
    const foreign = await t.http
      .put(`/api/contests/${contestId}/entries/${approved[0]!.id}/post-url`)
      .set(bearer(admin))
      .send({ postUrl: 'https://www.facebook.com/another-page/posts/1' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('POST_NOT_ON_FANPAGE');
    const setPost = (entryId: string, postUrl: string) =>
      t.http
        .put(`/api/contests/${contestId}/entries/${entryId}/post-url`)
        .set(bearer(admin))
        .send({ postUrl });
    const page = await setPost(approved[0]!.id, `${FANPAGE}/`);
    expect(page.status).toBe(400);
    expect(page.body.code).toBe('POST_NOT_ON_FANPAGE'); // the page itself is not a post
    for (const entry of approved)
      await setPost(entry.id, `${FANPAGE}/posts/${1000 + entry.teamNumber}`).expect(200);
    // another entry's post written another way (mobile site, tracking parameter) is taken
    const mobile = `${FANPAGE.replace('www.', 'm.')}/posts/${1000 + approved[0]!.teamNumber}/?ref=share`;
    const taken = await setPost(approved[1]!.id, mobile);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('POST_URL_TAKEN');
    const before = (await t.http.get('/api/public/contests/nga-bay-2022/entries')).body;
    expect(before.entries).toEqual([]);

    const published = await t.http
      .post(`/api/contests/${contestId}/publish-all`)
      .set(bearer(admin));
    expect(published.status).toBe(200);
    expect(published.body.published).toBe(3);
    const rows = (await t.sql.query(`SELECT status, published_at FROM entries ORDER BY status`))
      .rows;
    const stamps = new Set(
      rows.filter((r) => r.status === 'published').map((r) => r.published_at.toISOString()),
    );
    expect(stamps.size).toBe(1);
    expect(rows.filter((r) => r.status === 'draft')).toHaveLength(1);
    const contest = await t.http.get(`/api/contests/${contestId}`).set(bearer(admin));
    expect(contest.body.status).toBe('published');
    const again = await t.http.post(`/api/contests/${contestId}/publish-all`).set(bearer(admin));
    expect(again.status).toBe(409);
    const audits = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'entry.publish'`,
    );
    expect(audits.rows[0].n).toBe(3);
  });

  it('the public sees the published entries and can play their videos', async () => {
    const res = await t.http.get('/api/public/contests/nga-bay-2022/entries');
    expect(res.status).toBe(200);
    expect(res.body.entries.map((e: { teamNumber: number }) => e.teamNumber)).toEqual([1, 2, 3]);
    const video = res.body.entries[0].video;
    const play = await t.http
      .get(`/api/contests/${contestId}/uploads/${video.id}/content`)
      .set('Range', 'bytes=0-99');
    expect(play.status).toBe(206);
    expect(play.headers['content-type']).toBe('video/mp4');
    // the name on the team's computer and the checksum stay with the team and the organisers
    expect(Object.keys(video).sort()).toEqual([
      'durationSeconds',
      'fileName',
      'id',
      'mime',
      'size',
    ]);
    expect(video.fileName).toBe(`video-${video.id.slice(0, 8)}.mp4`);
    expect(play.headers['content-disposition']).toBe(
      `inline; filename="${video.fileName}"; filename*=UTF-8''${video.fileName}`,
    );
    expect((await t.http.get('/api/public/contests/khong-ton-tai/entries')).status).toBe(404);
  });
});
