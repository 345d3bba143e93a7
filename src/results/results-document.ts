import type { SignedCheckpoint } from '../audit/signed-checkpoint';

/**
 * Everything a results version states, as plain JSON: what is frozen, fingerprinted,
 * published, exported to Excel and printed in the PDFs. Points are decimal strings with two
 * decimals ("64.12"), money is whole đồng, instants are ISO 8601 UTC strings. Display code
 * formats them the Vietnamese way (engine/format.ts): 64,12 · 6.000.000 đ · dd/mm/yyyy.
 *
 * The fingerprint is the SHA-256 of the canonical JSON of this object (keys sorted, no
 * whitespace), so two versions with the same figures have the same fingerprint.
 */
export interface ResultsDocument {
  /** Bump when the shape changes: a fingerprint is only comparable within one format. */
  format: 1;
  contest: {
    id: string;
    name: string;
    slug: string;
    rulesVersion: number;
    /** ISO date (yyyy-mm-dd) of the final, Vietnam time; null when unknown */
    finalDate: string | null;
  };
  rules: {
    interactionMax: string;
    judgingMax: string;
    /** 'mean' or 'trimmedMean' with its minimum number of judges */
    judgingAggregation: string;
    /** panel judging: how each judge's totals were normalised (absent: plain totals) */
    judgingNormalisation?: 'zScore' | 'meanCentering';
    criteria: { code: string; name: string; maxPoints: string }[];
    finalMax: string;
    finalAggregation: string;
    parts: { code: string; name: string; maxPoints: string }[];
    tieBreak: string[];
  };
  judges: { id: string; name: string }[];
  interactionSnapshot: {
    id: string;
    takenAt: string;
    source: string;
  } | null;
  /** Every published entry, in ranking order (finalists first, then the others). */
  teams: TeamResult[];
  /** Organisers' recorded decisions on ties that survived the tie-break chain. */
  tieDecisions: { entryIds: string[]; reason: string; decidedBy: string; decidedAt: string }[];
  prizes: {
    awards: AwardLine[];
    /** exact sum of every award, whole đồng */
    totalVnd: number;
    unassignedSlots: { prizeCode: string; prizeName: string; count: number }[];
    /** side prizes the organisers decided not to award, with their reason (absent: none) */
    notAwarded?: { prizeCode: string; prizeName: string; reason: string }[];
  };
}

export interface TeamResult {
  entryId: string;
  teamId: string;
  teamNumber: number;
  teamName: string;
  unitName: string;
  entryName: string;
  interaction: {
    reactions: number;
    shares: number;
    comments: number;
    /** interactions subtracted (with a reason) before scoring */
    excluded: { reactions: number; shares: number; comments: number; reason: string } | null;
    /** weighted raw count after exclusions */
    raw: string;
    points: string;
  };
  /** One line per judge whose preliminary scorecard counts (recused judges are absent). */
  judgeCards: {
    judgeId: string;
    judgeName: string;
    criteria: Record<string, string>;
    total: string;
    /** with normalisation only: the total on the common scale, the one the mean uses */
    normalised?: string;
    /** dropped by the trimmed mean (highest or lowest) */
    dropped: boolean;
  }[];
  /** with normalisation: of the normalised totals (`judgesRawPoints`: of the raw ones) */
  judgesPoints: string | null;
  /** with normalisation only: the same mean of the raw totals (absent otherwise) */
  judgesRawPoints?: string | null;
  judgesTrimmed: boolean;
  preliminary: string | null;
  finalist: boolean;
  final: {
    /** per judge: points per part code and the total */
    cards: {
      judgeId: string;
      judgeName: string;
      parts: Record<string, string>;
      total: string;
      dropped: boolean;
    }[];
    /** mean of the judges' points per part (display only; the score uses the totals) */
    partMeans: Record<string, string>;
    points: string | null;
    trimmed: boolean;
  } | null;
  /** preliminary + final; null for non-finalists */
  rankingScore: string | null;
  /** null for non-finalists */
  rank: number | null;
  tieBreakUsed: string | null;
  needsDecision: boolean;
  decided: boolean;
  awards: AwardLine[];
}

export interface AwardLine {
  entryId: string;
  teamName: string;
  prizeCode: string;
  prizeName: string;
  kind: 'ranked' | 'certificate' | 'side' | 'sponsor';
  amountVnd: number;
  /** individual side prize: the person honoured */
  memberName: string | null;
  sponsor: string | null;
}

/** What identifies one frozen results version; printed on every document. */
export interface ResultsVersionMeta {
  version: number;
  /** SHA-256 hex of the canonical JSON of the ResultsDocument */
  fingerprint: string;
  frozenAt: string;
  /** null while frozen but not yet published */
  publishedAt: string | null;
  /** version N+1 after publication: why it was corrected */
  correctionReason: string | null;
  /** the latest signed audit checkpoint when it was frozen (absent before checkpoints existed) */
  auditCheckpoint?: SignedCheckpoint | null;
}
