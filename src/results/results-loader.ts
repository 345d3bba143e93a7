import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContestsService } from '../contests/contests.service';
import { InteractionStandingsService } from '../interactions/standings.service';
import type { ResultsInputs } from './results-inputs';

/**
 * Reads everything the results depend on into plain data (ResultsInputs). Run it inside one
 * REPEATABLE READ transaction to get one consistent picture of the database.
 */
@Injectable()
export class ResultsLoader {
  constructor(
    private readonly contests: ContestsService,
    private readonly interactions: InteractionStandingsService,
  ) {}

  async load(em: EntityManager, contestId: string): Promise<ResultsInputs> {
    const contest = await this.contests.get(contestId, em);
    const q = <T>(sql: string) => em.query(sql, [contestId]) as Promise<T[]>;
    // A team that withdrew no longer competes: its entry is scored, ranked and awarded no more
    // than an unpublished one (its data stays, and comes back if the withdrawal is undone).
    const entries = await q<{
      entry_id: string;
      team_id: string;
      team_number: number;
      team_name: string;
      unit_name: string;
      entry_name: string;
    }>(
      `SELECT e.id AS entry_id, t.id AS team_id, t.number AS team_number, t.name AS team_name,
              u.name AS unit_name, e.name AS entry_name
         FROM entries e JOIN teams t ON t.id = e.team_id JOIN units u ON u.id = t.unit_id
        WHERE e.contest_id = $1 AND e.status = 'published' AND t.status = 'active'
        ORDER BY t.number`,
    );
    const judges = await q<{ id: string; name: string }>(
      `SELECT u.id, u.display_name AS name FROM contest_members m JOIN users u ON u.id = m.user_id
        WHERE m.contest_id = $1 AND m.role = 'judge' ORDER BY u.username`,
    );
    const { official, counts, exclusions } = await this.interactions.officialInputs(contestId, em);
    const scorecards = await q<{
      entry_id: string;
      judge_id: string;
      scores: Record<string, string>;
    }>(
      `SELECT entry_id, judge_id, scores FROM scorecards
        WHERE contest_id = $1 AND status = 'submitted' ORDER BY entry_id, judge_id`,
    );
    const recusals = await q<{ entry_id: string; judge_id: string }>(
      `SELECT entry_id, judge_id FROM judge_conflicts WHERE contest_id = $1`,
    );
    const final = await q<{ entry_order: string[] }>(
      `SELECT entry_order FROM final_states WHERE contest_id = $1`,
    );
    const partScores = await q<{
      entry_id: string;
      judge_id: string;
      part_code: string;
      points: string;
    }>(
      `SELECT entry_id, judge_id, part_code, points FROM part_scorecards
        WHERE contest_id = $1 AND status = 'submitted' ORDER BY entry_id, judge_id, part_code`,
    );
    const nominations = await q<{
      judge_id: string;
      kind: 'individual' | 'collective';
      part_code: string;
      entry_id: string;
      member_id: string | null;
    }>(
      `SELECT judge_id, kind, part_code, entry_id, member_id FROM nominations
        WHERE contest_id = $1 ORDER BY judge_id, kind, part_code`,
    );
    const decisions = await q<{
      entry_ids: string[];
      reason: string;
      decided_by_name: string;
      created_at: Date;
    }>(
      `SELECT entry_ids, reason, decided_by_name, created_at FROM tie_decisions
        WHERE contest_id = $1 ORDER BY created_at, id`,
    );
    const awards = await q<{
      kind: 'side' | 'sponsor';
      prize_code: string;
      entry_id: string;
      member_id: string | null;
    }>(
      `SELECT kind, prize_code, entry_id, member_id FROM confirmed_awards
        WHERE contest_id = $1 ORDER BY kind, position`,
    );
    const notAwarded = await q<{ prize_code: string; reason: string }>(
      `SELECT prize_code, reason FROM unawarded_prizes WHERE contest_id = $1 ORDER BY prize_code`,
    );
    const members = await q<{ id: string; name: string }>(
      `SELECT id, full_name AS name FROM team_members WHERE contest_id = $1 ORDER BY id`,
    );
    return {
      contest: {
        id: contest.id,
        name: contest.name,
        slug: contest.slug,
        rulesVersion: contest.rulesVersion,
        rules: contest.rules,
        finalAt: contest.finalAt,
      },
      entries: entries.map((e) => ({
        entryId: e.entry_id,
        teamId: e.team_id,
        teamNumber: Number(e.team_number),
        teamName: e.team_name,
        unitName: e.unit_name,
        entryName: e.entry_name,
      })),
      judges,
      snapshot: official
        ? { id: official.id, takenAt: official.takenAt.toISOString(), source: official.source }
        : null,
      counts: counts.map((c) => ({
        entryId: c.entryId,
        reactions: c.reactions,
        shares: c.shares,
        comments: c.comments,
      })),
      exclusions: exclusions.map((x) => ({
        entryId: x.entryId,
        reactions: x.reactions,
        shares: x.shares,
        comments: x.comments,
        reason: x.reason,
      })),
      scorecards: scorecards.map((c) => ({
        entryId: c.entry_id,
        judgeId: c.judge_id,
        scores: c.scores,
      })),
      recusals: recusals.map((r) => ({ entryId: r.entry_id, judgeId: r.judge_id })),
      finalists: final[0]?.entry_order ?? null,
      partScores: partScores.map((p) => ({
        entryId: p.entry_id,
        judgeId: p.judge_id,
        partCode: p.part_code,
        points: p.points,
      })),
      nominations: nominations.map((n) => ({
        judgeId: n.judge_id,
        kind: n.kind,
        partCode: n.part_code,
        entryId: n.entry_id,
        memberId: n.member_id,
      })),
      tieDecisions: decisions.map((d) => ({
        entryIds: d.entry_ids,
        reason: d.reason,
        decidedBy: d.decided_by_name,
        decidedAt: d.created_at.toISOString(),
      })),
      awards: awards.map((a) => ({
        kind: a.kind,
        prizeCode: a.prize_code,
        entryId: a.entry_id,
        memberId: a.member_id,
      })),
      notAwarded: notAwarded.map((n) => ({ prizeCode: n.prize_code, reason: n.reason })),
      members,
    };
  }
}
