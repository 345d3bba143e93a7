import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { enqueue } from '../notifications/events';
import { bulkBlockers, checklistFor, sameFileIndex } from './checklist';
import { EntriesService } from './entries.service';
import { EntryReview } from './entry-review.entity';
import { assertModerationOpen } from './entry-rules';
import { Entry } from './entry.entity';

export interface BulkApproveResult {
  approved: { entryId: string; teamNumber: number; teamName: string }[];
  blocked: { entryId: string; teamNumber: number; teamName: string; reasons: string[] }[];
}

/**
 * Approving many entries at once. Each selected entry is checked against the whole checklist;
 * those that pass are approved, those that fail are left as they are and reported with the
 * reasons. The blocked ones do not stop the others: at 400 entries a batch would otherwise
 * never go through, and each blocked entry needs its own look anyway. All of it is one
 * transaction (every approval with its review and audit row, or none of them).
 */
@Injectable()
export class BulkModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  async approveMany(
    actor: Actor,
    contestId: string,
    entryIds: string[],
    note?: string,
  ): Promise<BulkApproveResult> {
    const ids = [...new Set(entryIds)].sort();
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertModerationOpen(contest.status);
      // Locked in id order, so two overlapping batches cannot deadlock.
      const locked = await em.getRepository(Entry).find({
        where: { contestId, id: In(ids) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const unknown = ids.filter((id) => !locked.some((e) => e.id === id));
      if (unknown.length) {
        throw new DomainError(
          'not_found',
          'ENTRY_NOT_FOUND',
          `Không tìm thấy ${unknown.length} sản phẩm đã chọn trong hội thi này.`,
          unknown.map((id) => ({
            field: `entryIds[${entryIds.indexOf(id)}]`,
            code: 'ENTRY_NOT_FOUND',
            message: 'Không tìm thấy sản phẩm dự thi.',
          })),
        );
      }
      const all = await this.entries.views(
        await em.getRepository(Entry).find({ where: { contestId } }),
        em,
      );
      const index = sameFileIndex(all);
      const viewOf = new Map(all.map((v) => [v.id, v]));
      const result: BulkApproveResult = { approved: [], blocked: [] };
      const reasons = note ? [note] : [];
      for (const entry of locked) {
        const view = viewOf.get(entry.id)!;
        const who = { entryId: entry.id, teamNumber: view.teamNumber, teamName: view.teamName };
        const checklist = checklistFor(view, index, contest);
        const blockers = bulkBlockers(entry.status, checklist);
        if (blockers.length) {
          result.blocked.push({ ...who, reasons: blockers });
          continue;
        }
        const from = entry.status;
        entry.status = 'approved';
        entry.returnReasons = [];
        await em.getRepository(Entry).save(entry);
        await em.insert(EntryReview, {
          entryId: entry.id,
          decision: 'approve',
          reasons,
          checklist,
          reviewerId: actor.userId,
        });
        await this.audit.record(em, actor, {
          contestId,
          action: 'entry.approve',
          entityType: 'entry',
          entityId: entry.id,
          before: { status: from },
          after: { status: 'approved', reasons, bulk: true },
        });
        await enqueue(em, { type: 'entry.reviewed', contestId, entryId: entry.id });
        result.approved.push(who);
      }
      const byTeam = (a: { teamNumber: number }, b: { teamNumber: number }) =>
        a.teamNumber - b.teamNumber;
      result.approved.sort(byTeam);
      result.blocked.sort(byTeam);
      return result;
    });
  }
}
