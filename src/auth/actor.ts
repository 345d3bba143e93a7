import { DomainError } from '../common/domain-error';
import type { ContestRole } from '../contests/contest-member.entity';

export interface Membership {
  contestId: string;
  role: ContestRole;
  teamId: string | null;
  unitId: string | null;
}

/** Who is calling: set on the request by the JWT strategy. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  mustChangePassword: boolean;
  memberships: Membership[];
  requestId?: string;
}

export function membershipIn(
  actor: Actor | null | undefined,
  contestId: string,
): Membership | null {
  return actor?.memberships.find((m) => m.contestId === contestId) ?? null;
}

/** The system administrator, or an organiser of this contest. */
export function isOrganiserOf(actor: Actor | null | undefined, contestId: string): boolean {
  return !!actor && (actor.isAdmin || membershipIn(actor, contestId)?.role === 'organiser');
}

/** The caller's own team in the contest; 403 for anyone who is not a team account there. */
export function ownTeamOf(actor: Actor, contestId: string): string {
  const membership = membershipIn(actor, contestId);
  if (membership?.role !== 'team' || !membership.teamId) {
    throw DomainError.forbidden(
      'TEAM_ONLY',
      'Chỉ tài khoản đội thi mới thực hiện được thao tác này.',
    );
  }
  return membership.teamId;
}
