import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  str,
  uuid,
  sha256Hex,
} from '../common/api-schema';
import { UNIT_KINDS } from '../units/unit.entity';

const sha256 = sha256Hex();
const createExisting = object({ create: int, existing: int });

export const RegistrationProblemView = named(
  'RegistrationProblemView',
  object({
    sheet: str('Sheet title, e.g. "Đội thi" (or "Tệp CSV" for a row outside any section)'),
    row: int,
    column: nullable(str('Column letter, e.g. "B"; null for a whole row or sheet')),
    columnName: nullable(str('Column header, e.g. "Tên đội"')),
    code: str(),
    message: str('Vietnamese'),
  }),
);

const plan = {
  errorCount: int,
  errors: arrayOf(RegistrationProblemView),
  counts: object({
    units: createExisting,
    teams: createExisting,
    members: createExisting,
    judges: createExisting,
    organisers: createExisting,
    accounts: object({ create: int }),
  }),
  create: object({
    units: arrayOf(object({ row: int, name: str(), kind: enumOf(UNIT_KINDS) })),
    teams: arrayOf(object({ row: int, number: int, name: str(), unit: str() })),
    members: arrayOf(
      object({
        row: int,
        team: int,
        fullName: str(),
        position: str(),
        unit: str(),
        leader: bool,
      }),
    ),
    accounts: arrayOf(
      object({
        sheet: str(),
        row: int,
        role: enumOf(['team', 'judge', 'organiser']),
        username: str(),
        name: str(),
      }),
    ),
  }),
  existing: object({
    units: arrayOf(object({ row: int, name: str() })),
    teams: arrayOf(object({ row: int, number: int, name: str() })),
    members: arrayOf(object({ row: int, team: int, fullName: str() })),
    judges: arrayOf(object({ row: int, fullName: str() })),
    organisers: arrayOf(object({ row: int, fullName: str() })),
  }),
};

export const RegistrationPreviewView = named(
  'RegistrationPreviewView',
  object({
    fileName: str(),
    fileSha256: sha256,
    format: enumOf(['csv', 'xlsx']),
    canCommit: bool,
    previewToken: nullable(uuid),
    previewExpiresAt: nullable(dateTime),
    ...plan,
  }),
);

export const RegistrationCommitView = named(
  'RegistrationCommitView',
  object({
    created: bool,
    importId: nullable(uuid),
    slips: nullable(
      object({
        token: str('Download key of the sealed slips: send it to …/registration/slips'),
        expiresAt: dateTime,
        people: int,
      }),
    ),
    ...plan,
  }),
);
