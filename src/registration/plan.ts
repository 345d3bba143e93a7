import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { personKey } from '../teams/person-key';

import type {
  MemberRow,
  ParsedWorkbook,
  PersonRow,
  Problem,
  TeamRow,
  UnitRow,
} from './parse-workbook';
import { fold, SHEET_BY_KEY, type SheetKey } from './workbook';

/** An account the commit creates, with the username it will have. */
export interface PlannedAccount {
  role: 'team' | 'judge' | 'organiser';
  sheet: string;
  row: number;
  username: string;
  /** the full name (team accounts: the team's name) */
  name: string;
  /** team accounts: the team's number */
  teamNumber: number | null;
  /** folded name of the person's unit, when it is one of the contest's units */
  unitKey: string | null;
  email: string | null;
}

export interface PlannedMember extends MemberRow {
  /** the member's unit as stored: the cell, or the team's unit */
  unitName: string;
  personKey: string;
}

export interface Plan {
  errors: Problem[];
  create: {
    units: UnitRow[];
    teams: TeamRow[];
    members: PlannedMember[];
    accounts: PlannedAccount[];
  };
  existing: {
    units: { row: number; name: string }[];
    teams: { row: number; number: number; name: string }[];
    members: { row: number; team: number; fullName: string }[];
    judges: { row: number; fullName: string }[];
    organisers: { row: number; fullName: string }[];
  };
}

interface Stored {
  units: Map<string, { id: string; name: string }>;
  teams: Map<
    number,
    { id: string; name: string; unitKey: string; hasAccount: boolean; leaders: number }
  >;
  members: Map<string, number>; // person key → team number
  people: Set<string>; // role|folded name|unit key
  usernames: Set<string>;
}

/**
 * Compares the parsed workbook with what the contest already has: what will be created, what
 * exists and is left alone, and the rows that contradict either (a team number taken by
 * another team, a member already on another team, a unit nobody declared…). Pure but for the
 * reads in `load`; the commit runs it again inside its transaction.
 */
export async function planRegistration(
  em: EntityManager,
  actor: Actor,
  contest: { id: string; slug: string },
  parsed: ParsedWorkbook,
): Promise<Plan> {
  const stored = await load(em, contest);
  const errors: Problem[] = [...parsed.errors];
  const fail = (sheet: SheetKey, row: number, column: string, code: string, message: string) => {
    const spec = SHEET_BY_KEY.get(sheet)!;
    errors.push({
      sheet: spec.title,
      row,
      column: parsed.columnLetters[sheet]?.[column] ?? null,
      columnName: spec.columns.find((c) => c.key === column)?.header ?? null,
      code,
      message,
    });
  };
  const plan: Plan = {
    errors,
    create: { units: [], teams: [], members: [], accounts: [] },
    existing: { units: [], teams: [], members: [], judges: [], organisers: [] },
  };
  const usernames = new Username(contest.slug, stored.usernames);

  // units: by name, folded
  const unitNames = new Map<string, string>(); // key → name as it will be stored
  for (const [key, unit] of stored.units) unitNames.set(key, unit.name);
  for (const unit of parsed.units) {
    const key = fold(unit.name);
    if (stored.units.has(key)) plan.existing.units.push({ row: unit.row, name: unit.name });
    else {
      plan.create.units.push(unit);
      unitNames.set(key, unit.name);
    }
  }
  const unitKnown = (sheet: SheetKey, row: number, column: string, name: string) => {
    if (unitNames.has(fold(name))) return true;
    fail(
      sheet,
      row,
      column,
      'UNIT_UNKNOWN',
      `Đơn vị "${name}" chưa có trong hội thi; hãy thêm nó vào trang "Đơn vị".`,
    );
    return false;
  };

  // teams: by number
  const teamUnit = new Map<number, string>(); // number → unit name
  const leaders = new Map<number, number>();
  for (const [number, team] of stored.teams) {
    teamUnit.set(number, stored.units.get(team.unitKey)?.name ?? '');
    leaders.set(number, team.leaders);
  }
  for (const team of parsed.teams) {
    if (!unitKnown('teams', team.row, 'unit', team.unit)) continue;
    const existing = stored.teams.get(team.number);
    if (existing) {
      if (fold(existing.name) !== fold(team.name) || existing.unitKey !== fold(team.unit)) {
        fail(
          'teams',
          team.row,
          'number',
          'TEAM_NUMBER_TAKEN',
          `Số đội ${team.number} đã được dùng cho đội "${existing.name}" (${teamUnit.get(team.number)}).`,
        );
        continue;
      }
      plan.existing.teams.push({ row: team.row, number: team.number, name: existing.name });
      if (!existing.hasAccount) plan.create.accounts.push(teamAccount(team, usernames));
      continue;
    }
    plan.create.teams.push(team);
    teamUnit.set(team.number, unitNames.get(fold(team.unit))!);
    plan.create.accounts.push(teamAccount(team, usernames));
  }

  // members: one person (name + unit) on one team of the contest
  for (const member of parsed.members) {
    if (!teamUnit.has(member.team)) {
      fail(
        'members',
        member.row,
        'team',
        'TEAM_UNKNOWN',
        `Không có đội số ${member.team} trong trang "Đội thi" hay trong hội thi.`,
      );
      continue;
    }
    const unitName = member.unit || teamUnit.get(member.team)!;
    const key = personKey(member.fullName, unitName);
    // the team form stores a member typed without a unit under the name alone (unit ''):
    // that is this person when their team is in the same unit
    const unitless = stored.members.get(personKey(member.fullName, ''));
    const onTeam =
      stored.members.get(key) ??
      (unitless !== undefined && fold(teamUnit.get(unitless) ?? '') === fold(unitName)
        ? unitless
        : undefined);
    if (onTeam !== undefined) {
      if (onTeam === member.team)
        plan.existing.members.push({
          row: member.row,
          team: member.team,
          fullName: member.fullName,
        });
      else
        fail(
          'members',
          member.row,
          'fullName',
          'MEMBER_ON_OTHER_TEAM',
          `${member.fullName} (${unitName}) đã là thành viên đội số ${onTeam}; mỗi người chỉ ở một đội.`,
        );
      continue;
    }
    if (member.leader) {
      const count = (leaders.get(member.team) ?? 0) + 1;
      leaders.set(member.team, count);
      if (count > 1) {
        fail(
          'members',
          member.row,
          'leader',
          'SECOND_LEADER',
          `Đội số ${member.team} đã có trưởng nhóm; mỗi đội chỉ một trưởng nhóm.`,
        );
        continue;
      }
    }
    stored.members.set(key, member.team);
    plan.create.members.push({ ...member, unitName, personKey: key });
  }

  // judges and organisers: a person (name + unit) holds one role of that kind per contest
  for (const role of ['judge', 'organiser'] as const) {
    const sheet = role === 'judge' ? 'judges' : 'organisers';
    for (const person of parsed[sheet] as PersonRow[]) {
      if (person.unit && !unitKnown(sheet, person.row, 'unit', person.unit)) continue;
      const unitKey = person.unit ? fold(person.unit) : null;
      if (stored.people.has(`${role}|${fold(person.fullName)}|${unitKey ?? ''}`)) {
        plan.existing[sheet].push({ row: person.row, fullName: person.fullName });
        continue;
      }
      if (role === 'organiser' && !actor.isAdmin) {
        fail(
          sheet,
          person.row,
          'fullName',
          'ADMIN_ONLY',
          'Chỉ quản trị hệ thống mới tạo được tài khoản Ban tổ chức; hãy bỏ dòng này hoặc nhờ quản trị hệ thống.',
        );
        continue;
      }
      plan.create.accounts.push({
        role,
        sheet: SHEET_BY_KEY.get(sheet)!.title,
        row: person.row,
        username: usernames.next(role === 'judge' ? 'gk' : 'btc', person.fullName),
        name: person.fullName,
        teamNumber: null,
        unitKey,
        email: person.email,
      });
    }
  }
  errors.sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row);
  return plan;
}

function teamAccount(team: TeamRow, usernames: Username): PlannedAccount {
  return {
    role: 'team',
    sheet: SHEET_BY_KEY.get('teams')!.title,
    row: team.row,
    username: usernames.team(team.number),
    name: team.name,
    teamNumber: team.number,
    unitKey: fold(team.unit),
    email: null,
  };
}

/**
 * Login names: `<contest slug>-doi005` for team 5, `<slug>-gk-nguyenvanan` for a judge,
 * `<slug>-btc-…` for an organiser; a number is added when the name is taken. The slug keeps
 * names of several contests apart; the name is only for signing in (never shown as a person).
 */
class Username {
  constructor(
    private readonly slug: string,
    private readonly taken: Set<string>,
  ) {}

  team(number: number): string {
    return this.free(`${this.slug}-doi${String(number).padStart(3, '0')}`);
  }

  next(prefix: string, fullName: string): string {
    const compact =
      fold(fullName)
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 24) || 'nguoi';
    return this.free(`${this.slug}-${prefix}-${compact}`);
  }

  private free(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}

async function load(em: EntityManager, contest: { id: string; slug: string }): Promise<Stored> {
  const units = (await em.query(`SELECT id, name FROM units WHERE contest_id = $1`, [
    contest.id,
  ])) as {
    id: string;
    name: string;
  }[];
  const unitById = new Map(units.map((u) => [u.id, fold(u.name)]));
  const teams = (await em.query(
    `SELECT t.id, t.number, t.name, t.unit_id AS "unitId",
            EXISTS (SELECT 1 FROM contest_members m WHERE m.team_id = t.id AND m.role = 'team') AS "hasAccount",
            (SELECT count(*)::int FROM team_members tm WHERE tm.team_id = t.id AND tm.is_leader) AS leaders
       FROM teams t WHERE t.contest_id = $1`,
    [contest.id],
  )) as {
    id: string;
    number: number;
    name: string;
    unitId: string;
    hasAccount: boolean;
    leaders: number;
  }[];
  const members = (await em.query(
    `SELECT tm.person_key AS "personKey", t.number FROM team_members tm JOIN teams t ON t.id = tm.team_id
      WHERE tm.contest_id = $1`,
    [contest.id],
  )) as { personKey: string; number: number }[];
  const people = (await em.query(
    `SELECT m.role, u.display_name AS "name", m.unit_id AS "unitId"
       FROM contest_members m JOIN users u ON u.id = m.user_id
      WHERE m.contest_id = $1 AND m.role IN ('judge', 'organiser')`,
    [contest.id],
  )) as { role: string; name: string; unitId: string | null }[];
  const prefix = contest.slug.toLowerCase().replace(/[\\%_]/g, '\\$&');
  const usernames = (await em.query(
    `SELECT lower(username) AS name FROM users WHERE lower(username) LIKE $1 || '%'`,
    [prefix],
  )) as { name: string }[];
  return {
    units: new Map(units.map((u) => [fold(u.name), u])),
    teams: new Map(
      teams.map((t) => [
        t.number,
        {
          id: t.id,
          name: t.name,
          unitKey: unitById.get(t.unitId) ?? '',
          hasAccount: t.hasAccount,
          leaders: t.leaders,
        },
      ]),
    ),
    members: new Map(members.map((m) => [m.personKey, m.number])),
    people: new Set(
      people.map(
        (p) => `${p.role}|${fold(p.name)}|${p.unitId ? (unitById.get(p.unitId) ?? '') : ''}`,
      ),
    ),
    usernames: new Set(usernames.map((u) => u.name)),
  };
}

function sheetIndex(title: string): number {
  return [...SHEET_BY_KEY.values()].findIndex((s) => s.title === title);
}
