import { SetMetadata } from '@nestjs/common';
import type { ContestRole } from '../contests/contest-member.entity';

/**
 * Who may call a route:
 * - 'public': anyone, signed in or not;
 * - 'authenticated': any signed-in user;
 * - 'admin': platform administrators only;
 * - a contest role: members of the contest named by the route's `:contestId` with that role.
 * Platform administrators pass every check. Routes without @Allow are refused (deny by default).
 */
export type Permission = 'public' | 'authenticated' | 'admin' | ContestRole;

export const ALLOW_KEY = 'allow';
export const Allow = (...permissions: Permission[]) => SetMetadata(ALLOW_KEY, permissions);
