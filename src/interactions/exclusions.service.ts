import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { Entry } from '../entries/entry.entity';
import { InteractionExclusion } from './interaction-exclusion.entity';
import { type Counts, NO_COUNTS, sumExclusions } from './counts';
import { unknownEntry } from './interaction-queries';
import type { ExclusionDto } from './interactions.dto';
import { InteractionStandingsService } from './standings.service';

/** Invalid interactions excluded from an entry's counts with a reason, and withdrawn. */
@Injectable()
export class ExclusionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
    private readonly standings: InteractionStandingsService,
  ) {}

  async exclude(actor: Actor, contestId: string, input: ExclusionDto) {
    const { entryId, reason } = input;
    const amounts = {
      reactions: input.reactions ?? 0,
      shares: input.shares ?? 0,
      comments: input.comments ?? 0,
    };
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const published = { id: entryId, contestId, status: 'published' as const };
      if (!(await em.getRepository(Entry).existsBy(published))) throw unknownEntry('entryId');
      if (amounts.reactions + amounts.shares + amounts.comments === 0)
        throw DomainError.invalid('NOTHING_EXCLUDED', 'Cần nêu số lượt bị loại trừ.', 'reactions');
      await this.assertWithinCounts(em, contestId, entryId, amounts);
      const exclusions = em.getRepository(InteractionExclusion);
      const row = await exclusions.save(
        exclusions.create({ contestId, entryId, ...amounts, reason, createdBy: actor.userId }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'interactions.exclude',
        entityType: 'interaction_exclusion',
        entityId: row.id,
        after: { entryId, ...amounts },
        reason,
      });
      return row;
    });
  }

  /**
   * The points are computed from the official snapshot's counts minus the active exclusions:
   * excluding more than was counted there would leave the entry's points uncomputable (the
   * standings and the results would fail until the exclusion is withdrawn), so it is refused.
   */
  private async assertWithinCounts(
    em: EntityManager,
    contestId: string,
    entryId: string,
    amounts: Counts,
  ) {
    const { counts, exclusions } = await this.standings.officialInputs(contestId, em);
    const counted = counts.find((c) => c.entryId === entryId) ?? NO_COUNTS;
    const excluded =
      sumExclusions(exclusions.filter((x) => x.entryId === entryId)).get(entryId) ?? NO_COUNTS;
    for (const kind of ['reactions', 'shares', 'comments'] as const) {
      const left = counted[kind] - excluded[kind];
      if (amounts[kind] > left)
        throw DomainError.invalid(
          'EXCLUSION_TOO_LARGE',
          `Số lượt loại trừ (${amounts[kind]}) lớn hơn số lượt còn được tính trong số liệu chính thức (${left}).`,
          kind,
        );
    }
  }

  async withdrawExclusion(actor: Actor, contestId: string, exclusionId: string, reason: string) {
    return this.dataSource.transaction(async (em) => {
      const exclusions = em.getRepository(InteractionExclusion);
      const row = await exclusions.findOne({
        where: { id: exclusionId, contestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw DomainError.notFound('EXCLUSION', 'Không tìm thấy quyết định loại trừ.');
      if (row.withdrawnAt)
        throw DomainError.conflict(
          'ALREADY_WITHDRAWN',
          'Quyết định loại trừ đã được hủy trước đó.',
        );
      row.withdrawnAt = new Date();
      await exclusions.save(row);
      await this.audit.record(em, actor, {
        contestId,
        action: 'interactions.withdraw_exclusion',
        entityType: 'interaction_exclusion',
        entityId: row.id,
        before: { withdrawnAt: null },
        after: { withdrawnAt: row.withdrawnAt },
        reason,
      });
      return row;
    });
  }
}
