import type { EntityManager } from 'typeorm';
import { type AuditRecord, insertAudits } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { generateTemporaryPassword, hashTemporaryPassword } from '../auth/passwords';
import type { Contest } from '../contests/contest.entity';
import { saveAddress } from '../notifications/addresses';
import { enqueue } from '../notifications/events';
import type { Slip, SlipsInput } from './account-slips-pdf';
import type { Plan } from './plan';
import { SLIPS_VALID_MS } from './registration-previews';
import { seal, slipsToken } from './sealed-slips';
import { fold } from './workbook';

export interface Written {
  importId: string;
  /** null when no account was created (members added to existing teams, units only…) */
  slips: { token: string; expiresAt: string; people: number } | null;
}

const ROLE_LABEL = { team: 'Đội thi', judge: 'Giám khảo', organiser: 'Ban tổ chức' } as const;

/**
 * Writes a plan inside the caller's transaction: a few set-based INSERTs (one per table, not
 * one per row), an audit row per created unit, team and account plus one for the import, the
 * import's record, and the account slips' contents, stored sealed (sealed-slips.ts). Temporary
 * passwords exist in clear only in this function's memory and inside the sealed bytes.
 */
export async function writeRegistration(
  em: EntityManager,
  actor: Actor,
  contest: Contest,
  plan: Plan,
  source: { fileSha256: string; fileName: string; signInUrl: string },
): Promise<Written> {
  const { create } = plan;
  const audits: AuditRecord[] = [];
  const base = { contestId: contest.id };

  const newUnits = (await em.query(
    `INSERT INTO units (contest_id, name, kind)
     SELECT $1, * FROM unnest($2::text[], $3::text[]) RETURNING id, name, kind`,
    [contest.id, create.units.map((u) => u.name), create.units.map((u) => u.kind)],
  )) as { id: string; name: string; kind: string }[];
  for (const unit of newUnits)
    audits.push({
      ...base,
      action: 'unit.create',
      entityType: 'unit',
      entityId: unit.id,
      after: unit,
    });
  const { unitId, unitName } = await unitsByFoldedName(em, contest.id);

  const newTeams = (await em.query(
    `INSERT INTO teams (contest_id, number, name, unit_id)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::uuid[]) RETURNING id, number, name, unit_id AS "unitId"`,
    [
      contest.id,
      create.teams.map((t) => t.number),
      create.teams.map((t) => t.name),
      create.teams.map((t) => unitId.get(fold(t.unit))!),
    ],
  )) as { id: string; number: number; name: string; unitId: string }[];
  const teams = new Map<number, { id: string; unitId: string; unitName: string }>();
  for (const row of (await em.query(
    `SELECT t.id, t.number, t.unit_id AS "unitId", u.name AS "unitName"
       FROM teams t JOIN units u ON u.id = t.unit_id WHERE t.contest_id = $1`,
    [contest.id],
  )) as { id: string; number: number; unitId: string; unitName: string }[])
    teams.set(row.number, row);

  await em.query(
    `INSERT INTO team_members (contest_id, team_id, full_name, position, unit_name, is_leader, person_key)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])`,
    [
      contest.id,
      create.members.map((m) => teams.get(m.team)!.id),
      create.members.map((m) => m.fullName),
      create.members.map((m) => m.position),
      create.members.map((m) => m.unitName),
      create.members.map((m) => m.leader),
      create.members.map((m) => m.personKey),
    ],
  );
  const membersOf = new Map<number, typeof create.members>();
  for (const m of create.members) membersOf.set(m.team, [...(membersOf.get(m.team) ?? []), m]);
  for (const team of newTeams)
    audits.push({
      ...base,
      action: 'team.create',
      entityType: 'team',
      entityId: team.id,
      after: {
        ...team,
        members: (membersOf.get(team.number) ?? []).map((m) => ({
          fullName: m.fullName,
          position: m.position,
          unitName: m.unitName,
          isLeader: m.leader,
        })),
      },
    });
  // members added to teams that already existed
  for (const [number, members] of membersOf) {
    if (newTeams.some((t) => t.number === number)) continue;
    audits.push({
      ...base,
      action: 'team.members.add',
      entityType: 'team',
      entityId: teams.get(number)!.id,
      after: members.map((m) => ({
        fullName: m.fullName,
        position: m.position,
        unitName: m.unitName,
        isLeader: m.leader,
      })),
    });
  }

  // accounts: random temporary passwords, fast hashes (see passwords.ts), change at first sign-in
  const passwords = create.accounts.map(() => generateTemporaryPassword());
  const users = (await em.query(
    `INSERT INTO users (username, display_name, password_hash, must_change_password)
     SELECT *, true FROM unnest($1::text[], $2::text[], $3::text[]) RETURNING id, username`,
    [
      create.accounts.map((a) => a.username),
      create.accounts.map((a) => a.name),
      passwords.map(hashTemporaryPassword),
    ],
  )) as { id: string; username: string }[];
  const userId = new Map(users.map((u) => [u.username, u.id]));
  const accounts = create.accounts.map((a) => ({
    ...a,
    userId: userId.get(a.username)!,
    teamId: a.teamNumber === null ? null : teams.get(a.teamNumber)!.id,
    unitId:
      a.teamNumber !== null
        ? teams.get(a.teamNumber)!.unitId
        : a.unitKey === null
          ? null
          : unitId.get(a.unitKey)!,
  }));
  await em.query(
    `INSERT INTO contest_members (contest_id, user_id, role, team_id, unit_id)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[])`,
    [
      contest.id,
      accounts.map((a) => a.userId),
      accounts.map((a) => a.role),
      accounts.map((a) => a.teamId),
      accounts.map((a) => a.unitId),
    ],
  );
  for (const a of accounts) {
    audits.push({
      ...base,
      action: 'account.create',
      entityType: 'account',
      entityId: a.userId,
      after: {
        userId: a.userId,
        username: a.username,
        displayName: a.name,
        role: a.role,
        teamId: a.teamId,
        unitId: a.unitId,
        mustChangePassword: true,
        disabled: false,
      },
    });
    if (a.email) {
      // notifications (issue 25): only people with an address are told by e-mail
      await saveAddress(em, a.userId, a.email);
      await enqueue(em, { type: 'account.created', contestId: contest.id, userId: a.userId });
    }
  }

  const created = {
    units: newUnits.length,
    teams: newTeams.length,
    members: create.members.length,
    accounts: accounts.length,
  };
  const [record] = (await em.query(
    `INSERT INTO registration_imports (contest_id, committed_by, file_sha256, file_name, created)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [contest.id, actor.userId, source.fileSha256, source.fileName, JSON.stringify(created)],
  )) as { id: string }[];
  audits.push({
    ...base,
    action: 'registration.commit',
    entityType: 'registration',
    entityId: record!.id,
    after: { fileSha256: source.fileSha256, fileName: source.fileName, created },
  });
  await insertAudits(em, actor, audits);

  if (accounts.length === 0) return { importId: record!.id, slips: null };
  const slips: Slip[] = accounts.map((a, i) => ({
    displayName: a.name,
    role: ROLE_LABEL[a.role],
    detail:
      a.teamNumber !== null
        ? `Đội số ${a.teamNumber}, ${teams.get(a.teamNumber)!.unitName}`
        : a.unitKey === null
          ? ''
          : (unitName.get(a.unitKey) ?? ''),
    username: a.username,
    temporaryPassword: passwords[i]!,
  }));
  // Sealed now, rendered as a PDF when downloaded (renderSlipsInWorker): the commit stays
  // short, and a rendering failure loses nothing (the download can be tried again).
  const now = new Date();
  const input: SlipsInput = {
    contestName: contest.name,
    signInUrl: source.signInUrl,
    slips,
    createdAt: now.toISOString(),
  };
  const { sealed, key } = seal(Buffer.from(JSON.stringify(input)));
  const expiresAt = new Date(now.getTime() + SLIPS_VALID_MS);
  const [stored] = (await em.query(
    `INSERT INTO registration_slips (contest_id, import_id, created_by, people, sealed, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [contest.id, record!.id, actor.userId, slips.length, sealed, expiresAt],
  )) as { id: string }[];
  return {
    importId: record!.id,
    slips: {
      token: slipsToken(stored!.id, key),
      expiresAt: expiresAt.toISOString(),
      people: slips.length,
    },
  };
}

async function unitsByFoldedName(em: EntityManager, contestId: string) {
  const rows = (await em.query(`SELECT id, name FROM units WHERE contest_id = $1`, [
    contestId,
  ])) as {
    id: string;
    name: string;
  }[];
  return {
    unitId: new Map(rows.map((u) => [fold(u.name), u.id])),
    unitName: new Map(rows.map((u) => [fold(u.name), u.name])),
  };
}
