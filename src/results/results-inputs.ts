import type { ContestRules, SideProposal } from '../engine';
import type { ResultsDocument, TeamResult } from './results-document';

/**
 * Everything the results depend on, as plain data read from the database by ResultsLoader.
 * `buildResults` is a pure function of it: the same inputs always give the same document,
 * hence the same fingerprint (that is how a frozen version is checked against the database).
 */
export interface ResultsInputs {
  contest: {
    id: string;
    name: string;
    slug: string;
    rulesVersion: number;
    rules: ContestRules;
    /** when the final takes place, as announced (dates the minutes and certificates) */
    finalAt: Date | null;
  };
  /** published entries of active teams, by team number (each becomes a TeamResult with these fields) */
  entries: Pick<
    TeamResult,
    'entryId' | 'teamId' | 'teamNumber' | 'teamName' | 'unitName' | 'entryName'
  >[];
  judges: { id: string; name: string }[];
  snapshot: { id: string; takenAt: string; source: string } | null;
  counts: { entryId: string; reactions: number; shares: number; comments: number }[];
  exclusions: {
    entryId: string;
    reactions: number;
    shares: number;
    comments: number;
    reason: string;
  }[];
  /** submitted preliminary scorecards */
  scorecards: { entryId: string; judgeId: string; scores: Record<string, string> }[];
  /** judge × entry pairs with a declared conflict or a recusal */
  recusals: { entryId: string; judgeId: string }[];
  /** null until the final is set up */
  finalists: string[] | null;
  /** submitted final-round part scorecards */
  partScores: { entryId: string; judgeId: string; partCode: string; points: string }[];
  nominations: {
    judgeId: string;
    kind: 'individual' | 'collective';
    partCode: string;
    entryId: string;
    memberId: string | null;
  }[];
  tieDecisions: { entryIds: string[]; reason: string; decidedBy: string; decidedAt: string }[];
  awards: {
    kind: 'side' | 'sponsor';
    prizeCode: string;
    entryId: string;
    memberId: string | null;
  }[];
  /** side prizes the organisers recorded as not awarded, with their reason */
  notAwarded: { prizeCode: string; reason: string }[];
  /** names of the team members honoured by individual awards or nominations */
  members: { id: string; name: string }[];
}

/** Something that keeps the results from being frozen (blocking) or worth a look. */
export interface ResultsProblem {
  code:
    | 'FINAL_NOT_SET_UP'
    | 'FINAL_INCOMPLETE'
    | 'PRELIMINARY_INCOMPLETE'
    | 'TIE_NEEDS_DECISION'
    | 'PRIZE_TIE'
    | 'SIDE_PRIZE_UNCONFIRMED'
    | 'PRIZE_SLOTS_UNASSIGNED';
  blocking: boolean;
  message: string;
  entryIds: string[];
}

export interface ResultsComputation {
  document: ResultsDocument;
  problems: ResultsProblem[];
  sidePrizeProposals: SideProposal[];
}
