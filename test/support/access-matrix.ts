import type { Permission } from '../../src/auth/allow.decorator';

/**
 * Who may call each route, written by hand and checked against the live route table (the
 * OpenAPI document): a route missing here fails the authorization test.
 * `ownTeamOnly`: team accounts may call it only for their own team.
 */
export interface RouteAccess {
  allow: Permission[];
  ownTeamOnly?: boolean;
}

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  'GET /api/health': { allow: ['public'] },
  'POST /api/auth/login': { allow: ['public'] },
  'GET /api/auth/me': { allow: ['authenticated'] },
  'POST /api/auth/password': { allow: ['authenticated'] },
  'GET /api/contests': { allow: ['authenticated'] },
  'POST /api/contests': { allow: ['admin'] },
  'GET /api/contests/{contestId}': { allow: ['organiser', 'judge', 'team'] },
  'PATCH /api/contests/{contestId}': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/transitions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/rules': { allow: ['organiser', 'judge', 'team'] },
  'PUT /api/contests/{contestId}/rules': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/rules/amendments': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/rules/versions': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/accounts': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/accounts': { allow: ['organiser'] },
  'POST /api/contests/{contestId}/accounts/{userId}/reset-password': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/audit': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/units': { allow: ['organiser', 'judge', 'team'] },
  'POST /api/contests/{contestId}/units': { allow: ['organiser'] },
  'PATCH /api/contests/{contestId}/units/{unitId}': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/teams': { allow: ['organiser', 'judge', 'team'] },
  'POST /api/contests/{contestId}/teams': { allow: ['organiser'] },
  'GET /api/contests/{contestId}/teams/{teamId}': {
    allow: ['organiser', 'judge', 'team'],
    ownTeamOnly: true,
  },
  'PATCH /api/contests/{contestId}/teams/{teamId}': { allow: ['organiser'] },
  'PUT /api/contests/{contestId}/teams/{teamId}/members': {
    allow: ['organiser', 'team'],
    ownTeamOnly: true,
  },
};
