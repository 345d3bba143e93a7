import { bearer, startTestApp, TestApp } from './support/test-app';

describe('units, teams and members', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    const unit = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'Phòng Lao động - Thương binh và Xã hội thành phố', kind: 'phong' });
    expect(unit.status).toBe(201);
    unitId = unit.body.id;
  });
  afterAll(() => t?.close());

  const leader = (fullName: string) => ({
    fullName,
    position: 'Trưởng phòng',
    unitName: 'Phòng LĐ-TB&XH',
    isLeader: true,
  });

  it('creates a team with its members and one leader', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({
        number: 10,
        name: 'Đội Lao động - Thương binh và Xã hội',
        unitId,
        members: [
          leader('Ngô Thị Diệu'),
          { fullName: 'Lưu Quốc Bảo', position: 'Chuyên viên', unitName: 'Phòng LĐ-TB&XH' },
        ],
      });
    expect(res.status).toBe(201);
    expect(res.body.members).toHaveLength(2);
    expect(res.body.members[0]).toMatchObject({ fullName: 'Ngô Thị Diệu', isLeader: true });
    expect(res.body.members[0].personKey).toBeUndefined();
  });

  it('team numbers are unique per contest (409)', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({ number: 5, name: 'Đội trùng số', unitId });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'TEAM_NUMBER_TAKEN', details: [{ field: 'number' }] });
  });

  it('a person cannot be on two teams of one contest, whatever the case or diacritics', async () => {
    const res = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({ number: 11, name: 'Đội thử', unitId, members: [leader('ngo thi dieu')] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBER_ON_OTHER_TEAM');
    expect(res.body.details[0].field).toBe('members[0]');
    const count = await t.sql.query(`SELECT count(*)::int AS n FROM teams WHERE number = 11`);
    expect(count.rows[0].n).toBe(0); // nothing half-written
  });

  it('requires exactly one leader', async () => {
    const team = (await t.sql.query(`SELECT id FROM teams WHERE number = 10`)).rows[0].id;
    const none = await t.http
      .put(`/api/contests/${contestId}/teams/${team}/members`)
      .set(bearer(admin))
      .send({ members: [{ fullName: 'Lưu Quốc Bảo' }] });
    expect(none.status).toBe(400);
    expect(none.body.details[0].code).toBe('ONE_LEADER_REQUIRED');
    const two = await t.http
      .put(`/api/contests/${contestId}/teams/${team}/members`)
      .set(bearer(admin))
      .send({ members: [leader('A Lềnh'), leader('B Lềnh')] });
    expect(two.status).toBe(400);
  });

  it('a team account edits its own members, and only its own team', async () => {
    const doi1 = await t.login('doi1');
    const teams = (await t.sql.query(`SELECT id, number FROM teams ORDER BY number`)).rows;
    const own = teams.find((x) => x.number === 1).id;
    const other = teams.find((x) => x.number === 2).id;
    const list = await t.http.get(`/api/contests/${contestId}/teams`).set(bearer(doi1));
    expect(list.body.map((x: { number: number }) => x.number)).toEqual([1]);
    const ok = await t.http
      .put(`/api/contests/${contestId}/teams/${own}/members`)
      .set(bearer(doi1))
      .send({
        members: [
          leader('Lê Thị Thu Hà'),
          { fullName: 'Đinh Công Tráng', position: 'Chuyên viên' },
        ],
      });
    expect(ok.status).toBe(200);
    const denied = await t.http
      .put(`/api/contests/${contestId}/teams/${other}/members`)
      .set(bearer(doi1))
      .send({ members: [leader('Kẻ Mạo Danh')] });
    expect(denied.status).toBe(404);
    const peek = await t.http.get(`/api/contests/${contestId}/teams/${other}`).set(bearer(doi1));
    expect(peek.status).toBe(404);
  });

  it('units: duplicate names rejected, retiring a unit keeps its teams', async () => {
    const dup = await t.http
      .post(`/api/contests/${contestId}/units`)
      .set(bearer(admin))
      .send({ name: 'phòng lao động - thương binh và xã hội thành phố', kind: 'phong' });
    expect(dup.status).toBe(409);
    const retire = await t.http
      .patch(`/api/contests/${contestId}/units/${unitId}`)
      .set(bearer(admin))
      .send({ active: false });
    expect(retire.status).toBe(200);
    expect(retire.body.active).toBe(false);
    const team = await t.sql.query(`SELECT count(*)::int AS n FROM teams WHERE unit_id = $1`, [
      unitId,
    ]);
    expect(team.rows[0].n).toBe(1);
    const newTeam = await t.http
      .post(`/api/contests/${contestId}/teams`)
      .set(bearer(admin))
      .send({ number: 12, name: 'Đội mới', unitId });
    expect(newTeam.status).toBe(400);
    expect(newTeam.body.code).toBe('UNIT_INACTIVE');
  });

  it('teams are frozen once judging starts, except withdrawal', async () => {
    for (const to of ['registration', 'submission', 'moderation', 'published', 'judging']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    const team = (await t.sql.query(`SELECT id FROM teams WHERE number = 10`)).rows[0].id;
    const rename = await t.http
      .patch(`/api/contests/${contestId}/teams/${team}`)
      .set(bearer(admin))
      .send({ name: 'Tên mới' });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('TEAMS_LOCKED');
    const withdraw = await t.http
      .patch(`/api/contests/${contestId}/teams/${team}`)
      .set(bearer(admin))
      .send({ status: 'withdrawn' });
    expect(withdraw.status).toBe(200);
    expect(withdraw.body.status).toBe('withdrawn');
  });
});
