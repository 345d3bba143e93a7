import type { ContestRole } from '../contests/contest-member.entity';
import { type Actor, membershipIn } from './actor';

export type PersonRole = ContestRole | 'admin';

/** The short role shown after a person's name: "Nguyễn Văn An (BTC)". */
export const ROLE_SUFFIX: Record<PersonRole, string> = {
  organiser: 'BTC',
  judge: 'BGK',
  team: 'Đội thi',
  admin: 'Quản trị hệ thống',
};

/**
 * How a person is shown on every page and document: full name and role, never the login
 * name. ("Quản trị hệ thống" is not repeated when it already is the name.)
 */
export function displayName(fullName: string, role: PersonRole): string {
  const suffix = ROLE_SUFFIX[role];
  return fullName.trim() === suffix ? suffix : `${fullName.trim()} (${suffix})`;
}

/** The caller as shown in a contest: their role there, or administrator. */
export function actorDisplayName(actor: Actor, contestId: string | null): string {
  const role =
    (contestId ? membershipIn(actor, contestId)?.role : undefined) ??
    (actor.isAdmin ? 'admin' : (actor.memberships[0]?.role ?? 'team'));
  return displayName(actor.displayName, role);
}

/**
 * Rows written before display names were recorded hold a login name (results versions, tie
 * decisions, audit rows). Those rows are never rewritten (frozen documents are fingerprinted,
 * the audit log is hash-chained): readers swap a stored login for the display name at read time.
 */
export function shownName(stored: string, legacy: ReadonlyMap<string, string>): string {
  return legacy.get(stored) ?? stored;
}

/** SQL giving (username, shown) for users, with their role in contest $1. */
export const LEGACY_NAMES_SQL = `
  SELECT u.username, u.display_name, u.is_admin, m.role
    FROM users u LEFT JOIN contest_members m ON m.user_id = u.id AND m.contest_id = $1`;

export function legacyNameMap(
  rows: { username: string; display_name: string; is_admin: boolean; role: ContestRole | null }[],
): Map<string, string> {
  return new Map(
    rows.map((r) => [
      r.username,
      displayName(r.display_name, r.role ?? (r.is_admin ? 'admin' : 'team')),
    ]),
  );
}
