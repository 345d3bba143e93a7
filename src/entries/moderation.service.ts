import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import { Paged, paginate } from '../common/paging';
import { ContestsService } from '../contests/contests.service';
import { EntriesService, EntryView } from './entries.service';
import { EntryReview } from './entry-review.entity';
import { assertModerationOpen, AWAITING_REVIEW } from './entry-rules';
import {
  type Checklist,
  type ChecklistProblem,
  checklistFor,
  problemsOf,
  sameFileIndex,
} from './checklist';
import type { ModerationQueryDto } from './moderation-query.dto';
import { ENTRY_STATUSES, Entry, EntryStatus } from './entry.entity';

export interface ModerationItem extends EntryView {
  checklist: Checklist;
  /** The checklist's problems as filter keys (video, outline, info, …); empty when all pass. */
  problems: ChecklistProblem[];
}

/**
 * Moderation (kiểm duyệt): the queue with each entry's checklist, approve or return with
 * reasons (recorded as a review), and the organisers' duplicate flag.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The moderation list: by default the queue (entries awaiting review, oldest submission
   * first), or the entries of one status or all of them; filtered by a checklist problem and
   * searched by team number, team name and model name; one page of it.
   */
  async moderationList(
    contestId: string,
    query: ModerationQueryDto,
  ): Promise<Paged<ModerationItem[]>> {
    const contest = await this.contests.get(contestId);
    const all = await this.entries.views(
      await this.dataSource.getRepository(Entry).find({ where: { contestId } }),
    );
    const statuses = statusesOf(query.status ?? 'awaiting');
    const index = sameFileIndex(all);
    const items = all
      .filter((v) => statuses.includes(v.status))
      .map((v): ModerationItem => {
        const checklist = checklistFor(v, index, contest);
        return { ...v, checklist, problems: problemsOf(checklist) };
      })
      .filter((item) => hasProblem(item.problems, query.problem))
      .sort(bySubmission);
    return paginate(items, query, (i) => [i.teamNumber, i.teamName, i.name, i.category]);
  }

  async approve(
    actor: Actor,
    contestId: string,
    entryId: string,
    note?: string,
    version?: number,
  ): Promise<EntryView> {
    return this.review(actor, contestId, entryId, 'approve', note ? [note] : [], version);
  }

  async returnEntry(
    actor: Actor,
    contestId: string,
    entryId: string,
    reasons: string[],
    version?: number,
  ): Promise<EntryView> {
    return this.review(actor, contestId, entryId, 'return', reasons, version);
  }

  private async review(
    actor: Actor,
    contestId: string,
    entryId: string,
    decision: 'approve' | 'return',
    reasons: string[],
    /** the version the organiser reviewed, when the request says */
    version: number | undefined,
  ): Promise<EntryView> {
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertModerationOpen(contest.status);
      const entry = await this.entries.lockEntry(em, contestId, entryId);
      if (!AWAITING_REVIEW.includes(entry.status)) {
        throw DomainError.conflict(
          'ENTRY_NOT_AWAITING_REVIEW',
          'Sản phẩm không ở trạng thái chờ kiểm duyệt.',
          'status',
          {
            currentStatus: entry.status,
          },
        );
      }
      const view = (await this.entries.views([entry], em))[0]!;
      if (version !== undefined && version !== entry.version)
        throw DomainError.conflict(
          'ENTRY_CHANGED',
          'Đội thi đã thay đổi sản phẩm sau khi bạn mở trang này; hãy xem lại sản phẩm trước khi quyết định.',
          'version',
          { current: view },
        );
      const all = await this.entries.views(
        await em.getRepository(Entry).find({ where: { contestId } }),
        em,
      );
      const checklist = checklistFor(view, sameFileIndex(all), contest);
      if (
        decision === 'approve' &&
        (!checklist.videoReady || !checklist.outlineReady || !checklist.infoComplete)
      ) {
        throw DomainError.conflict(
          'ENTRY_INCOMPLETE',
          'Không thể duyệt sản phẩm còn thiếu thông tin hoặc tệp.',
        );
      }
      const from = entry.status;
      entry.status = decision === 'approve' ? 'approved' : 'returned';
      entry.returnReasons = decision === 'return' ? reasons : [];
      const saved = await em.getRepository(Entry).save(entry);
      await em.insert(EntryReview, {
        entryId,
        decision,
        reasons,
        checklist,
        reviewerId: actor.userId,
      });
      await this.audit.record(em, actor, {
        contestId,
        action: decision === 'approve' ? 'entry.approve' : 'entry.return',
        entityType: 'entry',
        entityId: entryId,
        before: { status: from },
        after: { status: saved.status, reasons },
      });
      await enqueue(em, { type: 'entry.reviewed', contestId, entryId }); // notifications (issue 25)
      return saved;
    });
    return (await this.entries.views([entry]))[0]!;
  }

  async reviews(contestId: string, entryId: string): Promise<EntryReview[]> {
    await this.entries.getEntry(contestId, entryId);
    return this.dataSource
      .getRepository(EntryReview)
      .find({ where: { entryId }, order: { createdAt: 'ASC' } });
  }

  async flagDuplicate(
    actor: Actor,
    contestId: string,
    entryId: string,
    reason: string | null,
  ): Promise<EntryView> {
    const entry = await this.dataSource.transaction(async (em) => {
      const entry = await this.entries.lockEntry(em, contestId, entryId);
      const before = entry.duplicateFlag;
      entry.duplicateFlag = reason;
      const saved = await em.getRepository(Entry).save(entry);
      await this.audit.record(em, actor, {
        contestId,
        action: 'entry.flag_duplicate',
        entityType: 'entry',
        entityId: entryId,
        before: { duplicateFlag: before },
        after: { duplicateFlag: reason },
      });
      return saved;
    });
    return (await this.entries.views([entry]))[0]!;
  }
}

function statusesOf(filter: NonNullable<ModerationQueryDto['status']>): EntryStatus[] {
  if (filter === 'awaiting') return AWAITING_REVIEW;
  if (filter === 'all') return [...ENTRY_STATUSES];
  return [filter];
}

function hasProblem(problems: ChecklistProblem[], filter: ModerationQueryDto['problem']) {
  if (!filter) return true;
  if (filter === 'any') return problems.length > 0;
  if (filter === 'none') return problems.length === 0;
  return problems.includes(filter);
}

/** Oldest submission first (the queue's order); never submitted last, by team number. */
function bySubmission(a: EntryView, b: EntryView): number {
  const at = (v: EntryView) => (v.submittedAt ? new Date(v.submittedAt).getTime() : Infinity);
  return at(a) - at(b) || a.teamNumber - b.teamNumber;
}
