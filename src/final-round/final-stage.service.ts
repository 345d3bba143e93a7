import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { notifyBoardChanged } from '../live-board/notify';
import { PreliminaryResultsService } from '../results/preliminary-results.service';
import { debatePairing, seededShuffle } from './draw';
import { assertFinal } from './final-phase';
import { FinalState } from './final-state.entity';

/**
 * The live final's stage: its setup (finalists, order of appearance, debate pairing), the
 * organiser's console (current team and part, timer) and what the public board reveals.
 * Two consoles never overwrite each other: every change names the version it saw.
 */
@Injectable()
export class FinalStageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly preliminary: PreliminaryResultsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sets up the final: finalists from the engine's selection (or the organisers' choice when
   * the engine reports a tie at the cut line), order of appearance drawn from a recorded seed
   * or set by the organiser, and the debate pairing.
   */
  async setup(
    actor: Actor,
    contestId: string,
    input: { order?: string[]; seed?: string; finalists?: string[]; reason?: string },
  ) {
    const computed = await this.preliminary.compute(contestId);
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertFinal(contest);
      if (await em.getRepository(FinalState).existsBy({ contestId })) {
        throw DomainError.conflict('FINAL_ALREADY_SET_UP', 'Vòng chung khảo đã được thiết lập.');
      }
      const { selection } = computed;
      let finalists = selection.finalists;
      if (input.finalists) {
        if (!input.reason)
          throw DomainError.invalid(
            'REASON_REQUIRED',
            'Chọn đội vào chung khảo thay cho kết quả tính toán cần ghi lý do.',
            'reason',
          );
        const eligible = new Set([...selection.finalists, ...(selection.tieAtCut ?? [])]);
        const outside = input.finalists.filter((id) => !eligible.has(id));
        if (outside.length || !selection.finalists.every((id) => input.finalists!.includes(id))) {
          throw DomainError.invalid(
            'FINALISTS_MISMATCH',
            'Chỉ được chọn thêm trong số các đội bằng điểm ở ranh giới.',
            'finalists',
          );
        }
        finalists = input.finalists;
      } else if (selection.tieAtCut) {
        throw DomainError.conflict(
          'FINALIST_TIE',
          'Có các đội bằng điểm ở ranh giới vào chung khảo; Ban tổ chức cần chọn và ghi lý do.',
          'finalists',
          {
            tieAtCut: selection.tieAtCut,
            finalists: selection.finalists,
          },
        );
      }
      if (finalists.length === 0)
        throw DomainError.conflict('NO_FINALISTS', 'Chưa có đội nào đủ điều kiện vào chung khảo.');
      let order: string[];
      let seed: string | null = null;
      if (input.order) {
        const same =
          input.order.length === finalists.length &&
          new Set(input.order).size === finalists.length &&
          input.order.every((id) => finalists.includes(id));
        if (!same)
          throw DomainError.invalid(
            'ORDER_MISMATCH',
            'Thứ tự phải gồm đúng các đội vào chung khảo, mỗi đội một lần.',
            'order',
          );
        order = input.order;
      } else {
        seed = input.seed ?? randomBytes(12).toString('hex');
        order = seededShuffle([...finalists].sort(), seed);
      }
      const state = em.getRepository(FinalState).create({
        contestId,
        entryOrder: order,
        drawSeed: seed,
        pairing: debatePairing(order),
        currentEntryId: null,
        currentPart: null,
        timerStartedAt: null,
        timerElapsedMs: 0,
      });
      const saved = await em.getRepository(FinalState).save(state);
      await this.audit.record(em, actor, {
        contestId,
        action: 'final.setup',
        entityType: 'final_state',
        entityId: contestId,
        after: { order, seed, pairing: saved.pairing, finalists },
        reason: input.reason ?? null,
      });
      await enqueue(em, { type: 'final.order_drawn', contestId }); // notifications (issue 25)
      await enqueue(em, { type: 'final.order_drawn', contestId }); // notifications (issue 25)
      return this.view(contest, saved);
    });
  }

  async state(contestId: string) {
    const contest = await this.contests.get(contestId);
    const state = await this.dataSource.getRepository(FinalState).findOneBy({ contestId });
    if (!state) throw DomainError.notFound('FINAL', 'Vòng chung khảo chưa được thiết lập.');
    return this.view(contest, state);
  }

  /** The organiser drives the stage: current team, current part, timer start/stop/reset. */
  async live(
    actor: Actor,
    contestId: string,
    input: {
      entryId?: string;
      partCode?: string;
      timer?: 'start' | 'stop' | 'reset';
      version: number;
    },
  ) {
    return this.dataSource.transaction(async (em) => {
      const { contest, state } = await this.lockStage(em, contestId, input.version);
      const before = snapshot(state);
      const now = Date.now();
      if (input.entryId !== undefined) {
        if (!state.entryOrder.includes(input.entryId))
          throw DomainError.invalid('NOT_A_FINALIST', 'Đội này không thi chung khảo.', 'entryId');
        if (input.entryId !== state.currentEntryId) resetTimer(state);
        state.currentEntryId = input.entryId;
      }
      if (input.partCode !== undefined) {
        if (!contest.rules.final.parts.some((p) => p.code === input.partCode))
          throw DomainError.invalid('UNKNOWN_PART', 'Phần thi không có trong thể lệ.', 'partCode');
        if (input.partCode !== state.currentPart) resetTimer(state);
        state.currentPart = input.partCode;
      }
      if (input.timer === 'start') {
        if (!state.currentEntryId || !state.currentPart)
          throw DomainError.conflict('NOTHING_ON_STAGE', 'Chọn đội và phần thi trước khi bấm giờ.');
        if (!state.timerStartedAt) state.timerStartedAt = new Date(now);
      } else if (input.timer === 'stop') {
        if (state.timerStartedAt) {
          state.timerElapsedMs += now - state.timerStartedAt.getTime();
          state.timerStartedAt = null;
        }
      } else if (input.timer === 'reset') resetTimer(state);
      const saved = await em.getRepository(FinalState).save(state);
      await this.audit.record(em, actor, {
        contestId,
        action: 'final.live',
        entityType: 'final_state',
        entityId: contestId,
        before,
        after: snapshot(saved),
      });
      await notifyBoardChanged(em, contestId);
      return this.view(contest, saved);
    });
  }

  /**
   * What the public live board shows beyond the stage: a part's results for one team, or the
   * provisional ranking. Revealing is the organiser's call (e.g. after each team's turn).
   */
  async reveal(
    actor: Actor,
    contestId: string,
    input: {
      entryId?: string;
      partCode?: string;
      ranking?: boolean;
      revealed: boolean;
      version: number;
    },
  ) {
    return this.dataSource.transaction(async (em) => {
      const { contest, state } = await this.lockStage(em, contestId, input.version);
      const before = { revealedParts: state.revealedParts, rankingRevealed: state.rankingRevealed };
      if (input.ranking !== undefined) {
        state.rankingRevealed = input.revealed;
      } else {
        if (!input.entryId || !state.entryOrder.includes(input.entryId))
          throw DomainError.invalid('NOT_A_FINALIST', 'Đội này không thi chung khảo.', 'entryId');
        if (!contest.rules.final.parts.some((p) => p.code === input.partCode))
          throw DomainError.invalid('UNKNOWN_PART', 'Phần thi không có trong thể lệ.', 'partCode');
        const key = `${input.entryId}|${input.partCode}`;
        const others = state.revealedParts.filter((k) => k !== key);
        state.revealedParts = input.revealed ? [...others, key] : others;
      }
      const saved = await em.getRepository(FinalState).save(state);
      await this.audit.record(em, actor, {
        contestId,
        action: 'final.reveal',
        entityType: 'final_state',
        entityId: contestId,
        before,
        after: { revealedParts: saved.revealedParts, rankingRevealed: saved.rankingRevealed },
      });
      await notifyBoardChanged(em, contestId);
      return this.view(contest, saved);
    });
  }

  /**
   * The stage, locked for a change from the organiser's console: the contest must be in its
   * final, and the console must have seen the latest version (two consoles never overwrite
   * each other; the 409 carries the current state).
   */
  private async lockStage(em: EntityManager, contestId: string, version: number) {
    const contest = await this.contests.lock(em, contestId);
    assertFinal(contest);
    const state = await em
      .getRepository(FinalState)
      .findOne({ where: { contestId }, lock: { mode: 'pessimistic_write' } });
    if (!state) throw DomainError.notFound('FINAL', 'Vòng chung khảo chưa được thiết lập.');
    if (state.version !== version)
      throw DomainError.conflict(
        'STALE_VERSION',
        'Trạng thái sân khấu vừa thay đổi từ một máy khác.',
        'version',
        { current: this.view(contest, state) },
      );
    return { contest, state };
  }

  private view(contest: Contest, state: FinalState) {
    const part = contest.rules.final.parts.find((p) => p.code === state.currentPart) ?? null;
    const elapsed =
      state.timerElapsedMs +
      (state.timerStartedAt ? Date.now() - state.timerStartedAt.getTime() : 0);
    return {
      version: state.version,
      order: state.entryOrder,
      drawSeed: state.drawSeed,
      pairing: state.pairing,
      revealedParts: state.revealedParts,
      rankingRevealed: state.rankingRevealed,
      current: { entryId: state.currentEntryId, partCode: state.currentPart, part },
      timer: {
        running: state.timerStartedAt !== null,
        startedAt: state.timerStartedAt,
        elapsedMs: elapsed,
        limitSeconds: part?.timeLimitSeconds ?? null,
      },
    };
  }
}

function resetTimer(state: FinalState) {
  state.timerStartedAt = null;
  state.timerElapsedMs = 0;
}

function snapshot(state: FinalState) {
  return {
    currentEntryId: state.currentEntryId,
    currentPart: state.currentPart,
    timerRunning: state.timerStartedAt !== null,
    timerElapsedMs: state.timerElapsedMs,
  };
}
