import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { Entry } from '../entries/entry.entity';
import { InteractionExclusion } from './interaction-exclusion.entity';
import { unknownEntry } from './interaction-queries';
import type { ExclusionDto } from './interactions.dto';

/** Invalid interactions excluded from an entry's counts with a reason, and withdrawn. */
@Injectable()
export class ExclusionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
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
