import { Injectable } from '@nestjs/common';
import { ownFileName } from '../uploads/public-file-name';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, isOrganiserOf, membershipIn, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { judgeMaySee, panelEntriesOf } from '../judging/panel-access';
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
    const mine =
      role === 'judge' ? await panelEntriesOf(this.dataSource, contestId, actor.userId) : null;
    if (mine) entries = entries.filter((e) => mine.has(e.id));
    return this.viewsFor(actor, contestId, entries);
  }

  async get(actor: Actor, contestId: string, entryId: string): Promise<EntryView> {
    const entry = await this.dataSource.getRepository(Entry).findOneBy({ id: entryId, contestId });
    // Existence not revealed to whoever may not see it (e.g. a judge off its panel).
    if (!entry || !(await this.canSee(actor, contestId, entry)))
      throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
    return (await this.viewsFor(actor, contestId, [entry]))[0]!;
  }

  private async canSee(actor: Actor, contestId: string, entry: Entry): Promise<boolean> {
    if (isOrganiserOf(actor, contestId)) return true;
    const m = membershipIn(actor, contestId);
    if (m?.role === 'judge') return judgeMaySee(this.dataSource, contestId, actor.userId, entry);
    return m?.role === 'team' && m.teamId === entry.teamId;
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
