import { TEAM_STATUSES } from './team.entity';
import {
  arrayOf,
  bool,
  contestRowColumns,
  enumOf,
  int,
  named,
  object,
  str,
  uuid,
} from '../common/api-schema';

export const TeamMemberView = named(
  'TeamMemberView',
  object({
    ...contestRowColumns,
    teamId: uuid,
    fullName: str(),
    position: str('Chức vụ'),
    unitName: str('Đơn vị công tác of the member'),
    isLeader: bool,
  }),
);

export const TeamView = named(
  'TeamView',
  object({
    ...contestRowColumns,
    number: { ...int, description: '"Đội số 5"' },
    name: str(),
    unitId: uuid,
    status: enumOf(TEAM_STATUSES),
    unitName: str('Name of the team’s unit'),
    members: arrayOf(TeamMemberView),
  }),
);
