import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { Entry } from '../entries/entry.entity';
import { TeamMember } from '../teams/team-member.entity';
import { assertFinal } from './final-phase';
import { FinalState } from './final-state.entity';
import { Nomination } from './nomination.entity';

/** The judges' nominations for the side prizes (individual and collective) of the final. */
@Injectable()
export class NominationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

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
}
