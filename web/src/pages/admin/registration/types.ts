/** The answers of …/registration/preview and …/registration/commits (see registration.responses.ts). */
export interface RegistrationProblem {
  sheet: string;
  row: number;
  column: string | null;
  columnName: string | null;
  code: string;
  message: string;
}

export interface CreateExisting {
  create: number;
  existing: number;
}

export interface RegistrationPlan {
  errorCount: number;
  errors: RegistrationProblem[];
  counts: {
    units: CreateExisting;
    teams: CreateExisting;
    members: CreateExisting;
    judges: CreateExisting;
    organisers: CreateExisting;
    accounts: { create: number };
  };
  create: {
    accounts: {
      sheet: string;
      row: number;
      role: 'team' | 'judge' | 'organiser';
      username: string;
      name: string;
    }[];
  };
}

export interface RegistrationPreview extends RegistrationPlan {
  fileName: string;
  canCommit: boolean;
  previewToken: string | null;
  previewExpiresAt: string | null;
}

export interface RegistrationCommit extends RegistrationPlan {
  created: boolean;
  slips: { token: string; expiresAt: string; people: number } | null;
}
