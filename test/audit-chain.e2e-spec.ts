import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The audit hash chain: every audit row of a contest is sealed into a SHA-256 chain, and the
 * verification recomputes it from the stored rows. Tampering directly in SQL (bypassing the
 * append-only triggers, as a database superuser could) is detected and located.
 */
describe('audit hash chain', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  const verify = async () =>
    (await t.http.get(`/api/contests/${contestId}/audit/verify`).set(bearer(admin)).expect(200))
      .body;

  beforeAll(async () => {
    t = await startTestApp({ AUDIT_SEAL_INTERVAL_SECONDS: '3600' }); // seal only on demand
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const name of ['Phường 1', 'Phường 2', 'Phường 3'])
      await t.http
        .post(`/api/contests/${contestId}/units`)
        .set(bearer(admin))
        .send({ name, kind: 'phuong' })
        .expect(201);
  });
  afterAll(() => t?.close());

  const auditIds = async () =>
    (
      await t.sql.query(`SELECT id FROM audit_log WHERE contest_id = $1 ORDER BY id`, [contestId])
    ).rows.map((r) => String(r.id));

  it('seals every row of the contest into an intact chain', async () => {
    const ids = await auditIds();
    expect(ids.length).toBeGreaterThan(20); // the demo seed and the three units
    const result = await verify();
    expect(result).toMatchObject({ ok: true, rows: ids.length, unsealed: 0, problems: [] });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    const links = await t.sql.query(
      `SELECT seq::int, prev_hash, hash FROM audit_chain WHERE chain = $1 ORDER BY seq`,
      [contestId],
    );
    expect(links.rows[0].prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < links.rows.length; i++)
      expect(links.rows[i].prev_hash).toBe(links.rows[i - 1].hash);
    // the chain itself is append-only
    await expect(t.sql.query(`UPDATE audit_chain SET hash = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
  });

  it('new rows extend the chain; a verification is stable', async () => {
    const before = await verify();
    await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'Phường 4', kind: 'phuong' })
      .expect(201);
    const after = await verify();
    expect(after).toMatchObject({ ok: true, rows: before.rows + 1 });
    expect(after.headHash).not.toBe(before.headHash);
    expect((await verify()).headHash).toBe(after.headHash);
  });

  it("records the server's request id: a client cannot make two actors' audit rows share one", async () => {
    const organiser = await t.login('btc.thuky');
    const first = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .set('X-Request-Id', 'chosen-by-the-client-1')
      .send({ name: 'Phường 5', kind: 'phuong' })
      .expect(201);
    const adminsId = first.headers['x-request-id'] as string;
    expect(adminsId).toMatch(/^[0-9a-f-]{36}$/);
    expect(adminsId).not.toBe('chosen-by-the-client-1');
    expect(first.headers['x-correlation-id']).toBe('chosen-by-the-client-1');
    // another actor replays the admin's request id, and the same correlation id
    for (const replayed of [adminsId, 'chosen-by-the-client-1'])
      await t.http
        .post(`/api/contests/${contestId}/units`)
        .set(bearer(organiser))
        .set('X-Request-Id', replayed)
        .send({ name: `Phường ${replayed.length}`, kind: 'phuong' })
        .expect(201);
    const rows = (
      await t.sql.query(
        `SELECT actor_name, request_id, correlation_id FROM audit_log
          WHERE action = 'unit.create' ORDER BY id DESC LIMIT 3`,
      )
    ).rows.reverse();
    expect(rows.map((r) => [r.actor_name, r.correlation_id])).toEqual([
      // actors are shown by display name (the admin acts as an organiser here)
      ['Quản trị hệ thống (BTC)', 'chosen-by-the-client-1'],
      ['Nguyễn Văn An (BTC)', adminsId],
      ['Nguyễn Văn An (BTC)', 'chosen-by-the-client-1'],
    ]);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(3);
    expect(rows[0].request_id).toBe(adminsId);
    const owners = await t.sql.query(
      `SELECT count(DISTINCT actor_id)::int AS n FROM audit_log WHERE request_id = $1`,
      [adminsId],
    );
    expect(owners.rows[0].n).toBe(1);
    // the correlation field is cleaned and bounded; the chain covers it
    const long = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .set('X-Request-Id', `${'a'.repeat(100)}<script>`)
      .send({ name: 'Phường 6', kind: 'phuong' })
      .expect(201);
    expect(long.headers['x-correlation-id']).toBe('a'.repeat(64));
    expect((await verify()).ok).toBe(true);
  });

  it("detects a row changed in SQL behind the application's back, and names it", async () => {
    const ids = await auditIds();
    const victim = ids[5]!;
    await t.sql.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await t.sql.query(`UPDATE audit_log SET reason = 'sửa lén' WHERE id = $1`, [victim]);
    await t.sql.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ auditId: victim, seq: 6, problem: 'ROW_CHANGED' }]);
  });

  it('detects a row deleted in SQL (constraints and triggers switched off)', async () => {
    const ids = await auditIds();
    const victim = ids[10]!;
    await t.sql.query(`SET session_replication_role = replica`);
    await t.sql.query(`DELETE FROM audit_log WHERE id = $1`, [victim]);
    await t.sql.query(`SET session_replication_role = origin`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([{ auditId: victim, seq: 11, problem: 'ROW_MISSING' }]),
    );
  });
});
