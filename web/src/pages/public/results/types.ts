// The published results document as the public results routes return it.

export interface Award {
  entryId: string;
  teamName: string;
  prizeName: string;
  kind: string;
  amountVnd: number;
  memberName: string | null;
}
export interface Team {
  entryId: string;
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  interaction: { points: string };
  judgesPoints: string | null;
  preliminary: string | null;
  finalist: boolean;
  final: { points: string | null } | null;
  rankingScore: string | null;
  rank: number | null;
  awards: Award[];
}
/** A signed audit checkpoint (see docs/security.md): the audit log as it stood when frozen. */
export interface AuditCheckpoint {
  chain: string;
  rowCount: number;
  headHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}
export interface PublishedResults {
  version: number;
  fingerprint: string;
  publishedAt: string;
  correctionReason: string | null;
  auditCheckpoint: AuditCheckpoint | null;
  document: {
    contest: { name: string };
    teams: Team[];
    prizes: { awards: Award[]; totalVnd: number };
  };
}
export interface VersionRow {
  version: number;
  status: string;
  fingerprint: string;
  publishedAt: string | null;
  correctionReason: string | null;
}

export function awardLabel(a: Award): string {
  return a.memberName ? `${a.prizeName} (${a.memberName})` : a.prizeName;
}
