import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { hundredthsToString, toHundredths } from '../engine';
import { JudgeAssignment } from './judge-assignment.entity';
import { Scorecard } from './scorecard.entity';

/** A judge's total this far from the median of the others' is highlighted. */
export const OUTLIER_POINTS = 2000; // hundredths: 20,00 points

/** Where the preliminary round stands (who has scored what), and closing it. */
@Injectable()
export class JudgingProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  /** Per judge and entry: missing / draft / submitted; per entry: spread and outliers. */
  async progress(contestId: string) {
    await this.contests.get(contestId);
    const assignments = await this.dataSource
      .getRepository(JudgeAssignment)
      .find({ where: { contestId } });
    const cards = await this.dataSource.getRepository(Scorecard).find({ where: { contestId } });
    const judgeIds = [...new Set(assignments.map((a) => a.judgeId))];
    const users = judgeIds.length
      ? await this.dataSource.getRepository(User).find({ where: { id: In(judgeIds) } })
      : [];
    const cardOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c]));
    const cells = assignments.map((a) => {
      const card = cardOf.get(`${a.judgeId}|${a.entryId}`);
      return {
        judgeId: a.judgeId,
        entryId: a.entryId,
        status: card?.status ?? ('missing' as const),
        total: card?.status === 'submitted' ? card.total : null,
      };
    });
    // One pass to count per judge and to group per entry.
    const perJudge = new Map<string, { missing: number; draft: number; submitted: number }>();
    const perEntry = new Map<
      string,
      { assigned: number; totals: { judgeId: string; total: number }[] }
    >();
    for (const cell of cells) {
      const j = perJudge.get(cell.judgeId) ?? { missing: 0, draft: 0, submitted: 0 };
      j[cell.status]++;
      perJudge.set(cell.judgeId, j);
      const e = perEntry.get(cell.entryId) ?? { assigned: 0, totals: [] };
      e.assigned++;
      perEntry.set(cell.entryId, e);
    }
    const assigned = new Set(assignments.map((a) => `${a.judgeId}|${a.entryId}`));
    for (const c of cards) {
      if (c.status !== 'submitted' || c.total === null) continue;
      // a card without its assignment (the judge recused or was found in conflict) does not count
      if (!assigned.has(`${c.judgeId}|${c.entryId}`)) continue;
      const e = perEntry.get(c.entryId) ?? { assigned: 0, totals: [] };
      e.totals.push({ judgeId: c.judgeId, total: toHundredths(c.total) });
      perEntry.set(c.entryId, e);
    }
    const entries = [...perEntry].map(([entryId, { assigned, totals }]) => {
      const values = totals.map((t) => t.total);
      const spread = values.length ? Math.max(...values) - Math.min(...values) : null;
      const outliers = outliersOf(totals);
      return {
        entryId,
        submitted: totals.length,
        assigned,
        spread: spread === null ? null : hundredthsToString(spread),
        outliers,
      };
    });
    return {
      judges: users.map((u) => ({
        judgeId: u.id,
        displayName: u.displayName,
        ...(perJudge.get(u.id) ?? { missing: 0, draft: 0, submitted: 0 }),
      })),
      cells,
      entries,
      complete: cells.every((c) => c.status === 'submitted'),
    };
  }

  /**
   * Closes the preliminary round (contest → final). Missing or draft scorecards block it
   * unless the organiser records why.
   */
  async close(actor: Actor, contestId: string, reason?: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      if (contest.status !== 'judging') {
        throw DomainError.conflict('NOT_JUDGING', 'Hội thi không ở bước chấm sơ khảo.', 'status', {
          contestStatus: contest.status,
        });
      }
      const assignments = await em.getRepository(JudgeAssignment).find({ where: { contestId } });
      const submitted = await em.getRepository(Scorecard).find({
        where: { contestId, status: 'submitted' },
        select: { entryId: true, judgeId: true },
      });
      const done = new Set(submitted.map((c) => `${c.judgeId}|${c.entryId}`));
      const incomplete = assignments.filter((a) => !done.has(`${a.judgeId}|${a.entryId}`));
      if (incomplete.length && !reason) {
        throw DomainError.conflict(
          'INCOMPLETE_SCORECARDS',
          `Còn ${incomplete.length} phiếu chấm chưa nộp. Ghi rõ lý do nếu vẫn muốn kết thúc vòng sơ khảo.`,
          'reason',
          { incomplete: incomplete.map((a) => ({ judgeId: a.judgeId, entryId: a.entryId })) },
        );
      }
      await this.contests.moveTo(em, actor, contest, 'final', {
        action: 'judging.close',
        reason,
        details: { incompleteScorecards: incomplete.length },
      });
      return { status: 'final', incompleteScorecards: incomplete.length };
    });
  }
}

/**
 * The judges whose total is OUTLIER_POINTS or more from the median of the others who scored
 * the same entry (its panel). The median, not the mean: one very low card pulls the others'
 * mean down and would make the highest card look like the outlier. In integer hundredths:
 * with an even number of others the median is (a + b) / 2, so both sides are doubled.
 */
export function outliersOf(totals: { judgeId: string; total: number }[]): string[] {
  if (totals.length < 2) return [];
  return totals
    .filter((t, i) => {
      const others = totals
        .filter((_, k) => k !== i)
        .map((o) => o.total)
        .sort((a, b) => a - b);
      const mid = others.length >> 1;
      const twiceMedian = others.length % 2 ? 2 * others[mid]! : others[mid - 1]! + others[mid]!;
      return Math.abs(2 * t.total - twiceMedian) >= 2 * OUTLIER_POINTS;
    })
    .map((t) => t.judgeId);
}
