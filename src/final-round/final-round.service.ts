import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeFinalScores, hundredthsToString, toHundredths } from '../engine';
import { Entry } from '../entries/entry.entity';
import { assertNoConflict } from '../judging/conflict-of-interest';
import { PreliminaryResultsService } from '../results/preliminary-results.service';
import { TeamMember } from '../teams/team-member.entity';
import { notifyBoardChanged } from '../live-board/notify';
import { debatePairing, seededShuffle } from './draw';
import { FinalState } from './final-state.entity';
import { Nomination } from './nomination.entity';
import { PartScorecard } from './part-scorecard.entity';
import { enqueue } from '../notifications/events';

@Injectable()
export class FinalRoundService {
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

  /** One individual and one collective nomination per judge per part (the latest counts). */
  async nominate(
    actor: Actor,
    contestId: string,
    input: {
      kind: 'individual' | 'collective';
      partCode: string;
      entryId: string;
      memberId?: string;
    },
  ) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.get(contestId, em);
      assertFinal(contest);
      const state = await em.getRepository(FinalState).findOneBy({ contestId });
      if (!state?.entryOrder.includes(input.entryId))
        throw DomainError.invalid('NOT_A_FINALIST', 'Đội này không thi chung khảo.', 'entryId');
      if (!contest.rules.final.parts.some((p) => p.code === input.partCode))
        throw DomainError.invalid('UNKNOWN_PART', 'Phần thi không có trong thể lệ.', 'partCode');
      if (input.kind === 'individual') {
        const entry = await em.getRepository(Entry).findOneByOrFail({ id: input.entryId });
        const member = input.memberId
          ? await em
              .getRepository(TeamMember)
              .findOneBy({ id: input.memberId, teamId: entry.teamId })
          : null;
        if (!member)
          throw DomainError.invalid(
            'MEMBER_REQUIRED',
            'Giải cá nhân cần chọn một thành viên của đội.',
            'memberId',
          );
      } else if (input.memberId) {
        throw DomainError.invalid(
          'MEMBER_NOT_ALLOWED',
          'Giải tập thể không chọn thành viên.',
          'memberId',
        );
      }
      const existing = await em.getRepository(Nomination).findOneBy({
        contestId,
        judgeId: actor.userId,
        kind: input.kind,
        partCode: input.partCode,
      });
      const row =
        existing ??
        em
          .getRepository(Nomination)
          .create({ contestId, judgeId: actor.userId, kind: input.kind, partCode: input.partCode });
      const before = existing
        ? { entryId: existing.entryId, memberId: existing.memberId }
        : undefined;
      row.entryId = input.entryId;
      row.memberId = input.memberId ?? null;
      const saved = await em.getRepository(Nomination).save(row);
      await this.audit.record(em, actor, {
        contestId,
        action: 'nomination.set',
        entityType: 'nomination',
        entityId: saved.id,
        before,
        after: {
          kind: saved.kind,
          partCode: saved.partCode,
          entryId: saved.entryId,
          memberId: saved.memberId,
        },
      });
      return saved;
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
    const complete = [...byJudgeEntry.values()].filter((c) => partCodes.every((p) => p in c.parts));
    const results = computeFinalScores(contest.rules.final, state.entryOrder, complete);
    return results.map((r) => ({
      entryId: r.entryId,
      points: r.points === null ? null : hundredthsToString(r.points),
      complete: r.complete,
      judgesCounted: r.judgesCounted,
      trimmed: r.trimmed,
    }));
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

function assertFinal(contest: Contest) {
  if (contest.status !== 'final') {
    throw DomainError.conflict('NOT_IN_FINAL', 'Hội thi không ở vòng chung khảo.', 'status', {
      contestStatus: contest.status,
    });
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
