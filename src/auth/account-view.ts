import type { ContestMember, ContestRole } from '../contests/contest-member.entity';
import type { User } from './user.entity';

/** What an organiser gives to create an account in a contest. */
export interface NewAccount {
  username: string;
  displayName: string;
  role: ContestRole;
  teamId?: string | null;
  unitId?: string | null;
  /** Where notifications go by e-mail (issue 25); optional. */
  email?: string | null;
}

/** An account as the organisers' list shows it. */
export interface AccountView {
  userId: string;
  username: string;
  displayName: string;
  role: ContestRole;
  teamId: string | null;
  unitId: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
}

/** A contest member's account as the list shows it. */
export function toView(user: User, member: ContestMember): AccountView {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: member.role,
    teamId: member.teamId,
    unitId: member.unitId,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabledAt !== null,
  };
}
