/** Stable, machine-readable reasons the engine refuses its input. */
export type EngineErrorCode =
  | 'NOT_A_NUMBER'
  | 'TOO_MANY_DECIMALS'
  | 'TOO_LARGE'
  | 'NEGATIVE'
  | 'NOT_AN_INTEGER'
  | 'DIVISION_BY_ZERO'
  | 'BAD_RULES'
  | 'BAD_COUNT'
  | 'BAD_DATE'
  | 'EXCLUSION_TOO_LARGE'
  | 'UNKNOWN_FORMULA'
  | 'DUPLICATE_ENTRY'
  | 'UNKNOWN_ENTRY'
  | 'MISSING_INTERACTION'
  | 'BAD_SCORECARD'
  | 'DUPLICATE_SCORECARD'
  | 'UNKNOWN_CRITERION'
  | 'MISSING_SCORE'
  | 'SCORE_OUT_OF_RANGE'
  | 'SCORE_STEP'
  | 'BAD_DECISION'
  | 'BAD_NOMINATION'
  | 'UNKNOWN_PRIZE'
  | 'TOO_MANY_AWARDS'
  | 'MISSING_MEMBER'
  | 'BAD_PANEL'
  | 'NOT_ENOUGH_JUDGES';

/** Where a bad value was found: whichever of these apply. */
export interface EngineErrorLocation {
  field?: string;
  entryId?: string;
  judgeId?: string;
  /** criterion code (preliminary) or part code (final) */
  criterion?: string;
}

/**
 * Bad input to the engine. The engine never turns bad input into a number silently: it throws
 * this, naming what is wrong (`code`, a Vietnamese `message`) and where.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field?: string;
  readonly entryId?: string;
  readonly judgeId?: string;
  readonly criterion?: string;

  constructor(code: EngineErrorCode, message: string, where: EngineErrorLocation = {}) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    // Only the keys that apply, so the error serialises without `undefined` noise.
    if (where.field !== undefined) this.field = where.field;
    if (where.entryId !== undefined) this.entryId = where.entryId;
    if (where.judgeId !== undefined) this.judgeId = where.judgeId;
    if (where.criterion !== undefined) this.criterion = where.criterion;
  }
}
