import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  named,
  nullable,
  object,
  str,
  uuid,
} from '../common/api-schema';
import { CONTEST_ROLES } from '../contests/contest-member.entity';

export const MembershipView = named(
  'MembershipView',
  object({
    contestId: uuid,
    role: enumOf(CONTEST_ROLES),
    teamId: nullable(uuid),
    unitId: nullable(uuid),
  }),
);

/** The caller behind the token (GET /auth/me). */
export const MeView = named(
  'MeView',
  object({
    userId: uuid,
    username: str(),
    displayName: str(),
    isAdmin: bool,
    mustChangePassword: bool,
    memberships: arrayOf(MembershipView),
  }),
);

export const LoginView = named(
  'LoginView',
  object({
    accessToken: str('JWT, sent as `Authorization: Bearer …`'),
    tokenType: enumOf(['Bearer']),
    expiresAt: dateTime,
    user: object({
      id: uuid,
      username: str(),
      displayName: str(),
      isAdmin: bool,
      mustChangePassword: bool,
    }),
  }),
);

export const AccountView = named(
  'AccountView',
  object({
    userId: uuid,
    username: str(),
    displayName: str(),
    role: enumOf(CONTEST_ROLES),
    teamId: nullable(uuid),
    unitId: nullable(uuid),
    mustChangePassword: bool,
    disabled: bool,
  }),
);

const temporaryPassword = str('Shown once; not stored in clear anywhere');

export const CreatedAccountView = named(
  'CreatedAccountView',
  object({ account: AccountView, temporaryPassword }),
);

export const TemporaryPasswordView = named('TemporaryPasswordView', object({ temporaryPassword }));
