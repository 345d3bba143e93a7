import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { EntriesService, EntryView } from './entries.service';
import { EntryReview } from './entry-review.entity';
import { AWAITING_REVIEW } from './entry-rules';
import { Entry, EntryStatus } from './entry.entity';

export interface ModerationItem extends EntryView {
  checklist: {
    videoReady: boolean;
    outlineReady: boolean;
    infoComplete: boolean;
    missing: string[];
    originalityDeclared: boolean;
    /** null when the duration is unknown (no ffprobe) or the rules set no limits */
    withinLength: boolean | null;
    duplicateFlag: string | null;
    /** Other entries holding a byte-identical file (same SHA-256). */
    sameFileAs: { entryId: string; teamNumber: number; kind: 'video' | 'outline' }[];
  };
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

  async moderationQueue(contestId: string): Promise<ModerationItem[]> {
    const contest = await this.contests.get(contestId);
    const entries = await this.dataSource.getRepository(Entry).find({
      where: { contestId, status: In<EntryStatus>(AWAITING_REVIEW) },
      order: { submittedAt: 'ASC' },
    });
    const views = await this.entries.views(entries);
    const all = await this.entries.views(
      await this.dataSource.getRepository(Entry).find({ where: { contestId } }),
    );
    return views.map((v) => ({ ...v, checklist: checklistFor(v, all, contest) }));
  }

  async approve(
    actor: Actor,
    contestId: string,
    entryId: string,
    note?: string,
  ): Promise<EntryView> {
    return this.review(actor, contestId, entryId, 'approve', note ? [note] : []);
  }

  async returnEntry(
    actor: Actor,
    contestId: string,
    entryId: string,
    reasons: string[],
  ): Promise<EntryView> {
    return this.review(actor, contestId, entryId, 'return', reasons);
  }

  private async review(
    actor: Actor,
    contestId: string,
    entryId: string,
    decision: 'approve' | 'return',
    reasons: string[],
  ): Promise<EntryView> {
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
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
      const all = await this.entries.views(
        await em.getRepository(Entry).find({ where: { contestId } }),
        em,
      );
      const checklist = checklistFor(view, all, contest);
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

function checklistFor(
  v: EntryView,
  all: EntryView[],
  contest: Contest,
): ModerationItem['checklist'] {
  const missing = ['name', 'context', 'implementation', 'benefits'].filter(
    (f) => !String(v[f as keyof EntryView] ?? '').trim(),
  );
  const { minSeconds, maxSeconds } = contest.rules.video;
  const duration = v.video?.durationSeconds ?? null;
  const withinLength =
    duration === null || (minSeconds === null && maxSeconds === null)
      ? null
      : (minSeconds === null || duration >= minSeconds) &&
        (maxSeconds === null || duration <= maxSeconds);
  const sameFileAs: ModerationItem['checklist']['sameFileAs'] = [];
  for (const other of all) {
    if (other.id === v.id) continue;
    for (const kind of ['video', 'outline'] as const) {
      const mine = v[kind]?.sha256;
      if (mine && (other.video?.sha256 === mine || other.outline?.sha256 === mine)) {
        sameFileAs.push({ entryId: other.id, teamNumber: other.teamNumber, kind });
      }
    }
  }
  return {
    videoReady: v.video !== null,
    outlineReady: v.outline !== null,
    infoComplete: missing.length === 0,
    missing,
    originalityDeclared: v.originalityDeclaredAt !== null,
    withinLength,
    duplicateFlag: v.duplicateFlag,
    sameFileAs,
  };
}
