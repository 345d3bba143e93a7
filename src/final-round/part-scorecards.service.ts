import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeFinalScores, hundredthsToString, toHundredths } from '../engine';
import { assertNoConflict } from '../judging/conflict-of-interest';
import { notifyBoardChanged } from '../live-board/notify';
import { assertFinal } from './final-phase';
import { FinalState } from './final-state.entity';
import { PartScorecard } from './part-scorecard.entity';

/**
 * The judges' part scorecards of the final (presentation, debate, questions): save, submit
 * (then locked), and the final score per finalist computed by the engine.
 */
@Injectable()
export class PartScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  async savePart(
    actor: Actor,
    contestId: string,
    entryId: string,
    partCode: string,
    points: number,
    version?: number,
  ) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.get(contestId, em);
      assertFinal(contest);
      await this.assertMayScore(em, contest, actor.userId, entryId);
      const h = checkPartPoints(contest, partCode, points);
      const existing = await em.getRepository(PartScorecard).findOne({
        where: { entryId, judgeId: actor.userId, partCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing) {
        if (existing.status === 'submitted')
          throw DomainError.conflict(
            'SCORECARD_LOCKED',
            'Phiếu chấm phần thi đã nộp và bị khóa.',
            'status',
          );
        if (version !== existing.version) {
          throw DomainError.conflict(
            'STALE_VERSION',
            'Phiếu chấm vừa được lưu từ thiết bị khác.',
            'version',
            { current: partView(existing) },
          );
        }
      }
      const before = existing ? { points: existing.points } : undefined;
      const card =
        existing ??
        em
          .getRepository(PartScorecard)
          .create({ contestId, entryId, judgeId: actor.userId, partCode, status: 'draft' });
      card.points = hundredthsToString(h);
      const saved = await em.getRepository(PartScorecard).save(card);
      await this.audit.record(em, actor, {
        contestId,
        action: existing ? 'part_scorecard.save' : 'part_scorecard.create',
        entityType: 'part_scorecard',
        entityId: saved.id,
        before,
        after: { entryId, partCode, points: saved.points },
      });
      return partView(saved);
    });
  }

  async submitPart(
    actor: Actor,
    contestId: string,
    entryId: string,
    partCode: string,
    version: number,
  ) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.get(contestId, em);
      assertFinal(contest);
      await this.assertMayScore(em, contest, actor.userId, entryId);
      const card = await em.getRepository(PartScorecard).findOne({
        where: { entryId, judgeId: actor.userId, partCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (!card) throw DomainError.conflict('NOTHING_TO_SUBMIT', 'Chưa có điểm phần thi để nộp.');
      if (card.status === 'submitted')
        throw DomainError.conflict(
          'SCORECARD_LOCKED',
          'Phiếu chấm phần thi đã nộp và bị khóa.',
          'status',
        );
      if (card.version !== version)
        throw DomainError.conflict(
          'STALE_VERSION',
          'Phiếu chấm vừa được lưu từ thiết bị khác.',
          'version',
          { current: partView(card) },
        );
      card.status = 'submitted';
      card.submittedAt = new Date();
      const saved = await em.getRepository(PartScorecard).save(card);
      await this.audit.record(em, actor, {
        contestId,
        action: 'part_scorecard.submit',
        entityType: 'part_scorecard',
        entityId: saved.id,
        before: { status: 'draft' },
        after: { status: 'submitted', points: saved.points },
      });
      await notifyBoardChanged(em, contestId);
      return partView(saved);
    });
  }

  /** Final score per finalist from submitted part scorecards (engine: mean or trimmed mean). */
  async scores(contestId: string) {
    const contest = await this.contests.get(contestId);
    const state = await this.dataSource.getRepository(FinalState).findOneBy({ contestId });
    if (!state) throw DomainError.notFound('FINAL', 'Vòng chung khảo chưa được thiết lập.');
    const cards = await this.dataSource
      .getRepository(PartScorecard)
      .find({ where: { contestId, status: 'submitted', entryId: In(state.entryOrder) } });
    // A judge's card for a team is complete when every part is submitted.
    const byJudgeEntry = new Map<
      string,
      { entryId: string; judgeId: string; parts: Record<string, string> }
    >();
    for (const c of cards) {
      const key = `${c.judgeId}|${c.entryId}`;
      const card = byJudgeEntry.get(key) ?? { entryId: c.entryId, judgeId: c.judgeId, parts: {} };
      card.parts[c.partCode] = c.points;
      byJudgeEntry.set(key, card);
    }
    const partCodes = contest.rules.final.parts.map((p) => p.code);
    // As in the results: a judge who recused from a team (or is in conflict) is not counted.
    const conflicts: { entry_id: string; judge_id: string }[] = await this.dataSource.query(
      `SELECT entry_id, judge_id FROM judge_conflicts WHERE contest_id = $1`,
      [contestId],
    );
    const recused = new Set(conflicts.map((k) => `${k.judge_id}|${k.entry_id}`));
    const complete = [...byJudgeEntry.values()]
      .filter((c) => partCodes.every((p) => p in c.parts))
      .map((c) => ({ ...c, recused: recused.has(`${c.judgeId}|${c.entryId}`) }));
    const results = computeFinalScores(contest.rules.final, state.entryOrder, complete);
    return results.map((r) => ({
      entryId: r.entryId,
      points: r.points === null ? null : hundredthsToString(r.points),
      complete: r.complete,
      judgesCounted: r.judgesCounted,
      trimmed: r.trimmed,
    }));
  }

  /** Final round: a finalist, without conflict (no assignment needed: every judge scores). */
  private async assertMayScore(
    em: EntityManager,
    contest: Contest,
    judgeId: string,
    entryId: string,
  ) {
    const state = await em.getRepository(FinalState).findOneBy({ contestId: contest.id });
    if (!state?.entryOrder.includes(entryId))
      throw DomainError.notFound('FINALIST', 'Đội này không thi chung khảo.');
    await assertNoConflict(em, contest.id, judgeId, entryId);
  }
}

function checkPartPoints(contest: Contest, partCode: string, points: number): number {
  const part = contest.rules.final.parts.find((p) => p.code === partCode);
  if (!part)
    throw DomainError.invalid('UNKNOWN_PART', 'Phần thi không có trong thể lệ.', 'partCode');
  let h: number;
  try {
    h = toHundredths(points);
  } catch {
    throw DomainError.invalid(
      'NOT_A_SCORE',
      `${part.name}: điểm có tối đa 2 chữ số thập phân.`,
      'points',
    );
  }
  const max = toHundredths(part.maxPoints);
  const step = toHundredths(contest.rules.final.step);
  if (h < 0 || h > max)
    throw DomainError.invalid(
      'SCORE_OUT_OF_RANGE',
      `${part.name}: điểm phải từ 0 đến ${part.maxPoints}.`,
      'points',
    );
  if (step > 0 && h % step !== 0)
    throw DomainError.invalid(
      'SCORE_STEP',
      `${part.name}: điểm phải là bội số của ${String(contest.rules.final.step).replace('.', ',')}.`,
      'points',
    );
  return h;
}

function partView(card: PartScorecard) {
  return {
    id: card.id,
    entryId: card.entryId,
    judgeId: card.judgeId,
    partCode: card.partCode,
    points: card.points,
    status: card.status,
    version: card.version,
    submittedAt: card.submittedAt,
  };
}
