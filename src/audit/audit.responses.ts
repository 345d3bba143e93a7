import {
  anyValue,
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
} from '../common/api-schema';
import type { ChainProblem } from './audit-chain.service';

/** The bigint row id, as a string of digits (use it as `before` to page backwards). */
const auditId = { ...str('Row id (bigint as a string of digits)'), pattern: '^\\d+$' };
const sha256Hex = { ...str('SHA-256, hex'), pattern: '^[0-9a-f]{64}$' };

export const AuditEntryView = named(
  'AuditEntryView',
  object({
    id: auditId,
    contestId: nullable(uuid),
    actorId: nullable(uuid),
    actorName: nullable(str()),
    action: str('e.g. team.create, contest.transition, rules.amend'),
    entityType: str(),
    entityId: nullable(str()),
    before: { ...anyValue, description: 'JSON snapshot before the change, or null' },
    after: { ...anyValue, description: 'JSON snapshot after the change, or null' },
    reason: nullable(str()),
    requestId: nullable(str()),
    createdAt: dateTime,
  }),
);

const CHAIN_PROBLEMS: ChainProblem['problem'][] = [
  'ROW_CHANGED',
  'ROW_MISSING',
  'LINK_BROKEN',
  'SEQUENCE_GAP',
];

export const AuditChainVerificationView = named(
  'AuditChainVerificationView',
  object({
    ok: bool,
    rows: { ...int, description: 'Sealed rows in the chain' },
    headHash: sha256Hex,
    unsealed: { ...int, description: 'Rows not sealed yet (committed too late)' },
    problems: arrayOf(object({ auditId, seq: int, problem: enumOf(CHAIN_PROBLEMS) })),
  }),
);
