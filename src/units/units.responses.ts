import { bool, contestRowColumns, enumOf, named, object, str } from '../common/api-schema';
import { UNIT_KINDS } from './unit.entity';

export const UnitView = named(
  'UnitView',
  object({
    ...contestRowColumns,
    name: str(),
    kind: enumOf(UNIT_KINDS),
    active: bool,
  }),
);
