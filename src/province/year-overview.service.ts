import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContestStatus } from '../contests/contest-status';
import { ENTRY_STATUSES } from '../entries/entry.entity';
import { attentionOf } from './attention';

/**
 * The year a contest belongs to: the year of its submission deadline when the rules set one
 * (a "2023" contest set up in December 2022 is a 2023 contest), else the year it was created;
 * both in Vietnam time.
 */
const CONTEST_YEAR = `extract(year from coalesce(
    CASE WHEN c.rules->'dates'->>'submissionDeadline' ~ '^\\d{4}-'
         THEN make_date(substr(c.rules->'dates'->>'submissionDeadline', 1, 4)::int, 1, 1) END,
    (c.created_at AT TIME ZONE 'UTC') + interval '7 hours'))::int`;

interface ContestRow {
  id: string;
  slug: string;
  name: string;
  status: ContestStatus;
  created_at: Date;
  submission_deadline: string | null;
  interaction_cutoff: string | null;
  judging_deadline: string | null;
}

type Counted = { contest_id: string; key: string; n: number };

/** All contests of one year on one page: where each stands and what needs attention. */
@Injectable()
export class YearOverviewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(year: number, now = new Date()) {
    const years: { year: number }[] = await this.dataSource.query(
      `SELECT DISTINCT ${CONTEST_YEAR} AS year FROM contests c ORDER BY 1 DESC`,
    );
    const contests: ContestRow[] = await this.dataSource.query(
      `SELECT c.id, c.slug, c.name, c.status, c.created_at,
              c.rules->'dates'->>'submissionDeadline' AS submission_deadline,
              c.rules->'dates'->>'interactionCutoff' AS interaction_cutoff,
              c.rules->'dates'->>'judgingDeadline' AS judging_deadline
         FROM contests c WHERE ${CONTEST_YEAR} = $1 ORDER BY c.created_at DESC, c.id`,
      [year],
    );
    const ids = contests.map((c) => c.id);
    // one small grouped query per figure, for all the year's contests at once
    const entries = await this.count(
      `SELECT contest_id, status AS key, count(*)::int AS n FROM entries
                   WHERE contest_id = ANY($1) GROUP BY 1, 2`,
      ids,
    );
    const teams = await this.count(
      `SELECT contest_id, 'teams' AS key, count(*)::int AS n
                   FROM teams WHERE contest_id = ANY($1) GROUP BY 1`,
      ids,
    );
    const judges = await this.count(
      `SELECT m.contest_id, 'judges' AS key, count(*)::int AS n
                    FROM contest_members m JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
                   WHERE m.contest_id = ANY($1) AND m.role = 'judge' GROUP BY 1`,
      ids,
    );
    const cards = await this.count(
      `SELECT a.contest_id, CASE WHEN s.status = 'submitted' THEN 'submitted'
                         ELSE 'open' END AS key, count(*)::int AS n
                    FROM judge_assignments a
                    LEFT JOIN scorecards s ON s.judge_id = a.judge_id AND s.entry_id = a.entry_id
                   WHERE a.contest_id = ANY($1) GROUP BY 1, 2`,
      ids,
    );
    const versions = await this.count(
      `SELECT contest_id, status AS key, count(*)::int AS n FROM results_versions
                   WHERE contest_id = ANY($1) GROUP BY 1, 2`,
      ids,
    );
    const failed = await this.count(
      `SELECT contest_id, 'failed' AS key, count(*)::int AS n FROM notifications
                   WHERE contest_id = ANY($1) AND channel = 'email' AND status = 'failed'
                   GROUP BY 1`,
      ids,
    );
    return {
      year,
      years: [...new Set([year, ...years.map((y) => y.year)])].sort((a, b) => b - a),
      contests: contests.map((c) => {
        const byStatus = entries.get(c.id) ?? {};
        const card = cards.get(c.id) ?? {};
        const version = versions.get(c.id) ?? {};
        const figures = {
          status: c.status,
          submissionDeadline: c.submission_deadline,
          judgingDeadline: c.judging_deadline,
          entries: byStatus,
          scorecards: {
            submitted: card.submitted ?? 0,
            expected: (card.submitted ?? 0) + (card.open ?? 0),
          },
          results: { frozen: version.frozen ?? 0, published: version.published ?? 0 },
          failedEmails: failed.get(c.id)?.failed ?? 0,
        };
        return {
          id: c.id,
          slug: c.slug,
          name: c.name,
          status: c.status,
          createdAt: c.created_at,
          dates: {
            submissionDeadline: c.submission_deadline,
            interactionCutoff: c.interaction_cutoff,
            judgingDeadline: c.judging_deadline,
          },
          entries: {
            total: Object.values(byStatus).reduce((a, b) => a + b, 0),
            ...Object.fromEntries(ENTRY_STATUSES.map((s) => [s, byStatus[s] ?? 0])),
          },
          teams: teams.get(c.id)?.teams ?? 0,
          judges: judges.get(c.id)?.judges ?? 0,
          scorecards: figures.scorecards,
          results: figures.results,
          failedEmails: figures.failedEmails,
          attention: attentionOf(figures, now),
        };
      }),
    };
  }

  /** `SELECT contest_id, key, n …` as contest → key → n. */
  private async count(sql: string, ids: string[]) {
    const out = new Map<string, Record<string, number>>();
    if (!ids.length) return out;
    const rows: Counted[] = await this.dataSource.query(sql, [ids]);
    for (const r of rows) out.set(r.contest_id, { ...out.get(r.contest_id), [r.key]: r.n });
    return out;
  }
}
