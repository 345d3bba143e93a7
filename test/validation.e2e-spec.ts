import { bearer, startTestApp, TestApp } from './support/test-app';

describe('input validation and error shape', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
  });
  afterAll(() => t?.close());

  const expectErrorShape = (body: Record<string, unknown>) => {
    expect(body).toEqual(
      expect.objectContaining({
        statusCode: expect.any(Number),
        code: expect.stringMatching(/^[A-Z_]+$/),
        message: expect.any(String),
        details: expect.any(Array),
      }),
    );
  };

  it('rejects unknown fields with 400 naming them', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'Đơn vị X', kind: 'xa', isAdmin: true });
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'isAdmin', code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it('rejects wrong types without coercing them', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({ number: '7', name: 42, unitId: 'x' });
    expect(res.status).toBe(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['number', 'name', 'unitId']));
    const nameMessages = res.body.details
      .filter((d: { field: string }) => d.field === 'name')
      .map((d: { message: string }) => d.message);
    expect(nameMessages).toContain('name phải là chuỗi ký tự.'); // translated from class-validator
  });

  it('names nested fields: members[1].fullName', async () => {
    const unit = (await t.sql.query(`SELECT id FROM units LIMIT 1`)).rows[0].id;
    const res = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({
        number: 20,
        name: 'Đội 20',
        unitId: unit,
        members: [{ fullName: 'Nguyễn A', isLeader: true }, { fullName: 7 }],
      });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(
      'members[1].fullName',
    );
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"name": "Đơn vị", ');
    expect(res.status).toBe(400);
    expectErrorShape(res.body);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'xa' });
    expect(res.status).toBe(413);
    expectErrorShape(res.body);
  });

  it('answers a malformed id with 400 naming the parameter, an unknown one with 404', async () => {
    const bad = await t.http.get(`/api/contests/${contestId}/teams/not-a-uuid`).set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('teamId');
    const unknown = await t.http
      .get(`/api/contests/${contestId}/teams/00000000-0000-4000-8000-000000000000`)
      .set(bearer(admin));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('TEAM_NOT_FOUND');
    const noRoute = await t.http.get('/api/nothing-here').set(bearer(admin));
    expect(noRoute.status).toBe(404);
    expectErrorShape(noRoute.body);
  });

  it('treats SQL metacharacters and prototype keys as plain data', async () => {
    const name = `Đơn vị '); DROP TABLE units; --`;
    const res = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name, kind: 'khac' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
    const proto = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"name":"Đơn vị P","kind":"khac","__proto__":{"isAdmin":true}}');
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('returns a Vietnamese message with a stable English code', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'sai-mat-khau' });
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const json = await t.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/contests/{contestId}/teams');
    const ui = await t.http.get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('reports health: database reachable and upload disk writable', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok', uploads: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff'); // helmet
    expect(res.headers['x-request-id']).toBeDefined();
  });
});
