import type { KeyObject } from 'node:crypto';
import {
  asCheckpoint,
  checkChainAgainstCheckpoints,
  CheckpointProblem,
  GENESIS,
  linkHash,
  SignedCheckpoint,
} from './checkpoint';

/**
 * The audit export of one contest (`GET …/audit/export`) and its offline verification
 * (`npm run audit:verify -- <export.json> <public-key>`), with no server and no database.
 *
 * Each row carries `content`: the exact text that was hashed (a JSON array of the row's
 * columns in EXPORT_FIELDS order, as PostgreSQL printed it). The verifier recomputes every
 * link from it and compares the chain with every checkpoint signed by the given public key,
 * which the verifier must obtain elsewhere (the published key), never from the export itself.
 */
export const EXPORT_FORMAT = 'cchc-audit-export';

/** The columns inside each row's `content`, in order; the last one only when present. */
export const EXPORT_FIELDS = [
  'id',
  'contestId',
  'actorId',
  'actorName',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'reason',
  'requestId',
  'createdAt',
  'correlationId',
];

export interface ExportRow {
  seq: number;
  auditId: string;
  prevHash: string;
  hash: string;
  /** null when the sealed row is missing from the log */
  content: string | null;
}

export interface AuditExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  chain: string;
  exportedAt: string;
  publicKey: { algorithm: 'Ed25519'; keyId: string; publicKey: string };
  fields: string[];
  rows: ExportRow[];
  checkpoints: SignedCheckpoint[];
}

export type ExportProblem =
  | CheckpointProblem
  | 'BAD_FORMAT'
  | 'SEQUENCE_GAP'
  | 'LINK_BROKEN'
  | 'ROW_CHANGED'
  | 'ROW_MISSING'
  | 'NO_CHECKPOINT';

export interface ExportVerification {
  ok: boolean;
  chain: string | null;
  rows: number;
  headHash: string;
  checkpointsChecked: number;
  latestCheckpoint: SignedCheckpoint | null;
  problems: { problem: ExportProblem; seq: number | null; auditId: string | null }[];
}

/**
 * Verifies an export against a public key. `extra` are checkpoints kept elsewhere (printed
 * on a results page or in the minutes): they count like those in the export.
 */
export function verifyExport(
  data: unknown,
  publicKey: KeyObject,
  extra: SignedCheckpoint[] = [],
): ExportVerification {
  const doc = data as Partial<AuditExport> | null;
  const fail = (problem: ExportProblem): ExportVerification => ({
    ok: false,
    chain: typeof doc?.chain === 'string' ? doc.chain : null,
    rows: 0,
    headHash: GENESIS,
    checkpointsChecked: 0,
    latestCheckpoint: null,
    problems: [{ problem, seq: null, auditId: null }],
  });
  if (
    typeof doc !== 'object' ||
    doc === null ||
    doc.format !== EXPORT_FORMAT ||
    doc.version !== 1 ||
    typeof doc.chain !== 'string' ||
    !Array.isArray(doc.rows) ||
    !Array.isArray(doc.checkpoints)
  )
    return fail('BAD_FORMAT');

  const problems: ExportVerification['problems'] = [];
  const hashes: string[] = [];
  let prev = GENESIS;
  for (const [i, row] of doc.rows.entries()) {
    if (
      (typeof row?.content !== 'string' && row?.content !== null) ||
      typeof row.hash !== 'string' ||
      typeof row.prevHash !== 'string'
    )
      return fail('BAD_FORMAT');
    const at = { seq: Number(row.seq), auditId: String(row.auditId) };
    if (at.seq !== i + 1) problems.push({ problem: 'SEQUENCE_GAP', ...at });
    if (row.prevHash !== prev) problems.push({ problem: 'LINK_BROKEN', ...at });
    if (row.content === null) problems.push({ problem: 'ROW_MISSING', ...at });
    else if (linkHash(row.prevHash, row.content) !== row.hash)
      problems.push({ problem: 'ROW_CHANGED', ...at });
    hashes.push(row.hash);
    prev = row.hash;
  }

  const checkpoints = [...doc.checkpoints, ...extra]
    .map(asCheckpoint)
    .filter((c): c is SignedCheckpoint => c !== null);
  const against = checkChainAgainstCheckpoints(
    doc.chain,
    hashes.length,
    (seq) => hashes[seq - 1] ?? null,
    checkpoints,
    publicKey,
  );
  for (const finding of against.findings)
    problems.push({ problem: finding.problem, seq: finding.seq, auditId: null });
  // Without a checkpoint of this key nothing outside the database vouches for the export.
  if (against.checked === 0) problems.push({ problem: 'NO_CHECKPOINT', seq: null, auditId: null });
  return {
    ok: problems.length === 0,
    chain: doc.chain,
    rows: hashes.length,
    headHash: prev,
    checkpointsChecked: against.checked,
    latestCheckpoint: against.latest,
    problems,
  };
}
