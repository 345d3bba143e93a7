import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeFinalScores, EngineError, hundredthsToString, toHundredths } from '../engine';
import { assertNoConflict } from '../judging/conflict-of-interest';
import { JudgeConflict } from '../judging/judge-conflict.entity';
import { notifyBoardChanged } from '../live-board/notify';
import { completeFinalCards } from '../results/final-round-lines';
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
      const repo = em.getRepository(PartScorecard);
      const where = { entryId, judgeId: actor.userId, partCode };
      const existing = await repo.findOne({ where, lock: { mode: 'pessimistic_write' } });
      if (existing) {
        const refusal = partRefusal(existing, version);
        if (refusal) throw refusal;
      }
      const before = existing ? { points: existing.points } : undefined;
      const stored = hundredthsToString(h);
      let saved: PartScorecard;
      if (existing) {
        existing.points = stored;
        saved = await repo.save(existing);
      } else {
        // Another tablet of the judge may create the card meanwhile: the unique index makes
        // this insert wait for it, then write nothing, and the judge gets that card as a
        // stale version (not a bare DUPLICATE that tells the tablet nothing to merge with).
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(PartScorecard)
          .values({ contestId, ...where, points: stored, status: 'draft' })
          .orIgnore()
          .execute();
        // (never null for a stored card: its version is at least 1, never `undefined`)
        if (!(inserted.raw as unknown[]).length)
          throw partRefusal(await repo.findOneOrFail({ where }), undefined)!;
        saved = await repo.findOneOrFail({ where });
      }
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
      const refusal = partRefusal(card, version);
      if (refusal) throw refusal;
      // still a score of the rules (an amendment may have changed the part since it was saved)
      checkPartPoints(contest, partCode, toHundredths(card.points) / 100);
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
    // A judge's card for a team counts when every part of the rules is submitted, as in the
    // results (a part an amendment removed no longer counts).
    const partCodes = contest.rules.final.parts.map((p) => p.code);
    const cardsOf = completeFinalCards(cards, partCodes, new Set(state.entryOrder));
    // A judge who recused (or was found in conflict) after scoring a finalist is not counted.
    const conflicts = await this.dataSource
      .getRepository(JudgeConflict)
      .find({ where: { contestId }, select: { judgeId: true, entryId: true } });
    const recused = new Set(conflicts.map((k) => `${k.judgeId}|${k.entryId}`));
    const complete = cardsOf.map((c) => ({
      ...c,
      recused: recused.has(`${c.judgeId}|${c.entryId}`),
    }));
    const results = finalScores(contest, state.entryOrder, complete);
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

/**
 * The engine's final scores. Stored cards the engine refuses (a part's maximum lowered by an
 * amendment below a submitted score) are a state the organisers can fix, not a server error.
 */
function finalScores(
  contest: Contest,
  entryOrder: string[],
  cards: Parameters<typeof computeFinalScores>[2],
) {
  try {
    return computeFinalScores(contest.rules.final, entryOrder, cards);
  } catch (error) {
    if (error instanceof EngineError)
      throw DomainError.conflict('FINAL_SCORES_INPUT_INVALID', error.message, error.field, {
        engineCode: error.code,
      });
    throw error;
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

/** Why a tablet that last saw `version` (none: a new card) may not change `card`; null: it may. */
function partRefusal(card: PartScorecard, version: number | undefined): DomainError | null {
  if (card.status === 'submitted')
    return DomainError.conflict(
      'SCORECARD_LOCKED',
      'Phiếu chấm phần thi đã nộp và bị khóa.',
      'status',
      { current: partView(card) },
    );
  if (version !== card.version)
    return DomainError.conflict(
      'STALE_VERSION',
      'Phiếu chấm vừa được lưu từ thiết bị khác.',
      'version',
      { current: partView(card) },
    );
  return null;
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
