import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import { CONTEST_STATUSES, ContestStatus } from '../contests/contest-status';
import { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { publicFileName } from '../uploads/public-file-name';
import { EntriesService, EntryView, FileSummary } from './entries.service';
import { isPostOfPage, postIdentity } from './post-address';
import { Entry } from './entry.entity';

/** From publication on, a contest and its published entries are public. */
const PUBLIC_STATUSES: ContestStatus[] = CONTEST_STATUSES.slice(
  CONTEST_STATUSES.indexOf('published'),
);

/**
 * Publication (đăng tải đồng loạt): each approved entry's fanpage post address, every approved
 * entry published at one instant, and what citizens see of the published entries.
 */
@Injectable()
export class PublicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  async setPostUrl(
    actor: Actor,
    contestId: string,
    entryId: string,
    postUrl: string,
  ): Promise<EntryView> {
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await this.entries.lockEntry(em, contestId, entryId);
      if (entry.status !== 'approved') {
        throw DomainError.conflict(
          'ENTRY_NOT_APPROVED',
          'Chỉ nhập địa chỉ bài đăng cho sản phẩm đã duyệt.',
          'status',
        );
      }
      if (!contest.fanpageUrl) {
        throw DomainError.conflict(
          'FANPAGE_NOT_SET',
          'Hội thi chưa có địa chỉ fanpage.',
          'fanpageUrl',
        );
      }
      if (!isPostOfPage(postUrl, contest.fanpageUrl)) {
        throw DomainError.invalid(
          'POST_NOT_ON_FANPAGE',
          `Địa chỉ bài đăng phải thuộc fanpage ${contest.fanpageUrl}.`,
          'postUrl',
        );
      }
      // the same post written another way (m. or www., a post id, tracking parameters) is taken too
      const others = await em.getRepository(Entry).find({
        select: { postUrl: true },
        where: { contestId, postUrl: Not(IsNull()), id: Not(entryId) },
      });
      const post = postIdentity(postUrl);
      if (others.some((other) => postIdentity(other.postUrl!) === post))
        throw DomainError.conflict(
          'POST_URL_TAKEN',
          'Địa chỉ bài đăng đã gán cho sản phẩm khác.',
          'postUrl',
        );
      const before = entry.postUrl;
      entry.postUrl = postUrl;
      const saved = await em.getRepository(Entry).save(entry);
      await this.audit.record(em, actor, {
        contestId,
        action: 'entry.set_post_url',
        entityType: 'entry',
        entityId: entryId,
        before: { postUrl: before },
        after: { postUrl },
      });
      return saved;
    });
    return (await this.entries.views([entry]))[0]!;
  }

  /**
   * "Đăng tải đồng loạt": every approved entry is published at one common instant, and the
   * contest moves to `published`. Refused while an approved entry lacks its post address.
   * Entries not approved stay unpublished. One audit row per entry plus one for the contest.
   */
  async publishAll(actor: Actor, contestId: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      if (contest.status !== 'moderation') {
        throw DomainError.conflict(
          'CONTEST_NOT_IN_MODERATION',
          'Chỉ đăng tải đồng loạt khi hội thi đang ở bước kiểm duyệt.',
          'status',
          {
            currentStatus: contest.status,
          },
        );
      }
      const approved = await em
        .getRepository(Entry)
        .find({ where: { contestId, status: 'approved' } });
      if (!approved.length)
        throw DomainError.conflict('NOTHING_TO_PUBLISH', 'Chưa có sản phẩm nào được duyệt.');
      const missing = approved.filter((e) => !e.postUrl);
      if (missing.length) {
        throw new DomainError(
          'conflict',
          'POST_URL_MISSING',
          `Còn ${missing.length} sản phẩm đã duyệt chưa có địa chỉ bài đăng trên fanpage.`,
          missing.map((e) => ({
            field: `entries.${e.id}.postUrl`,
            code: 'POST_URL_MISSING',
            message: 'Thiếu địa chỉ bài đăng.',
          })),
        );
      }
      const publishedAt = new Date();
      for (const entry of approved) {
        entry.status = 'published';
        entry.publishedAt = publishedAt;
        await em.getRepository(Entry).save(entry);
        await this.audit.record(em, actor, {
          contestId,
          action: 'entry.publish',
          entityType: 'entry',
          entityId: entry.id,
          before: { status: 'approved' },
          after: { status: 'published', publishedAt, postUrl: entry.postUrl },
        });
      }
      await this.contests.moveTo(em, actor, contest, 'published', {
        details: { publishedAt, entries: approved.length },
      });
      await enqueue(em, { type: 'entry.published', contestId }); // notifications (issue 25)
      return { publishedAt, published: approved.length };
    });
  }

  /** Published entries of a contest, for the public page. */
  async publicContests() {
    const rows: { slug: string; name: string; status: ContestStatus }[] =
      await this.dataSource.query(
        `SELECT slug, name, status FROM contests WHERE status = ANY($1) ORDER BY created_at DESC`,
        [PUBLIC_STATUSES],
      );
    return rows;
  }

  async listPublished(slug: string) {
    const contest = await this.dataSource.getRepository(Contest).findOneBy({ slug });
    // A draft is the organisers' work in progress: citizens learn of a contest once it opens.
    if (!contest || contest.status === 'draft')
      throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    const entries = await this.dataSource
      .getRepository(Entry)
      .find({ where: { contestId: contest.id, status: 'published' } });
    const views = await this.entries.views(entries);
    return {
      contest: {
        id: contest.id,
        slug,
        name: contest.name,
        fanpageUrl: contest.fanpageUrl,
        status: contest.status,
        finalAt: contest.finalAt,
        finalVenue: contest.finalVenue,
      },
      entries: views.map((v) => ({
        id: v.id,
        teamNumber: v.teamNumber,
        teamName: v.teamName,
        name: v.name,
        context: v.context,
        implementation: v.implementation,
        benefits: v.benefits,
        category: v.category,
        postUrl: v.postUrl,
        publishedAt: v.publishedAt,
        video: v.video && publicFile(v.video, 'video'),
        outline: v.outline && publicFile(v.outline, 'outline'),
      })),
    };
  }
}

/** A published file as citizens see it: no name from the team's computer, no checksum. */
function publicFile(file: FileSummary, kind: 'video' | 'outline') {
  return {
    id: file.id,
    fileName: publicFileName({ id: file.id, kind, detectedType: file.detectedType }),
    size: file.size,
    mime: file.mime,
    durationSeconds: file.durationSeconds,
  };
}
