/** The contest's rules document (human units: points with ≤ 2 decimals, money in whole đồng). */
export type Aggregation = { kind: 'mean' } | { kind: 'trimmedMean'; minJudges: number };

export type InteractionFormula =
  | { kind: 'proportional' }
  | { kind: 'rankTiers'; points: number[]; otherPoints: number }
  | { kind: 'perInteractions'; per: number; pointsPer: number };

export type TieBreakKey = 'final' | 'judges' | 'interaction' | 'preliminary';

export interface Prize {
  code: string;
  name: string;
  kind: 'ranked' | 'certificate' | 'side' | 'sponsor';
  /** For `certificate`, 0 means "every finalist without a ranked prize". */
  count: number;
  amountVnd: number;
  sideFor?: 'individual' | 'collective';
  sponsor?: string;
}

export interface ContestRules {
  interaction: {
    maxPoints: number;
    weights: { reactions: number; shares: number; comments: number };
    formula: InteractionFormula;
  };
  judging: {
    maxPoints: number;
    criteria: { code: string; name: string; maxPoints: number }[];
    step: number;
    aggregation: Aggregation;
    minJudges: number;
  };
  finalists:
    { kind: 'topN'; n: number } | { kind: 'threshold'; minScore: number } | { kind: 'all' };
  final: {
    parts: { code: string; name: string; maxPoints: number; timeLimitSeconds?: number }[];
    maxPoints: number;
    step: number;
    aggregation: Aggregation;
    minJudges: number;
  };
  tieBreak: TieBreakKey[];
  prizes: Prize[];
  prizeCapPercent: number | null;
  dates: {
    originalityCutoff: string;
    submissionDeadline: string | null;
    interactionCutoff: string | null;
  };
  video: { minSeconds: number | null; maxSeconds: number | null };
}
