/**
 * The contest's rules document, stored as JSON per contest. Human units: points are numbers
 * with at most two decimals, money is whole đồng, dates are ISO 8601 strings. The engine
 * converts points to integer hundredths on the way in. `validateRules` (src/contests) checks untrusted JSON
 * against this shape; `defaultRules` gives the seed contest's values.
 */

/**
 * How the judges' totals for one entry become its points. `trimmedMean` drops one highest and
 * one lowest total, but only when at least `minJudges` judges scored; otherwise plain mean.
 */
export type Aggregation = { kind: 'mean' } | { kind: 'trimmedMean'; minJudges: number };

/** How each judge's totals are put on a common scale (panel judging). */
export type Normalisation = 'none' | 'zScore' | 'meanCentering';

export type InteractionFormula =
  /** max × raw / top raw: the most interacted entry gets exactly the max */
  | { kind: 'proportional' }
  /** 1st gets points[0], 2nd points[1], …; beyond the list `otherPoints`; ties share the better tier */
  | { kind: 'rankTiers'; points: number[]; otherPoints: number }
  /** ⌊raw / per⌋ × pointsPer, capped at the max */
  | { kind: 'perInteractions'; per: number; pointsPer: number };

export type TieBreakKey = 'final' | 'judges' | 'interaction' | 'preliminary';

export type PrizeKind = 'ranked' | 'certificate' | 'side' | 'sponsor';

export interface Prize {
  code: string;
  name: string;
  /**
   * ranked: given in ranking order; certificate: to finalists without a ranked prize; side:
   * proposed from judges' nominations, confirmed by organisers; sponsor: entered by organisers.
   */
  kind: PrizeKind;
  /** How many are given. For `certificate`, 0 means "every other finalist". */
  count: number;
  /** Whole đồng per award (0 for a certificate without money). */
  amountVnd: number;
  /** Side prizes only: for one person or for a whole team. */
  sideFor?: 'individual' | 'collective';
  sponsor?: string;
}

export interface RubricItem {
  code: string;
  name: string;
  maxPoints: number;
}

export interface ContestRules {
  interaction: {
    maxPoints: number;
    /** Points of one interaction of each kind (≥ 0, at most 2 decimals). */
    weights: { reactions: number; shares: number; comments: number };
    formula: InteractionFormula;
  };
  judging: {
    maxPoints: number;
    /** Their maxima add up to `maxPoints`. */
    criteria: RubricItem[];
    /** Every criterion score is a multiple of it (0.25 by default). */
    step: number;
    aggregation: Aggregation;
    /** Fewer submitted scorecards leave the entry incomplete (no points). */
    minJudges: number;
    /**
     * Panel judging: each judge's totals put on a common scale before the aggregation
     * (normalisation.ts, docs/scoring.md). Absent or `none`: the plain totals.
     */
    normalisation?: Normalisation;
  };
  finalists:
    { kind: 'topN'; n: number } | { kind: 'threshold'; minScore: number } | { kind: 'all' };
  final: {
    /** Their maxima add up to `maxPoints`. */
    parts: (RubricItem & { timeLimitSeconds?: number })[];
    maxPoints: number;
    step: number;
    aggregation: Aggregation;
    minJudges: number;
  };
  /** Keys compared, in order, when ranking scores are equal. */
  tieBreak: TieBreakKey[];
  prizes: Prize[];
  /** Ranked prizes go to at most ⌊finalists × percent / 100⌋ teams; null: no cap. */
  prizeCapPercent: number | null;
  dates: {
    /** A model already applied before this date is not new (31-12-2021 in the seed). */
    originalityCutoff: string;
    submissionDeadline: string | null;
    /** Official time of the interaction count; null: the latest snapshot. */
    interactionCutoff: string | null;
    /**
     * End of preliminary judging; reminders of missing scorecards go some hours before it.
     * Optional (added after the first release): absent or null, no reminders.
     */
    judgingDeadline?: string | null;
  };
  video: { minSeconds: number | null; maxSeconds: number | null };
}
