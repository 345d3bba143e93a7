import { AUDIT_COLUMNS, type AuditRow } from '../audit/audit.service';
import type { ContestRules } from '../engine';
import { SCORING_FACTS_COLUMNS, type ScoringFacts } from './conflict-of-interest';
import type { IdempotencyClaim } from './idempotency.service';
import type { ScorecardStatus } from './scorecard.entity';

/**
 * The SQL of the judges' hottest path, autosaving and submitting preliminary scorecards, as
 * plain data: the store runs these statements, and the judging benchmark runs the very same
 * ones through plain `pg` as its floor. Each name always comes with the same text, so
 * PostgreSQL can keep the statement prepared on each connection.
 */
export interface Statement {
  name: string;
  text: string;
  values: unknown[];
}

/** A judge's card as the save path needs it. */
export interface CardRow {
  id: string;
  status: ScorecardStatus;
  scores: Record<string, string>;
  total: string | null;
  comment: string;
  version: number;
  submittedAt: Date | null;
}

/** Everything a preliminary save or submit decides on, read in one query. */
export interface ScoringState {
  contestStatus: string;
  judging: ContestRules['judging'];
  /** null: no such entry in the contest */
  facts: ScoringFacts | null;
  /** null: the judge has no card for the entry yet */
  card: CardRow | null;
}

/** The new content of a card; the version and update time move in the database. */
export interface CardChange {
  scores: Record<string, string>;
  total: string | null;
  comment: string;
  status: ScorecardStatus;
  submittedAt: Date | null;
}

/** What else commits with the card: its audit row and the tablet's idempotency answer. */
export interface CardWriteTail {
  audit: AuditRow;
  claim: IdempotencyClaim | null;
  response: object;
}

/** Reads the contest, the entry, the judge's relation to it and the judge's card. */
export function loadStatement(contestId: string, judgeId: string, entryId: string): Statement {
  return {
    name: 'scorecard.load',
    text: `SELECT c.status AS contest_status, c.rules -> 'judging' AS judging,
              e.status AS entry_status, ${SCORING_FACTS_COLUMNS},
              s.id AS card_id, s.status AS card_status, s.scores AS card_scores, s.total AS card_total,
              s.comment AS card_comment, s.version AS card_version, s.submitted_at AS card_submitted_at
         FROM contests c
         LEFT JOIN entries e ON e.id = $2 AND e.contest_id = c.id
         LEFT JOIN teams t ON t.id = e.team_id
         LEFT JOIN contest_members m ON m.contest_id = c.id AND m.user_id = $3 AND m.role = 'judge'
         LEFT JOIN scorecards s ON s.entry_id = e.id AND s.judge_id = $3
        WHERE c.id = $1`,
    values: [contestId, entryId, judgeId],
  };
}

/** The row `loadStatement` returns, as the state the service decides on; null: no contest. */
export function toScoringState(row: StateRow | undefined): ScoringState | null {
  if (!row) return null;
  return {
    contestStatus: row.contest_status,
    judging: row.judging,
    facts:
      row.entry_status === null
        ? null
        : {
            status: row.entry_status,
            same_unit: row.same_unit,
            conflict: row.conflict,
            assigned: row.assigned,
          },
    card:
      row.card_id === null
        ? null
        : {
            id: row.card_id,
            status: row.card_status,
            scores: row.card_scores,
            total: row.card_total,
            comment: row.card_comment,
            version: row.card_version,
            submittedAt: row.card_submitted_at,
          },
  };
}

/**
 * Changes a draft card that still has `version`, while the preliminary round is open; returns
 * one row with the new version, or none when nothing was written.
 */
export function updateStatement(
  contestId: string,
  card: { id: string; version: number },
  change: CardChange,
  tail: CardWriteTail,
): Statement {
  const sql = new Params();
  const cardCte = `UPDATE scorecards
          SET scores = ${sql.add(JSON.stringify(change.scores))}::jsonb, total = ${sql.add(change.total)}::numeric,
              comment = ${sql.add(change.comment)}, status = ${sql.add(change.status)},
              submitted_at = ${sql.add(change.submittedAt)}::timestamptz,
              version = version + 1, updated_at = now()
        WHERE id = ${sql.add(card.id)} AND version = ${sql.add(card.version)} AND status = 'draft'
          AND ${roundOpen(sql, contestId)}
       RETURNING id, version`;
  return withTail('scorecard.update', sql, cardCte, tail);
}

/**
 * Creates the judge's card for the entry while the round is open; returns one row with its
 * version (1), or none when a twin request from another tablet created it first.
 */
export function insertStatement(
  contestId: string,
  card: { id: string; entryId: string; judgeId: string },
  change: CardChange,
  tail: CardWriteTail,
): Statement {
  const sql = new Params();
  const cardCte = `INSERT INTO scorecards (id, contest_id, entry_id, judge_id, status, scores, total, comment, submitted_at)
       SELECT ${sql.add(card.id)}::uuid, ${sql.add(contestId)}::uuid, ${sql.add(card.entryId)}::uuid,
              ${sql.add(card.judgeId)}::uuid, ${sql.add(change.status)}, ${sql.add(JSON.stringify(change.scores))}::jsonb,
              ${sql.add(change.total)}::numeric, ${sql.add(change.comment)}, ${sql.add(change.submittedAt)}::timestamptz
        WHERE ${roundOpen(sql, contestId)}
       ON CONFLICT (entry_id, judge_id) DO NOTHING
       RETURNING id, version`;
  return withTail('scorecard.insert', sql, cardCte, tail);
}

/** The audit row and the idempotency answer are written from the card's RETURNING row. */
function withTail(name: string, sql: Params, cardCte: string, tail: CardWriteTail): Statement {
  const a = tail.audit;
  const auditCte = `INSERT INTO audit_log (${AUDIT_COLUMNS})
       SELECT ${sql.add(a.contestId)}::uuid, ${sql.add(a.actorId)}::uuid, ${sql.add(a.actorName)}, ${sql.add(a.action)},
              ${sql.add(a.entityType)}, card.id, ${sql.add(json(a.before))}::jsonb, ${sql.add(json(a.after))}::jsonb,
              ${sql.add(a.reason)}, ${sql.add(a.requestId)}, ${sql.add(a.correlationId)}
         FROM card`;
  const claim = tail.claim;
  const keyCte = claim
    ? `, answer AS (INSERT INTO idempotency_keys (user_id, key, request_hash, status, response)
       SELECT ${sql.add(claim.userId)}::uuid, ${sql.add(claim.key)}, ${sql.add(claim.requestHash)}, 200,
              ${sql.add(JSON.stringify(tail.response))}::jsonb
         FROM card)`
    : '';
  return {
    // the key's CTE changes the text, so it is another prepared statement
    name: claim ? `${name}+key` : name,
    text: `WITH card AS (${cardCte}), audit AS (${auditCte})${keyCte} SELECT version FROM card`,
    values: sql.values,
  };
}

/** The preliminary round is open: checked in the writing statement itself. */
function roundOpen(sql: Params, contestId: string): string {
  return `EXISTS (SELECT 1 FROM contests WHERE id = ${sql.add(contestId)}::uuid AND status = 'judging')`;
}

function json(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

/** Positional parameters for a statement built in pieces. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface StateRow {
  contest_status: string;
  judging: ContestRules['judging'];
  entry_status: string | null;
  same_unit: boolean;
  conflict: string | null;
  assigned: boolean;
  card_id: string | null;
  card_status: ScorecardStatus;
  card_scores: Record<string, string>;
  card_total: string | null;
  card_comment: string;
  card_version: number;
  card_submitted_at: Date | null;
}
