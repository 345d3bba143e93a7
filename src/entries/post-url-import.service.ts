import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { EntriesService } from './entries.service';
import { Entry } from './entry.entity';
import { planPostUrls, type PostUrlPlan } from './post-url-rows';

/**
 * Fanpage post addresses for many entries at once, from a small CSV file or lines pasted in
 * the console: a preview (row-precise errors, what changes), then a commit that applies all
 * rows or none, one audit row per changed entry. Publication stays a separate single action.
 */
@Injectable()
export class PostUrlImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  async preview(contestId: string, text: string): Promise<PostUrlPlan & { committed: false }> {
    const contest = await this.contests.get(contestId);
    const plan = await this.plan(this.dataSource.manager, contest, text);
    return { ...plan, committed: false };
  }

  async commit(
    actor: Actor,
    contestId: string,
    text: string,
  ): Promise<PostUrlPlan & { committed: true }> {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const plan = await this.plan(em, contest, text);
      if (plan.errors.length) {
        throw new DomainError(
          'invalid',
          'POST_URL_ROWS_INVALID',
          `Tệp có ${plan.errors.length} dòng lỗi; chưa ghi địa chỉ nào. Sửa các dòng này rồi nhập lại.`,
          plan.errors.map((e) => ({
            field: `lines.${e.line}.${e.field}`,
            code: e.code,
            message: e.message,
          })),
        );
      }
      const changed = plan.rows.filter((r) => r.change !== 'same');
      const locked = await em.getRepository(Entry).find({
        where: { contestId, id: In(changed.map((r) => r.entryId)) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const entryOf = new Map(locked.map((e) => [e.id, e]));
      for (const row of changed) {
        const entry = entryOf.get(row.entryId)!;
        entry.postUrl = row.postUrl;
        await em.getRepository(Entry).save(entry);
        await this.audit.record(em, actor, {
          contestId,
          action: 'entry.set_post_url',
          entityType: 'entry',
          entityId: entry.id,
          before: { postUrl: row.previous },
          after: { postUrl: row.postUrl, source: 'import', line: row.line },
        });
      }
      return { ...plan, committed: true as const };
    });
  }

  private async plan(em: EntityManager, contest: Contest, text: string): Promise<PostUrlPlan> {
    if (!contest.fanpageUrl) {
      throw DomainError.conflict(
        'FANPAGE_NOT_SET',
        'Hội thi chưa có địa chỉ fanpage.',
        'fanpageUrl',
      );
    }
    const views = await this.entries.views(
      await em.getRepository(Entry).find({ where: { contestId: contest.id } }),
      em,
    );
    const targets = views.map((v) => ({
      entryId: v.id,
      teamNumber: v.teamNumber,
      teamName: v.teamName,
      status: v.status,
      postUrl: v.postUrl,
    }));
    return planPostUrls(text, contest.fanpageUrl, targets);
  }
}
