import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { Team } from '../teams/team.entity';
import { SaveEntryDto } from './entries.dto';
import { EntriesService, EntryView } from './entries.service';
import { FIELD_LABELS, missingFields, TEAM_EDITABLE, TEAM_PHASES } from './entry-rules';
import { Entry } from './entry.entity';

/**
 * The team's side of its entry: a draft created on the first save (or by its first upload),
 * edited while the contest takes entries, then submitted for moderation.
 */
@Injectable()
export class TeamEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  async getMine(actor: Actor, contestId: string): Promise<EntryView> {
    const teamId = ownTeamOf(actor, contestId);
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ contestId, teamId });
    if (!entry) throw DomainError.notFound('ENTRY', 'Đội chưa tạo sản phẩm dự thi.');
    return (await this.entries.viewsFor(actor, contestId, [entry]))[0]!;
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
    return (await this.entries.viewsFor(actor, contestId, [entry]))[0]!;
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
    return (await this.entries.viewsFor(actor, contestId, [entry]))[0]!;
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
