import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, isOrganiserOf, membershipIn } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { Entry } from '../entries/entry.entity';
import { judgeMaySee } from '../judging/panel-access';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { ownFileName, publicFileName } from './public-file-name';
import { storageKey } from './upload-state';
import { Upload } from './upload.entity';

/** Reading a ready upload: who may, under which name, and its bytes (whole or a range). */
@Injectable()
export class UploadDownloadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  /**
   * Finds a ready upload the caller may read (see EntriesService for who sees which entry),
   * with the name to download it under: the team's own file name for that team and the
   * organisers, a neutral one for everyone else (it can carry a person's name).
   */
  async readable(
    actor: Actor | null,
    contestId: string,
    uploadId: string,
  ): Promise<Upload & { key: string; downloadName: string }> {
    const upload = await this.dataSource
      .getRepository(Upload)
      .findOneBy({ id: uploadId, contestId, status: 'ready' });
    if (!upload) throw DomainError.notFound('FILE', 'Không tìm thấy tệp.');
    const membership = actor ? membershipIn(actor, contestId) : null;
    const manages =
      isOrganiserOf(actor, contestId) ||
      (membership?.role === 'team' && membership.teamId === upload.teamId);
    const allowed = await (async () => {
      if (manages) return true;
      const entry = await this.dataSource.getRepository(Entry).findOne({
        where: [
          { contestId, videoUploadId: uploadId },
          { contestId, outlineUploadId: uploadId },
        ],
      });
      if (!entry) return false;
      if (entry.status === 'published') return true;
      // A judge reads approved entries too, with panels only those of their own panels.
      if (!actor || membership?.role !== 'judge') return false;
      return judgeMaySee(this.dataSource, contestId, actor.userId, entry);
    })();
    // Not revealing that a file exists to someone who may not read it.
    if (!allowed) throw DomainError.notFound('FILE', 'Không tìm thấy tệp.');
    return Object.assign(upload, {
      key: storageKey(upload),
      downloadName: manages ? ownFileName(upload) : publicFileName(upload),
    });
  }

  openRead(key: string, range?: { start: number; end: number }) {
    return this.store.read(key, range);
  }
}
