import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, auditRow } from '../audit/audit.service';
import { Actor, membershipIn } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { CardChange, ScoringState } from './scorecard-statements';
import { ScorecardStore } from './scorecard-store';
import { IdempotencyService } from './idempotency.service';
import {
  assertJudgingOpen,
  assertMayScore,
  assertWritable,
  checkScores,
  ofCriteria,
  ScorecardView,
  stale,
  totalOf,
  view,
} from './scorecard-rules';
import { Scorecard } from './scorecard.entity';

/**
 * A judge's preliminary scorecard: read, save a draft, submit (then locked), and the
 * organisers' reopen with a reason. Every write is one statement with its audit row
 * (scorecard-store.ts); a write that lost a race answers what is true now.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly store: ScorecardStore,
    private readonly contests: ContestsService,
  ) {}

  async myScorecard(actor: Actor, contestId: string, entryId: string): Promise<ScorecardView> {
    const state = await this.loadState(contestId, actor.userId, entryId);
    assertMayScore(state.facts);
    return view(state.card, entryId, actor.userId);
  }

  /** Organisers, and the judge who owns it; other judges get 403. */
  async scorecard(actor: Actor, contestId: string, scorecardId: string): Promise<ScorecardView> {
    const card = await this.dataSource
      .getRepository(Scorecard)
      .findOneBy({ id: scorecardId, contestId });
    if (!card) throw DomainError.notFound('SCORECARD', 'Không tìm thấy phiếu chấm.');
    const role = actor.isAdmin ? 'organiser' : membershipIn(actor, contestId)?.role;
    if (role !== 'organiser' && card.judgeId !== actor.userId) {
      throw DomainError.forbidden(
        'NOT_YOUR_SCORECARD',
        'Giám khảo không xem được phiếu chấm của giám khảo khác.',
      );
    }
    return view(card, card.entryId, card.judgeId);
  }

  async saveDraft(
    actor: Actor,
    contestId: string,
    entryId: string,
    input: { scores: Record<string, number>; comment?: string; version?: number },
    idempotencyKey?: string,
  ): Promise<ScorecardView> {
    return this.idempotency.run(
      actor.userId,
      idempotencyKey,
      { op: 'save', contestId, entryId, input },
      async (claim) => {
        const { judging, card: existing } = await this.scoringState(
          contestId,
          actor.userId,
          entryId,
        );
        const scores = checkScores(judging, input.scores, false);
        assertWritable(existing, input.version, entryId, actor.userId);
        const merged = { ...ofCriteria(judging, existing?.scores ?? {}), ...scores };
        const change: CardChange = {
          scores: merged,
          total: totalOf(judging, merged),
          comment: input.comment ?? existing?.comment ?? '',
          status: 'draft',
          submittedAt: existing?.submittedAt ?? null,
        };
        // The answer is known before the write: the id is ours for a new card, and the
        // version moves by one from the one the tablet saw.
        const id = existing?.id ?? randomUUID();
        const saved = view(
          { id, version: (existing?.version ?? 0) + 1, ...change },
          entryId,
          actor.userId,
        );
        const tail = {
          audit: auditRow(actor, {
            contestId,
            action: existing ? 'scorecard.save' : 'scorecard.create',
            entityType: 'scorecard',
            entityId: id,
            before: existing ? { scores: existing.scores } : undefined,
            after: { scores: saved.scores, total: saved.total, version: saved.version },
          }),
          claim,
          response: saved,
        };
        const written = existing
          ? await this.store.update(contestId, existing, change, tail)
          : await this.store.insert(
              contestId,
              { id, entryId, judgeId: actor.userId },
              change,
              tail,
            );
        if (written !== saved.version)
          await this.explainUnwritten(contestId, actor.userId, entryId, input.version);
        return saved;
      },
    );
  }

  async submit(
    actor: Actor,
    contestId: string,
    entryId: string,
    version: number,
    idempotencyKey?: string,
  ): Promise<ScorecardView> {
    return this.idempotency.run(
      actor.userId,
      idempotencyKey,
      { op: 'submit', contestId, entryId, version },
      async (claim) => {
        const { judging, card } = await this.scoringState(contestId, actor.userId, entryId);
        if (!card) throw DomainError.conflict('NOTHING_TO_SUBMIT', 'Chưa có phiếu chấm để nộp.');
        assertWritable(card, version, entryId, actor.userId);
        const scores = ofCriteria(judging, card.scores);
        checkScores(
          judging,
          Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)])),
          true,
        );
        const change: CardChange = {
          ...card,
          scores,
          total: totalOf(judging, scores),
          status: 'submitted',
          submittedAt: new Date(),
        };
        const saved = view(
          { ...change, id: card.id, version: card.version + 1 },
          entryId,
          actor.userId,
        );
        const written = await this.store.update(contestId, card, change, {
          audit: auditRow(actor, {
            contestId,
            action: 'scorecard.submit',
            entityType: 'scorecard',
            entityId: card.id,
            before: { status: 'draft' },
            after: { status: 'submitted', scores: saved.scores, total: saved.total },
          }),
          claim,
          response: saved,
        });
        if (written !== saved.version)
          await this.explainUnwritten(contestId, actor.userId, entryId, version);
        return saved;
      },
    );
  }

  async reopen(
    actor: Actor,
    contestId: string,
    scorecardId: string,
    reason: string,
  ): Promise<ScorecardView> {
    return this.dataSource.transaction(async (em) => {
      // Locked like closing the round: a card reopened after it closed could never be
      // submitted again, and a draft is not counted, so the judge's score would be lost.
      const contest = await this.contests.lock(em, contestId);
      const card = await em
        .getRepository(Scorecard)
        .findOne({ where: { id: scorecardId, contestId }, lock: { mode: 'pessimistic_write' } });
      if (!card) throw DomainError.notFound('SCORECARD', 'Không tìm thấy phiếu chấm.');
      assertJudgingOpen(contest.status);
      if (card.status !== 'submitted')
        throw DomainError.conflict('NOT_SUBMITTED', 'Phiếu chấm chưa được nộp.');
      card.status = 'draft';
      card.submittedAt = null;
      const saved = await em.getRepository(Scorecard).save(card);
      await this.audit.record(em, actor, {
        contestId,
        action: 'scorecard.reopen',
        entityType: 'scorecard',
        entityId: card.id,
        before: { status: 'submitted' },
        after: { status: 'draft' },
        reason,
      });
      return view(saved, card.entryId, card.judgeId);
    });
  }

  /** The contest, the judge's relation to the entry and their card, if they may score it. */
  private async scoringState(
    contestId: string,
    judgeId: string,
    entryId: string,
  ): Promise<ScoringState> {
    const state = await this.loadState(contestId, judgeId, entryId);
    assertJudgingOpen(state.contestStatus);
    assertMayScore(state.facts);
    return state;
  }

  private async loadState(contestId: string, judgeId: string, entryId: string) {
    const state = await this.store.load(contestId, judgeId, entryId);
    if (!state) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return state;
  }

  /**
   * A write that changed nothing lost a race (another tablet saved, or the organiser closed
   * the round or reopened nothing): read again and answer with what is true now.
   */
  private async explainUnwritten(
    contestId: string,
    judgeId: string,
    entryId: string,
    version: number | undefined,
  ): Promise<never> {
    const { card } = await this.scoringState(contestId, judgeId, entryId);
    assertWritable(card, version, entryId, judgeId);
    if (!card) throw new Error(`scorecard of ${judgeId} for ${entryId} neither written nor found`);
    throw stale(card, entryId, judgeId);
  }
}
