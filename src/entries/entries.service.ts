import { publicFileName } from '../uploads/public-file-name';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isOrganiserOf, membershipIn, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { CONTEST_STATUSES, ContestStatus } from '../contests/contest-status';
import { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { Team } from '../teams/team.entity';
import { Upload } from '../uploads/upload.entity';
import { SaveEntryDto } from './entries.dto';
import { EntryReview } from './entry-review.entity';
import {
  AWAITING_REVIEW,
  FIELD_LABELS,
  isPostOfPage,
  missingFields,
  TEAM_EDITABLE,
  TEAM_PHASES,
} from './entry-rules';
import { Entry, EntryStatus } from './entry.entity';
import { enqueue } from '../notifications/events';

export interface FileSummary {
  id: string;
  originalName: string;
  size: number;
  mime: string | null;
  detectedType: string | null;
  sha256: string | null;
  durationSeconds: number | null;
}

export interface EntryView extends Omit<
  Entry,
  'videoUpload' | 'outlineUpload' | 'contest' | 'team'
> {
  teamNumber: number;
  teamName: string;
  video: FileSummary | null;
  outline: FileSummary | null;
}

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

/** From publication on, a contest and its published entries are public. */
const PUBLIC_STATUSES: ContestStatus[] = CONTEST_STATUSES.slice(
  CONTEST_STATUSES.indexOf('published'),
);

@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  // ---- team side --------------------------------------------------------------------------

  async getMine(actor: Actor, contestId: string): Promise<EntryView> {
    const teamId = ownTeamOf(actor, contestId);
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ contestId, teamId });
    if (!entry) throw DomainError.notFound('ENTRY', 'Đội chưa tạo sản phẩm dự thi.');
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
  }

  /** Creates the team's draft on first save; afterwards edits it while it is editable. */
  async saveMine(actor: Actor, contestId: string, input: SaveEntryDto): Promise<EntryView> {
    const teamId = ownTeamOf(actor, contestId);
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const existing = await em.getRepository(Entry).findOneBy({ contestId, teamId });
      const entry =
        existing ?? em.getRepository(Entry).create({ contestId, teamId, status: 'draft' });
      if (!existing) await this.assertTeamActive(em, contestId, teamId);
      assertTeamCanEdit(contest, entry);
      const before = existing ? entryFields(existing) : undefined;
      applyFields(entry, input);
      const saved = await em.getRepository(Entry).save(entry);
      await this.audit.record(em, actor, {
        contestId,
        action: existing ? 'entry.update' : 'entry.create',
        entityType: 'entry',
        entityId: saved.id,
        before,
        after: entryFields(saved),
      });
      return saved;
    });
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
  }

  async submitMine(actor: Actor, contestId: string): Promise<EntryView> {
    const teamId = ownTeamOf(actor, contestId);
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await em.getRepository(Entry).findOneBy({ contestId, teamId });
      if (!entry) throw DomainError.notFound('ENTRY', 'Đội chưa tạo sản phẩm dự thi.');
      assertTeamCanEdit(contest, entry);
      const missing = missingFields(entry);
      if (missing.length) {
        throw new DomainError(
          'invalid',
          'ENTRY_INCOMPLETE',
          `Sản phẩm dự thi còn thiếu: ${missing.map((f) => FIELD_LABELS[f]).join(', ')}.`,
          missing.map((field) => ({
            field,
            code: 'REQUIRED',
            message: `Thiếu ${FIELD_LABELS[field]}.`,
          })),
        );
      }
      const from = entry.status;
      entry.status = from === 'returned' ? 'resubmitted' : 'submitted';
      entry.submittedAt = new Date();
      const saved = await em.getRepository(Entry).save(entry);
      await this.audit.record(em, actor, {
        contestId,
        action: 'entry.submit',
        entityType: 'entry',
        entityId: entry.id,
        before: { status: from },
        after: { status: saved.status },
      });
      return saved;
    });
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
  }

  /** The team's entry row, created as an empty draft when missing (used by uploads too). */
  async ensureEntry(
    em: EntityManager,
    actor: Actor,
    contest: Contest,
    teamId: string,
  ): Promise<Entry> {
    const existing = await em.getRepository(Entry).findOneBy({ contestId: contest.id, teamId });
    if (existing) return existing;
    await this.assertTeamActive(em, contest.id, teamId);
    const entry = await em
      .getRepository(Entry)
      .save(em.getRepository(Entry).create({ contestId: contest.id, teamId }));
    await this.audit.record(em, actor, {
      contestId: contest.id,
      action: 'entry.create',
      entityType: 'entry',
      entityId: entry.id,
      after: entryFields(entry),
    });
    return entry;
  }

  private async assertTeamActive(em: EntityManager, contestId: string, teamId: string) {
    const team = await em.getRepository(Team).findOneBy({ id: teamId, contestId });
    if (!team || team.status !== 'active')
      throw DomainError.forbidden('TEAM_INACTIVE', 'Đội thi không còn tham gia.');
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Organisers see every entry; judges approved and published ones; a team only its own. */
  async list(actor: Actor, contestId: string): Promise<EntryView[]> {
    await this.contests.get(contestId);
    const role = actor.isAdmin ? 'organiser' : membershipIn(actor, contestId)?.role;
    const where =
      role === 'organiser'
        ? { contestId }
        : role === 'judge'
          ? { contestId, status: In<EntryStatus>(['approved', 'published']) }
          : { contestId, teamId: ownTeamOf(actor, contestId) };
    const entries = await this.dataSource.getRepository(Entry).find({ where });
    return this.viewsFor(actor, contestId, entries);
  }

  async get(actor: Actor, contestId: string, entryId: string): Promise<EntryView> {
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ id: entryId, contestId });
    if (!entry || !canSee(actor, contestId, entry))
      throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
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
    if (!contest) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    const entries = await this.dataSource
      .getRepository(Entry)
      .find({ where: { contestId: contest.id, status: 'published' } });
    const views = await this.views(entries);
    return {
      contest: {
        id: contest.id,
        slug,
        name: contest.name,
        fanpageUrl: contest.fanpageUrl,
        status: contest.status,
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

  // ---- moderation and publication -----------------------------------------------------------

  async moderationQueue(contestId: string): Promise<ModerationItem[]> {
    const contest = await this.contests.get(contestId);
    const entries = await this.dataSource.getRepository(Entry).find({
      where: { contestId, status: In<EntryStatus>(AWAITING_REVIEW) },
      order: { submittedAt: 'ASC' },
    });
    const views = await this.views(entries);
    const all = await this.views(
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
      const entry = await this.lockEntry(em, contestId, entryId);
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
      const view = (await this.views([entry], em))[0]!;
      const all = await this.views(
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
    return (await this.views([entry]))[0]!;
  }

  async reviews(contestId: string, entryId: string): Promise<EntryReview[]> {
    await this.getEntry(contestId, entryId);
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
      const entry = await this.lockEntry(em, contestId, entryId);
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
    return (await this.views([entry]))[0]!;
  }

  async setPostUrl(
    actor: Actor,
    contestId: string,
    entryId: string,
    postUrl: string,
  ): Promise<EntryView> {
    const entry = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await this.lockEntry(em, contestId, entryId);
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
      const taken = await em
        .getRepository(Entry)
        .existsBy({ contestId, postUrl, id: Not(entryId) });
      if (taken)
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
    return (await this.views([entry]))[0]!;
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

  // ---- helpers ------------------------------------------------------------------------------

  private async getEntry(contestId: string, entryId: string): Promise<Entry> {
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ id: entryId, contestId });
    if (!entry) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return entry;
  }

  private async lockEntry(em: EntityManager, contestId: string, entryId: string): Promise<Entry> {
    const entry = await em
      .getRepository(Entry)
      .findOne({ where: { id: entryId, contestId }, lock: { mode: 'pessimistic_write' } });
    if (!entry) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return entry;
  }

  /**
   * Views for whoever asks: the organisers' duplicate suspicion is an internal note, so a
   * team or a judge (whose marks it could sway) gets null there.
   */
  private async viewsFor(actor: Actor, contestId: string, entries: Entry[]): Promise<EntryView[]> {
    const views = await this.views(entries);
    return isOrganiserOf(actor, contestId)
      ? views
      : views.map((v) => ({ ...v, duplicateFlag: null }));
  }

  async views(entries: Entry[], manager?: EntityManager): Promise<EntryView[]> {
    if (!entries.length) return [];
    const em = manager ?? this.dataSource.manager;
    const uploadIds = entries
      .flatMap((e) => [e.videoUploadId, e.outlineUploadId])
      .filter((x): x is string => !!x);
    const [teams, uploads] = await Promise.all([
      em.getRepository(Team).find({ where: { id: In(entries.map((e) => e.teamId)) } }),
      uploadIds.length
        ? em.getRepository(Upload).find({ where: { id: In(uploadIds) } })
        : Promise.resolve([]),
    ]);
    const uploadOf = new Map(uploads.map((u) => [u.id, u]));
    const teamOf = new Map(teams.map((t) => [t.id, t]));
    const file = (id: string | null): FileSummary | null => {
      const u = id ? uploadOf.get(id) : undefined;
      return u
        ? {
            id: u.id,
            originalName: u.originalName,
            size: Number(u.size),
            mime: u.mime,
            detectedType: u.detectedType,
            sha256: u.sha256,
            durationSeconds: u.durationSeconds === null ? null : Number(u.durationSeconds),
          }
        : null;
    };
    return entries
      .map((e) => {
        const team = teamOf.get(e.teamId);
        const { videoUpload: _v, outlineUpload: _o, contest: _c, team: _t, ...rest } = e;
        return {
          ...rest,
          teamNumber: team?.number ?? 0,
          teamName: team?.name ?? '',
          video: file(e.videoUploadId),
          outline: file(e.outlineUploadId),
        };
      })
      .sort((a, b) => a.teamNumber - b.teamNumber);
  }
}

function canSee(actor: Actor, contestId: string, entry: Entry): boolean {
  if (isOrganiserOf(actor, contestId)) return true;
  const m = membershipIn(actor, contestId);
  if (m?.role === 'judge') return entry.status === 'approved' || entry.status === 'published';
  return m?.role === 'team' && m.teamId === entry.teamId;
}

export function assertTeamCanEdit(contest: Contest, entry: Entry): void {
  if (!TEAM_PHASES.includes(contest.status)) {
    throw DomainError.conflict(
      'SUBMISSION_CLOSED',
      'Hội thi không ở giai đoạn nhận sản phẩm dự thi.',
      'status',
      {
        contestStatus: contest.status,
      },
    );
  }
  const deadline = contest.rules.dates.submissionDeadline;
  if (deadline && Date.now() > new Date(deadline).getTime()) {
    throw DomainError.conflict(
      'DEADLINE_PASSED',
      'Đã hết hạn nộp sản phẩm dự thi.',
      'submissionDeadline',
    );
  }
  if (!TEAM_EDITABLE.includes(entry.status)) {
    throw DomainError.conflict(
      'ENTRY_LOCKED',
      'Sản phẩm đã nộp; chỉ sửa được khi còn là bản nháp hoặc bị trả lại.',
      'status',
      { currentStatus: entry.status },
    );
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

function applyFields(entry: Entry, input: SaveEntryDto) {
  if (input.name !== undefined) entry.name = input.name.trim();
  if (input.context !== undefined) entry.context = input.context;
  if (input.implementation !== undefined) entry.implementation = input.implementation;
  if (input.benefits !== undefined) entry.benefits = input.benefits;
  if (input.category !== undefined) entry.category = input.category.trim();
  if (input.originalityDeclared !== undefined) {
    entry.originalityDeclaredAt = input.originalityDeclared
      ? (entry.originalityDeclaredAt ?? new Date())
      : null;
  }
}

function entryFields(e: Entry) {
  return {
    status: e.status,
    name: e.name,
    context: e.context,
    implementation: e.implementation,
    benefits: e.benefits,
    category: e.category,
    originalityDeclaredAt: e.originalityDeclaredAt,
  };
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
