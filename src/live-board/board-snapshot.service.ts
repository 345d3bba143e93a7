import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { CONTEST_STATUSES, ContestStatus } from '../contests/contest-status';
import type { ContestRules } from '../engine';
import { divRoundHalfUp, hundredthsToString, toHundredths } from '../engine';
import type { CeremonyAward } from '../final-round/ceremony-order';
import { publishedAwards } from '../final-round/ceremony.service';
import { buildResults } from '../results/build-results';
import { ResultsLoader } from '../results/results-loader';

/** What the projector and citizens' phones show; public data only. */
export interface BoardSnapshot {
  contest: { name: string; slug: string; status: ContestStatus };
  final: {
    order: { entryId: string; teamNumber: number; teamName: string; entryName: string }[];
    current: { entryId: string | null; partCode: string | null; partName: string | null };
    /** the viewer ticks the clock itself: elapsed = elapsedMs + (now − startedAt) */
    timer: {
      running: boolean;
      startedAt: string | null;
      elapsedMs: number;
      limitSeconds: number | null;
    };
    /** revealed part results: mean of the judges' submitted points */
    parts: { entryId: string; partCode: string; points: string | null; judges: number }[];
    /** provisional ranking, when the organiser revealed it */
    ranking:
      | {
          rank: number;
          entryId: string;
          teamName: string;
          preliminary: string | null;
          final: string | null;
          rankingScore: string | null;
          needsDecision: boolean;
        }[]
      | null;
  } | null;
  /** the published results version, once there is one */
  results: { version: number; fingerprint: string; publishedAt: string } | null;
  /** the award ceremony, while the organiser runs it: only the prizes revealed so far */
  ceremony: { revealed: number; total: number; awards: CeremonyAward[] } | null;
}

const PUBLIC_FROM = CONTEST_STATUSES.indexOf('published');

/** Builds the live board from the database (one consistent read). */
@Injectable()
export class BoardSnapshotService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loader: ResultsLoader,
  ) {}

  /** The contest behind a public slug; contests not yet public do not exist for viewers. */
  async publicContest(slug: string): Promise<{ id: string }> {
    const rows: { id: string; status: ContestStatus }[] = await this.dataSource.query(
      `SELECT id, status FROM contests WHERE slug = $1`,
      [slug],
    );
    const row = rows[0];
    if (!row || CONTEST_STATUSES.indexOf(row.status) < PUBLIC_FROM)
      throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return { id: row.id };
  }

  async build(contestId: string): Promise<BoardSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [contest] = (await em.query(
        `SELECT name, slug, status, rules FROM contests WHERE id = $1`,
        [contestId],
      )) as { name: string; slug: string; status: ContestStatus; rules: ContestRules }[];
      if (!contest) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
      const [state] = (await em.query(
        `SELECT entry_order, current_entry_id, current_part, timer_started_at, timer_elapsed_ms,
                revealed_parts, ranking_revealed, ceremony_revealed
           FROM final_states WHERE contest_id = $1`,
        [contestId],
      )) as {
        entry_order: string[];
        current_entry_id: string | null;
        current_part: string | null;
        timer_started_at: Date | null;
        timer_elapsed_ms: number;
        revealed_parts: string[];
        ranking_revealed: boolean;
        ceremony_revealed: number | null;
      }[];
      const [published] = (await em.query(
        `SELECT version, fingerprint, published_at FROM results_versions
          WHERE contest_id = $1 AND status = 'published'`,
        [contestId],
      )) as { version: number; fingerprint: string; published_at: Date }[];
      const snapshot: BoardSnapshot = {
        contest: { name: contest.name, slug: contest.slug, status: contest.status },
        final: null,
        results: published
          ? {
              version: published.version,
              fingerprint: published.fingerprint,
              publishedAt: published.published_at.toISOString(),
            }
          : null,
        ceremony: null,
      };
      if (!state) return snapshot;
      if (state.ceremony_revealed !== null && published) {
        const awards = (await publishedAwards(em, contestId)) ?? [];
        const revealed = Math.min(state.ceremony_revealed, awards.length);
        snapshot.ceremony = { revealed, total: awards.length, awards: awards.slice(0, revealed) };
      }

      const teams = (await em.query(
        `SELECT e.id AS entry_id, t.number AS team_number, t.name AS team_name, e.name AS entry_name
           FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.id = ANY($1::uuid[])`,
        [state.entry_order],
      )) as { entry_id: string; team_number: number; team_name: string; entry_name: string }[];
      const teamOf = new Map(teams.map((t) => [t.entry_id, t]));
      const part = contest.rules.final.parts.find((p) => p.code === state.current_part) ?? null;
      snapshot.final = {
        order: state.entry_order.map((entryId) => ({
          entryId,
          teamNumber: Number(teamOf.get(entryId)?.team_number ?? 0),
          teamName: teamOf.get(entryId)?.team_name ?? '',
          entryName: teamOf.get(entryId)?.entry_name ?? '',
        })),
        current: {
          entryId: state.current_entry_id,
          partCode: state.current_part,
          partName: part?.name ?? null,
        },
        timer: {
          running: state.timer_started_at !== null,
          startedAt: state.timer_started_at?.toISOString() ?? null,
          elapsedMs: state.timer_elapsed_ms,
          limitSeconds: part?.timeLimitSeconds ?? null,
        },
        parts: await this.revealedParts(em, contestId, state.revealed_parts),
        ranking: state.ranking_revealed ? await this.ranking(em, contestId) : null,
      };
      return snapshot;
    });
  }

  private async revealedParts(
    em: EntityManager,
    contestId: string,
    keys: string[],
  ): Promise<NonNullable<BoardSnapshot['final']>['parts']> {
    if (!keys.length) return [];
    const rows = (await em.query(
      // a judge who recused (or was found in conflict) after scoring is not counted
      `SELECT p.entry_id, p.part_code, p.points FROM part_scorecards p
        WHERE p.contest_id = $1 AND p.status = 'submitted'
          AND NOT EXISTS (SELECT 1 FROM judge_conflicts k
                           WHERE k.entry_id = p.entry_id AND k.judge_id = p.judge_id)`,
      [contestId],
    )) as { entry_id: string; part_code: string; points: string }[];
    return keys.map((key) => {
      const [entryId, partCode] = key.split('|') as [string, string];
      const mine = rows.filter((r) => r.entry_id === entryId && r.part_code === partCode);
      let sum = 0;
      for (const r of mine) sum += toHundredths(r.points);
      return {
        entryId,
        partCode,
        points: mine.length ? hundredthsToString(divRoundHalfUp(sum, mine.length)) : null,
        judges: mine.length,
      };
    });
  }

  /** The engine's ranking of the finalists scored so far (provisional until frozen). */
  private async ranking(em: EntityManager, contestId: string) {
    const { document } = buildResults(await this.loader.load(em, contestId));
    return document.teams
      .filter((t) => t.rank !== null)
      .map((t) => ({
        rank: t.rank!,
        entryId: t.entryId,
        teamName: t.teamName,
        preliminary: t.preliminary,
        final: t.final?.points ?? null,
        rankingScore: t.rankingScore,
        needsDecision: t.needsDecision,
      }));
  }
}
