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
