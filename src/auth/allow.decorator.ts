import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
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
/** Also documented as the operation's `x-allow` (public operations get `security: []`). */
export const Allow = (...permissions: Permission[]) =>
  applyDecorators(SetMetadata(ALLOW_KEY, permissions), ApiExtension('x-allow', permissions));

export const BEFORE_PASSWORD_CHANGE_KEY = 'allowBeforePasswordChange';
/**
 * The few routes an account on a temporary password may call (sign-in, who am I, the password
 * change itself); every other route answers 403 PASSWORD_CHANGE_REQUIRED until it is changed.
 */
export const AllowBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
