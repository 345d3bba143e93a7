import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, membershipIn } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import { ContestMember } from '../contests/contest-member.entity';
import { ContestsService } from '../contests/contests.service';
import { Entry } from '../entries/entry.entity';
import { Team } from '../teams/team.entity';
import { JudgeAssignment } from './judge-assignment.entity';
import { JudgeConflict } from './judge-conflict.entity';
import { PanelPlan } from './panel-plan.entity';
import { JUDGEABLE } from './scorecard-rules';
import { Scorecard } from './scorecard.entity';

/**
 * Who scores what in the preliminary round: the assignment matrix (every judge to every entry,
 * or a custom row per judge) and the conflicts of interest that keep a judge off an entry
 * (same unit, declared by the organisers, or a judge's own recusal).
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  /** Every judge to every approved/published entry, except where a conflict forbids it. */
  async assignAll(actor: Actor, contestId: string) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      if (await em.getRepository(PanelPlan).existsBy({ contestId, status: 'committed' }))
        throw DomainError.conflict(
          'PANELS_ACTIVE',
          'Hội thi đang chấm theo tiểu ban: hãy đổi phương án tiểu ban thay vì phân công tất cả giám khảo.',
          'mode',
        );
      const { judges, entries } = await this.people(em, contestId);
      const blocked = await this.blockedPairs(em, contestId, judges, entries);
      const rows = judges.flatMap((j) =>
        entries
          .filter((e) => !blocked.has(`${j.userId}|${e.id}`))
          .map((e) => ({ contestId, judgeId: j.userId, entryId: e.id })),
      );
      await em
        .createQueryBuilder()
        .insert()
        .into(JudgeAssignment)
        .values(rows)
        .orIgnore()
        .execute();
      const total = await em.getRepository(JudgeAssignment).countBy({ contestId });
      await this.audit.record(em, actor, {
        contestId,
        action: 'judging.assign_all',
        entityType: 'judge_assignment',
        entityId: contestId,
        after: { assignments: total, skippedForConflicts: blocked.size },
      });
      await enqueue(em, { type: 'judge.assigned', contestId }); // notifications (issue 25)
      return { assignments: total, skippedForConflicts: blocked.size };
    });
  }

  /** A custom row of the matrix: exactly these entries for this judge (conflicts refused). */
  async assign(actor: Actor, contestId: string, judgeId: string, entryIds: string[]) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const { judges, entries } = await this.people(em, contestId);
      const judge = judges.find((j) => j.userId === judgeId);
      if (!judge)
        throw DomainError.invalid(
          'NOT_A_JUDGE',
          'Người này không phải giám khảo của hội thi.',
          'judgeId',
        );
      const unique = [...new Set(entryIds)];
      const chosen = entries.filter((e) => unique.includes(e.id));
      if (chosen.length !== unique.length) {
        throw DomainError.invalid(
          'UNKNOWN_ENTRY',
          'Có sản phẩm không thuộc hội thi hoặc chưa được duyệt.',
          'entryIds',
        );
      }
      const blocked = await this.blockedPairs(em, contestId, [judge], chosen);
      if (blocked.size) {
        throw DomainError.conflict(
          'CONFLICT_OF_INTEREST',
          'Không thể phân công giám khảo chấm sản phẩm có xung đột lợi ích.',
          'entryIds',
          {
            entryIds: [...blocked].map((k) => k.split('|')[1]),
          },
        );
      }
      const before = await em
        .getRepository(JudgeAssignment)
        .find({ where: { contestId, judgeId } });
      const scored = await em.getRepository(Scorecard).find({ where: { contestId, judgeId } });
      const dropped = before.filter((a) => !unique.includes(a.entryId));
      if (dropped.some((a) => scored.some((s) => s.entryId === a.entryId))) {
        throw DomainError.conflict(
          'HAS_SCORECARD',
          'Không thể bỏ phân công khi giám khảo đã chấm sản phẩm đó.',
          'entryIds',
        );
      }
      if (dropped.length)
        await em
          .getRepository(JudgeAssignment)
          .delete({ contestId, judgeId, entryId: In(dropped.map((d) => d.entryId)) });
      if (unique.length) {
        await em
          .createQueryBuilder()
          .insert()
          .into(JudgeAssignment)
          .values(unique.map((entryId) => ({ contestId, judgeId, entryId })))
          .orIgnore()
          .execute();
      }
      await this.audit.record(em, actor, {
        contestId,
        action: 'judging.assign',
        entityType: 'judge_assignment',
        entityId: judgeId,
        before: { entryIds: before.map((a) => a.entryId).sort() },
        after: { entryIds: unique.sort() },
      });
      await enqueue(em, { type: 'judge.assigned', contestId, judgeId }); // notifications (issue 25)
      return { judgeId, entryIds: unique };
    });
  }

  async assignments(actor: Actor, contestId: string) {
    await this.contests.get(contestId);
    const mine = membershipIn(actor, contestId)?.role === 'judge' && !actor.isAdmin;
    const rows = await this.dataSource
      .getRepository(JudgeAssignment)
      .find({ where: mine ? { contestId, judgeId: actor.userId } : { contestId } });
    const cards = await this.dataSource.getRepository(Scorecard).find({
      where: mine ? { contestId, judgeId: actor.userId } : { contestId },
      select: { entryId: true, judgeId: true, status: true, version: true },
    });
    const cardOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c]));
    return rows.map((a) => {
      const card = cardOf.get(`${a.judgeId}|${a.entryId}`);
      return {
        judgeId: a.judgeId,
        entryId: a.entryId,
        status: card?.status ?? 'missing',
        version: card?.version ?? null,
      };
    });
  }

  /** Organisers declare a further conflict: the assignment goes, scoring is refused. */
  async declareConflict(
    actor: Actor,
    contestId: string,
    judgeId: string,
    entryId: string,
    reason: string,
  ) {
    return this.addConflict(actor, contestId, judgeId, entryId, reason, 'declared');
  }

  /** A judge steps back from an entry; their card (if any) is then not counted. */
  async recuse(actor: Actor, contestId: string, entryId: string, reason: string) {
    return this.addConflict(actor, contestId, actor.userId, entryId, reason, 'recusal');
  }

  private async addConflict(
    actor: Actor,
    contestId: string,
    judgeId: string,
    entryId: string,
    reason: string,
    kind: 'declared' | 'recusal',
  ) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const entry = await em.getRepository(Entry).findOneBy({ id: entryId, contestId });
      if (!entry) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
      const judge = await em
        .getRepository(ContestMember)
        .findOneBy({ contestId, userId: judgeId, role: 'judge' });
      if (!judge)
        throw DomainError.invalid(
          'NOT_A_JUDGE',
          'Người này không phải giám khảo của hội thi.',
          'judgeId',
        );
      const card = await em.getRepository(Scorecard).findOneBy({ entryId, judgeId });
      if (card?.status === 'submitted' && kind === 'declared') {
        throw DomainError.conflict(
          'ALREADY_SUBMITTED',
          'Giám khảo đã nộp phiếu; hãy mở lại phiếu trước khi ghi xung đột.',
        );
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(JudgeConflict)
        .values({ contestId, judgeId, entryId, kind, reason, createdBy: actor.userId })
        .orIgnore()
        .execute();
      await em.getRepository(JudgeAssignment).delete({ contestId, judgeId, entryId });
      await this.audit.record(em, actor, {
        contestId,
        action: kind === 'recusal' ? 'judging.recuse' : 'judging.conflict',
        entityType: 'judge_conflict',
        entityId: `${judgeId}:${entryId}`,
        after: { judgeId, entryId, kind },
        reason,
      });
      return { judgeId, entryId, kind, reason };
    });
  }

  private async people(em: EntityManager, contestId: string) {
    const judges = await em
      .getRepository(ContestMember)
      .find({ where: { contestId, role: 'judge' } });
    const entries = await em
      .getRepository(Entry)
      .find({ where: { contestId, status: In(JUDGEABLE) } });
    return { judges, entries };
  }

  /** Judge × entry pairs that must not be assigned: same unit, declared conflicts, recusals. */
  private async blockedPairs(
    em: EntityManager,
    contestId: string,
    judges: ContestMember[],
    entries: Entry[],
  ): Promise<Set<string>> {
    const teams = await em.getRepository(Team).find({ where: { contestId } });
    const unitOfTeam = new Map(teams.map((t) => [t.id, t.unitId]));
    const conflicts = await em.getRepository(JudgeConflict).find({ where: { contestId } });
    const blocked = new Set<string>();
    for (const j of judges) {
      for (const e of entries) {
        const sameUnit = j.unitId !== null && j.unitId === unitOfTeam.get(e.teamId);
        const declared = conflicts.some((c) => c.judgeId === j.userId && c.entryId === e.id);
        if (sameUnit || declared) blocked.add(`${j.userId}|${e.id}`);
      }
    }
    return blocked;
  }
}
