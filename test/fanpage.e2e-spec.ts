import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { FanpageReadingsService } from '../src/fanpage/fanpage-readings.service';
import { FanpageClock, FanpageGraph } from '../src/fanpage/fanpage-settings';
import { FanpageConnectionService } from '../src/fanpage/fanpage-connection.service';
import { FanpageReadingRecords } from '../src/fanpage/fanpage-reading-records';
import { FANPAGE_LOCK_KEY, FanpageSlotReader } from '../src/fanpage/fanpage-slot-reader';
import { TOKEN_KEY_FILE } from '../src/fanpage/token-vault';
import { ContestsService } from '../src/contests/contests.service';
import { JOB_LOCK, JobScheduler } from '../src/jobs/job-scheduler';
import { publishDemoEntries } from './support/fixtures';
import { GRAPH_ERRORS } from './support/graph-fixtures';
import { FakeGraphApi } from './support/graph-server';
import { bearer, startTestApp, TestApp } from './support/test-app';

const PAGE = '104000000000001';
const FIRST_TOKEN = 'EAAGfirst-page-token-0123456789abcdef';
const SECOND_TOKEN = 'EAAGsecond-page-token-9876543210fedcba';
const CUTOFF = '2022-08-31T10:00:00.000Z'; // 17:00 in Vietnam
const at = (iso: string) => new Date(iso);

/**
 * A whole voting period driven by a clock the test holds (no waiting): hourly readings from a
 * local Graph API, a token expiring mid-way and replaced, a post deleted before the cut-off,
 * the official reading at the cut-off, and a cut-off reading Facebook keeps refusing.
 */
describe('fanpage readings over a voting period', () => {
  let t: TestApp;
  let graph: FakeGraphApi;
  let admin: string;
  let contestId: string;
  let entryOf: Map<number, string>;
  let now = at('2022-08-29T09:10:00Z');
  let readings: FanpageReadingsService;
  const api = () => `/api/contests/${contestId}/fanpage`;
  const post = (n: number) => `${PAGE}_${1000 + n}`;
  const run = async (iso: string) => {
    now = at(iso);
    return readings.runDue();
  };
  const rowsOf = async () =>
    (
      await t.sql.query(
        `SELECT scheduled_at, kind, status, attempts, problem_code, snapshot_id, unread
           FROM fanpage_readings WHERE contest_id = $1 ORDER BY scheduled_at`,
        [contestId],
      )
    ).rows as {
      scheduled_at: Date;
      kind: string;
      status: string;
      attempts: number;
      problem_code: string | null;
      snapshot_id: string | null;
      unread: { teamNumber: number; problemCode: string }[];
    }[];
  const notes = async () =>
    (
      await t.sql.query(
        `SELECT event_type, payload FROM notifications
          WHERE contest_id = $1 AND channel = 'in_app' AND event_type LIKE 'fanpage.%'
            AND recipient_id = (SELECT id FROM users WHERE username = 'admin')
          ORDER BY created_at, id`,
        [contestId],
      )
    ).rows as { event_type: string; payload: Record<string, unknown> }[];
  const setCounts = (hour: number) => {
    for (const n of entryOf.keys())
      if (graph.posts.has(post(n)) || hour === 0)
        graph.posts.set(post(n), {
          reactions: 100 * n + 10 * hour,
          comments: n,
          shares: n % 3 === 0 ? 0 : n + hour, // no shares at all on teams 3, 6, 9: field absent
        });
  };

  /**
   * While a reading waits on Facebook: the app's sessions inside a transaction, the advisory
   * locks of the fanpage readings and of the cluster jobs, and the pool's connections in use.
   */
  const whatTheAppHolds = async () => {
    const open = await t.sql.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND state LIKE 'idle in transaction%'`,
    );
    const locks = await t.sql.query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND classid IN ($1, $2)`,
      [FANPAGE_LOCK_KEY, JOB_LOCK],
    );
    const pool = (t.app.get(DataSource).driver as unknown as { master: Pool }).master;
    return {
      open: open.rows[0].n,
      locks: locks.rows[0].n,
      inUse: pool.totalCount - pool.idleCount,
    };
  };

  beforeAll(async () => {
    graph = await new FakeGraphApi().start();
    graph.profiles.set(PAGE, 'Hội thi Mô hình, sáng kiến CCHC Ngã Bảy');
    graph.tokens.set(FIRST_TOKEN, {
      type: 'PAGE',
      profileId: PAGE,
      scopes: ['pages_show_list', 'pages_read_engagement'],
      expiresAt: Date.parse('2022-08-30T12:00:00Z') / 1000,
    });
    t = await startTestApp({
      FANPAGE_GRAPH_BASE_URL: graph.url,
      // the job is scheduled (an hour apart: it ticks only when a test asks)
      FANPAGE_CHECK_INTERVAL_SECONDS: '3600',
    });
    t.app.get(FanpageClock).now = () => now;
    readings = t.app.get(FanpageReadingsService);
    admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    entryOf = new Map(published.entries.map((e) => [e.teamNumber, e.id]));
    const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
      .rules;
    rules.dates.interactionCutoff = CUTOFF;
    await t.http
      .put(`/api/contests/${contestId}/rules`)
      .set(bearer(admin))
      .send({ rules })
      .expect(200);
    setCounts(0);
  });
  afterAll(async () => {
    await t?.close();
    await graph?.stop();
  });

  it('refuses a token Facebook refuses, a user token and a wrong page, storing nothing', async () => {
    const bad = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: 'EAAGunknown-token-000000000', apiVersion: 'v23.0' })
      .expect(400);
    expect(bad.body.code).toBe('GRAPH_TOKEN_INVALID');
    expect(bad.body.message).toContain('mã truy cập');
    graph.tokens.set('EAAGuser-token-0000000000000', {
      type: 'USER',
      profileId: '10215241773831025',
      scopes: ['pages_read_engagement'],
      expiresAt: 0,
    });
    const user = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: 'EAAGuser-token-0000000000000', apiVersion: 'v23.0' })
      .expect(400);
    expect(user.body.code).toBe('GRAPH_WRONG_PAGE');
    const other = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: FIRST_TOKEN, apiVersion: 'v23.0', pageId: '999999999' })
      .expect(400);
    expect(other.body.code).toBe('GRAPH_WRONG_PAGE');
    expect(JSON.stringify(other.body)).not.toContain(FIRST_TOKEN);
    const invalid = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: FIRST_TOKEN, apiVersion: '23' })
      .expect(400);
    expect(invalid.body.details[0].field).toBe('apiVersion');
    expect(
      (await t.sql.query(`SELECT count(*)::int AS n FROM fanpage_connections`)).rows[0].n,
    ).toBe(0);
  });

  it('connects the page: name and expiry shown, the token only encrypted, nowhere else', async () => {
    const res = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: FIRST_TOKEN, apiVersion: 'v23.0', pageId: PAGE, intervalMinutes: 60 })
      .expect(200);
    expect(res.body).toMatchObject({
      connected: true,
      pageId: PAGE,
      pageName: 'Hội thi Mô hình, sáng kiến CCHC Ngã Bảy',
      apiVersion: 'v23.0',
      tokenExpiresAt: '2022-08-30T12:00:00.000Z',
      tokenExpiryKnown: true,
      intervalMinutes: 60,
      cutoffRetryMinutes: 120,
      nextReadingAt: '2022-08-29T10:00:00.000Z',
      problem: null,
    });
    const get = await t.http.get(api()).set(bearer(admin)).expect(200);
    const stored = await t.sql.query(`SELECT * FROM fanpage_connections`);
    const audit = await t.sql.query(
      `SELECT after::text FROM audit_log WHERE action LIKE 'fanpage.%'`,
    );
    for (const text of [
      JSON.stringify(res.body),
      JSON.stringify(get.body),
      JSON.stringify(stored.rows),
      JSON.stringify(audit.rows),
    ])
      expect(text).not.toContain(FIRST_TOKEN);
    expect(stored.rows[0].token_ciphertext).toMatch(/^v1\./);
    expect(audit.rows).toHaveLength(1);
    // the key was made at first start under DATA_DIR, readable by its owner only
    const key = readFileSync(join(t.settings.dataDir, TOKEN_KEY_FILE), 'utf8');
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
  });

  it('warns the organisers, in Vietnamese, that the stored token expires within a week', async () => {
    const view = await t.http.get(api()).set(bearer(admin)).expect(200);
    expect(view.body.tokenWarning).toEqual({
      code: 'TOKEN_EXPIRING',
      message: expect.stringContaining('sắp hết hạn: 30/08/2022 19:00'),
      action: expect.stringContaining('Kiểm tra và lưu'),
      expiresAt: '2022-08-30T12:00:00.000Z',
    });
  });

  it('reads every published post hourly, once per slot, as snapshots of source graph with evidence', async () => {
    const first = await run('2022-08-29T09:10:00Z');
    expect(first.map((r) => r.outcome)).toEqual(['done']);
    expect(graph.requests.filter((r) => r.startsWith('/v23.0/?ids='))).toHaveLength(1);
    expect(await run('2022-08-29T09:40:00Z')).toEqual([
      expect.objectContaining({ outcome: 'skipped' }),
    ]);
    // two instances ticking at once: one reads, the other finds the slot taken or locked
    setCounts(1);
    now = at('2022-08-29T10:05:00Z');
    const both = await Promise.all([readings.runDue(), readings.runDue()]);
    expect(
      both
        .flat()
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(expect.arrayContaining(['done']));
    expect(both.flat().filter((r) => r.outcome === 'done')).toHaveLength(1);
    const rows = await rowsOf();
    expect(rows.map((r) => [r.scheduled_at.toISOString(), r.kind, r.status])).toEqual([
      ['2022-08-29T09:00:00.000Z', 'scheduled', 'done'],
      ['2022-08-29T10:00:00.000Z', 'scheduled', 'done'],
    ]);
    const snapshots = await t.sql.query(
      `SELECT id, taken_at, source, file_sha256, row_count, created_by FROM interaction_snapshots
        WHERE contest_id = $1 ORDER BY taken_at`,
      [contestId],
    );
    expect(snapshots.rows.map((s) => [s.source, s.row_count, s.created_by])).toEqual([
      ['graph', 9, null],
      ['graph', 9, null],
    ]);
    expect(snapshots.rows[1].taken_at.toISOString()).toBe('2022-08-29T10:05:00.000Z');
    // the evidence: the raw answers, whose SHA-256 is the snapshot's fingerprint
    const list = await t.http.get(`${api()}/readings`).set(bearer(admin)).expect(200);
    const latest = list.body[0];
    const evidence = await t.http
      .get(`${api()}/readings/${latest.id}/evidence`)
      .set(bearer(admin))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const text = evidence.body as string;
    expect(createHash('sha256').update(text).digest('hex')).toBe(latest.responsesSha256);
    expect(latest.responsesSha256).toBe(snapshots.rows[1].file_sha256);
    expect(text).not.toContain(FIRST_TOKEN);
    const answers = JSON.parse(text);
    expect(answers[0].usage['x-app-usage']).toContain('call_count');
    // the counts as read: team 5 at hour 1; team 6 had no shares field (0)
    const history = await t.http
      .get(`/api/contests/${contestId}/interactions/history`)
      .set(bearer(admin))
      .expect(200);
    const five = history.body.find((h: { teamNumber: number }) => h.teamNumber === 5);
    expect(five.series.at(-1)).toMatchObject({ reactions: 510, shares: 6, comments: 5 });
    const six = history.body.find((h: { teamNumber: number }) => h.teamNumber === 6);
    expect(six.series.at(-1)).toMatchObject({ shares: 0 });
    // the snapshot was audited like an import's
    const audited = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'interactions.snapshot' AND contest_id = $1`,
      [contestId],
    );
    expect(audited.rows[0].n).toBe(2);
  });

  it('a token expiring mid-way: failed readings, one message saying what to do, then a new token', async () => {
    graph.tokens.get(FIRST_TOKEN)!.refusal = GRAPH_ERRORS.tokenExpired;
    expect((await run('2022-08-30T12:05:00Z')).map((r) => r.outcome)).toEqual(['failed']);
    expect((await run('2022-08-30T13:05:00Z')).map((r) => r.outcome)).toEqual(['failed']);
    const messages = await notes();
    expect(messages).toHaveLength(1); // not once an hour
    expect(messages[0]).toMatchObject({
      event_type: 'fanpage.problem',
      payload: { problemCode: 'GRAPH_TOKEN_INVALID' },
    });
    const inApp = await t.http.get('/api/notifications').set(bearer(admin)).expect(200);
    const shown = inApp.body.items.find(
      (n: { eventType: string }) => n.eventType === 'fanpage.problem',
    );
    expect(shown.title).toContain('Lỗi đọc số liệu fanpage');
    expect(shown.lines.join(' ')).toContain('hết hạn');
    expect(shown.lines.join(' ')).toContain('Cách xử lý');
    expect(shown.path).toBe(`/btc/${contestId}/tuong-tac`);
    const view = await t.http.get(api()).set(bearer(admin)).expect(200);
    expect(view.body.problem.code).toBe('GRAPH_TOKEN_INVALID');
    // Facebook's error 190: the warning says the token no longer works
    expect(view.body.tokenWarning).toMatchObject({
      code: 'TOKEN_EXPIRED',
      message: expect.stringContaining('đã hết hạn'),
    });
    const failed = (await rowsOf()).filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(2);
    expect(failed.every((r) => r.snapshot_id === null)).toBe(true); // no snapshot of zeros

    now = at('2022-08-30T14:00:00Z');
    graph.tokens.set(SECOND_TOKEN, {
      type: 'PAGE',
      profileId: PAGE,
      scopes: ['pages_read_engagement'],
      expiresAt: 0,
    });
    const reconnected = await t.http
      .put(api())
      .set(bearer(admin))
      .send({ token: SECOND_TOKEN, apiVersion: 'v23.0' })
      .expect(200);
    expect(reconnected.body).toMatchObject({
      tokenExpiresAt: null,
      tokenWarning: null,
      problem: null,
      intervalMinutes: 60,
    });
    setCounts(30);
    expect((await run('2022-08-30T15:05:00Z')).map((r) => r.outcome)).toEqual(['done']);
  });

  it('a post deleted before the cut-off: the others are read, the team named to the organisers', async () => {
    graph.posts.delete(post(4));
    setCounts(45);
    expect((await run('2022-08-31T08:05:00Z')).map((r) => r.outcome)).toEqual(['done']);
    const last = (await rowsOf()).at(-1)!;
    expect(last.unread).toEqual([
      expect.objectContaining({ teamNumber: 4, problemCode: 'GRAPH_POST_UNAVAILABLE' }),
    ]);
    const message = (await notes()).at(-1)!;
    expect(message.payload).toMatchObject({ problemCode: 'GRAPH_POST_UNAVAILABLE' });
    expect(message.payload.unread).toEqual([
      expect.objectContaining({ teamNumber: 4, teamName: expect.any(String) }),
    ]);
  });

  it('an hourly reading Facebook answers only after the cut-off is dated when it was answered, never before the cut-off', async () => {
    setCounts(46);
    const held = graph.holdAnswers();
    now = at('2022-08-31T09:59:50Z'); // the 09:00 slot, asked ten seconds before the cut-off
    const ran = readings.runDue();
    await held.arrived;
    now = at('2022-08-31T10:00:05Z'); // Facebook answers after it: counts of after the cut-off
    held.release();
    expect((await ran).map((r) => [r.slot.kind, r.outcome])).toEqual([['scheduled', 'done']]);
    const row = (await rowsOf()).at(-1)!;
    expect(row.scheduled_at.toISOString()).toBe('2022-08-31T09:00:00.000Z');
    const snapshot = await t.sql.query(`SELECT taken_at FROM interaction_snapshots WHERE id = $1`, [
      row.snapshot_id,
    ]);
    expect(snapshot.rows[0].taken_at.toISOString()).toBe('2022-08-31T10:00:05.000Z');
  });

  it('reads exactly at the cut-off: that reading is the official snapshot; none after it', async () => {
    setCounts(47);
    expect((await run('2022-08-31T10:00:20Z')).map((r) => [r.slot.kind, r.outcome])).toEqual([
      ['cutoff', 'done'],
    ]);
    const cutoffRow = (await rowsOf()).at(-1)!;
    expect(cutoffRow).toMatchObject({ kind: 'cutoff', status: 'done' });
    const standings = await t.http
      .get(`/api/contests/${contestId}/interactions?limit=20`)
      .set(bearer(admin))
      .expect(200);
    expect(standings.body.officialSnapshot).toEqual({
      id: cutoffRow.snapshot_id,
      takenAt: CUTOFF,
      source: 'graph',
    });
    const team4 = standings.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 4);
    expect(team4.counts).toBeNull(); // not read: shown as missing, never as a zero count
    const team9 = standings.body.entries.find((e: { teamNumber: number }) => e.teamNumber === 9);
    expect(team9.counts).toEqual({ reactions: 900 + 470, shares: 0, comments: 9 });
    // after the cut-off: no hourly reading, and the official one is not taken again
    expect((await run('2022-08-31T11:05:00Z')).map((r) => r.outcome)).toEqual(['skipped']);
    expect((await rowsOf()).at(-1)!.scheduled_at.toISOString()).toBe(CUTOFF);
  });

  it('a cut-off reading Facebook keeps refusing is retried within the window, then marked for a file import', async () => {
    const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
      .rules;
    rules.dates.interactionCutoff = '2022-09-02T10:00:00.000Z';
    await t.http
      .put(`/api/contests/${contestId}/rules`)
      .set(bearer(admin))
      .send({ rules })
      .expect(200);
    await t.http
      .put(`${api()}/schedule`)
      .set(bearer(admin))
      .send({ intervalMinutes: null, cutoffRetryMinutes: 60 })
      .expect(200);
    graph.refuseAll = GRAPH_ERRORS.pageRateLimit;
    expect((await run('2022-09-02T10:00:10Z')).map((r) => r.outcome)).toEqual(['retrying']);
    expect((await run('2022-09-02T10:03:00Z')).map((r) => r.outcome)).toEqual(['skipped']);
    expect((await run('2022-09-02T10:06:00Z')).map((r) => r.outcome)).toEqual(['retrying']);
    expect((await run('2022-09-02T11:00:10Z')).map((r) => r.outcome)).toEqual(['missed']);
    expect((await run('2022-09-02T11:30:00Z')).map((r) => r.outcome)).toEqual(['skipped']);
    const row = (await rowsOf()).at(-1)!;
    expect(row).toMatchObject({ kind: 'cutoff', status: 'missed', attempts: 2 });
    expect(row.problem_code).toBe('GRAPH_RATE_LIMITED');
    const missed = (await notes()).filter((n) => n.event_type === 'fanpage.cutoff_missed');
    expect(missed).toHaveLength(1);
    const inApp = await t.http.get('/api/notifications').set(bearer(admin)).expect(200);
    const shown = inApp.body.items.find(
      (n: { eventType: string }) => n.eventType === 'fanpage.cutoff_missed',
    );
    expect(shown.title).toContain('cần nhập bằng tệp');
    expect(shown.linkLabel).toBe('Nhập số liệu bằng tệp');
    graph.refuseAll = null;
  });

  it('holds no database connection, transaction or lock while Facebook is slow to answer', async () => {
    const before = now;
    now = at('2022-09-02T11:45:00Z');
    const held = graph.holdAnswers();
    const asked = t.http.post(`${api()}/readings`).set(bearer(admin));
    const answered = asked.then((res) => res); // supertest sends on then()
    await Promise.race([
      held.arrived,
      answered.then((r) => {
        throw new Error(`answered without asking Facebook: ${r.status} ${JSON.stringify(r.body)}`);
      }),
    ]);
    // the reading now waits on Facebook: none of the app's sessions is inside a transaction,
    // the contest's fanpage lock is free, and the app's pool has every connection idle
    const holding = await whatTheAppHolds();
    held.release();
    const res = await answered;
    now = before;
    expect(holding).toEqual({ open: 0, locks: 0, inUse: 0 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'manual', status: 'done' });
  });

  it('the scheduled job holds no database connection, transaction or lock while Facebook is slow', async () => {
    const before = now;
    // hourly readings again, before the (moved) cut-off: the 09:00 slot is due and unread
    const schedule = (intervalMinutes: number | null) =>
      t.http
        .put(`${api()}/schedule`)
        .set(bearer(admin))
        .send({ intervalMinutes, cutoffRetryMinutes: 60 })
        .expect(200);
    await schedule(60);
    now = at('2022-09-02T09:05:00Z');
    const held = graph.holdAnswers();
    const ticked = t.app.get(JobScheduler).tick('fanpage-readings');
    await held.arrived;
    // the job's own "one instance at a time" holds nothing either while Facebook answers
    const holding = await whatTheAppHolds();
    held.release();
    await ticked;
    now = before;
    await schedule(null);
    expect(holding).toEqual({ open: 0, locks: 0, inUse: 0 });
    const read = (await rowsOf()).filter(
      (r) => r.scheduled_at.getTime() === at('2022-09-02T09:00:00Z').getTime(),
    );
    expect(read).toMatchObject([{ kind: 'scheduled', status: 'done', attempts: 1 }]);
    expect(await t.sql.query(`SELECT * FROM job_leases`)).toMatchObject({ rowCount: 0 });
  });

  it('two instances reading one slot while Facebook answers: one writes it, the other finds it taken', async () => {
    const before = now;
    now = at('2022-09-02T11:50:00Z');
    const slot = { kind: 'scheduled' as const, scheduledAt: now.getTime() };
    // a second instance on the same database: its own reader, the same services
    const other = new FanpageSlotReader(
      t.app.get(DataSource),
      t.app.get(ContestsService),
      t.app.get(FanpageConnectionService),
      t.app.get(FanpageReadingRecords),
      t.app.get(FanpageGraph),
      t.app.get(FanpageClock),
    );
    const held = graph.holdAnswers(2);
    const outcomes = Promise.all([
      t.app.get(FanpageSlotReader).read(contestId, slot, null),
      other.read(contestId, slot, null),
    ]);
    // both have asked Facebook (neither could see a reading of the slot yet)
    await held.arrived;
    held.release();
    const done = await outcomes;
    now = before;
    expect([...done].sort()).toEqual(['done', 'skipped']);
    const rows = (await rowsOf()).filter((r) => r.scheduled_at.getTime() === slot.scheduledAt);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', attempts: 1 });
    const snapshots = await t.sql.query(
      `SELECT count(*)::int AS n FROM interaction_snapshots WHERE contest_id = $1 AND taken_at = $2`,
      [contestId, at('2022-09-02T11:50:00Z')],
    );
    expect(snapshots.rows[0].n).toBe(1);
  });

  it('the cut-off is read as the rules write it: Vietnam time, a date alone to its end', async () => {
    const setCutoff = async (cutoff: string) => {
      const rules = (await t.http.get(`/api/contests/${contestId}/rules`).set(bearer(admin))).body
        .rules;
      rules.dates.interactionCutoff = cutoff;
      await t.http
        .put(`/api/contests/${contestId}/rules`)
        .set(bearer(admin))
        .send({ rules })
        .expect(200);
    };
    await t.http
      .put(`${api()}/schedule`)
      .set(bearer(admin))
      .send({ intervalMinutes: null, cutoffRetryMinutes: 60 })
      .expect(200);
    now = at('2022-09-05T00:00:00Z');
    const next = async () =>
      (await t.http.get(api()).set(bearer(admin)).expect(200)).body.nextReadingAt as string;
    await setCutoff('2022-09-06'); // the whole of 06/09 in Vietnam: until 17:00 UTC
    expect(await next()).toBe('2022-09-06T17:00:00.000Z');
    await setCutoff('2022-09-06T17:00'); // 17:00 in Vietnam is 10:00 UTC
    expect(await next()).toBe('2022-09-06T10:00:00.000Z');
    await setCutoff('2022-09-02T10:00:00.000Z');
  });

  it('schedule, read now and disconnect: each audited in its transaction with the organiser, never the token', async () => {
    const audit = async (action: string) =>
      (
        await t.sql.query(
          `SELECT actor_name, after::text, before::text FROM audit_log
            WHERE contest_id = $1 AND action = $2 ORDER BY id`,
          [contestId, action],
        )
      ).rows as { actor_name: string; after: string | null; before: string | null }[];
    await t.http
      .put(`${api()}/schedule`)
      .set(bearer(admin))
      .send({ intervalMinutes: 120 })
      .expect(200);
    const schedule = (await audit('fanpage.schedule')).at(-1)!;
    expect(schedule.actor_name).toBe('Quản trị hệ thống (BTC)');
    expect(JSON.parse(schedule.after!)).toMatchObject({ intervalMinutes: 120 });
    const snapshotsBefore = (await audit('interactions.snapshot')).length;
    const reading = await t.http.post(`${api()}/readings`).set(bearer(admin)).expect(201);
    expect(reading.body).toMatchObject({ kind: 'manual', status: 'done' });
    const manual = (await audit('fanpage.reading')).at(-1)!;
    expect(manual.actor_name).toBe('Quản trị hệ thống (BTC)');
    expect(await audit('interactions.snapshot')).toHaveLength(snapshotsBefore + 1);
    const gone = await t.http.delete(api()).set(bearer(admin)).expect(200);
    expect(gone.body).toEqual({ connected: false, interactionCutoff: '2022-09-02T10:00:00.000Z' });
    const disconnect = (await audit('fanpage.disconnect')).at(-1)!;
    expect(disconnect.actor_name).toBe('Quản trị hệ thống (BTC)');
    const all = await t.sql.query(`SELECT * FROM audit_log WHERE contest_id = $1`, [contestId]);
    expect(JSON.stringify(all.rows)).not.toContain(FIRST_TOKEN);
    expect(JSON.stringify(all.rows)).not.toContain(SECOND_TOKEN);
    expect(
      (await t.sql.query(`SELECT count(*)::int AS n FROM fanpage_connections`)).rows[0].n,
    ).toBe(0);
    // the readings stay, with their evidence
    expect((await rowsOf()).length).toBeGreaterThan(5);
  });
});
