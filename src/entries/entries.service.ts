import { Injectable } from '@nestjs/common';
import { ownFileName } from '../uploads/public-file-name';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, isOrganiserOf, membershipIn, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { Team } from '../teams/team.entity';
import { Upload } from '../uploads/upload.entity';
import { Entry, EntryStatus } from './entry.entity';

export interface FileSummary {
  id: string;
  originalName: string;
  /** what to save it as: cleaned, with the sniffed type's extension */
  downloadName: string;
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

/**
 * Entries as each reader may see them (a team its own, judges approved and published ones,
 * organisers all), and the reads the entry use cases share: find, lock, and the view with
 * team and file details.
 */
@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

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
    let entries = await this.dataSource.getRepository(Entry).find({ where });
    if (role === 'judge' && (await this.judgesOnPanels(contestId))) {
      const mine = await this.assignedTo(actor.userId, contestId);
      entries = entries.filter((e) => mine.has(e.id));
    }
    return this.viewsFor(actor, contestId, entries);
  }

  async get(actor: Actor, contestId: string, entryId: string): Promise<EntryView> {
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ id: entryId, contestId });
    if (!entry || !canSee(actor, contestId, entry))
      throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    // With panels a judge sees only the entries of their panels (existence not revealed).
    if (
      !isOrganiserOf(actor, contestId) &&
      membershipIn(actor, contestId)?.role === 'judge' &&
      (await this.judgesOnPanels(contestId)) &&
      !(await this.assignedTo(actor.userId, contestId)).has(entry.id)
    )
      throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
  }

  /** The contest judges by panels (a committed plan): judges see only their entries. */
  private async judgesOnPanels(contestId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM judging_panel_plans WHERE contest_id = $1 AND status = 'committed'`,
      [contestId],
    );
    return rows.length > 0;
  }

  private async assignedTo(judgeId: string, contestId: string): Promise<Set<string>> {
    const rows: { entry_id: string }[] = await this.dataSource.query(
      `SELECT entry_id FROM judge_assignments WHERE contest_id = $1 AND judge_id = $2`,
      [contestId, judgeId],
    );
    return new Set(rows.map((r) => r.entry_id));
  }

  async getEntry(contestId: string, entryId: string): Promise<Entry> {
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ id: entryId, contestId });
    if (!entry) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return entry;
  }

  async lockEntry(em: EntityManager, contestId: string, entryId: string): Promise<Entry> {
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
  async viewsFor(actor: Actor, contestId: string, entries: Entry[]): Promise<EntryView[]> {
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
            downloadName: ownFileName(u),
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
