import { Inject, Injectable } from '@nestjs/common';
import { contentDisposition } from '../common/download-name';
import { SETTINGS, Settings } from '../config/settings';
import { S3FileStore } from '../storage/s3-file-store';
import { StorageService } from '../storage/storage.service';
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
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly storage: StorageService,
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

  /** 503 FILE_MISSING (logged, and a health warning) when the store lacks the file. */
  assertStored(upload: Upload & { key: string }): Promise<void> {
    return this.storage.assertStored(upload.key, Number(upload.size));
  }

  openRead(key: string, range?: { start: number; end: number }) {
    return this.store.read(key, range);
  }

  /**
   * STORAGE=s3: a short-lived presigned GET of the object, answered by the bucket (or a CDN
   * in front of it) with this file's Content-Type and Content-Disposition; ranges and seeks
   * go there too. Null in the embedded mode, where the app serves the bytes itself.
   */
  async presignedUrl(
    upload: Upload & { key: string; downloadName: string },
  ): Promise<{ url: string; expiresAt: string } | null> {
    if (!(this.store instanceof S3FileStore)) return null;
    const seconds = this.settings.config.S3_DOWNLOAD_URL_SECONDS;
    const expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
    const url = await this.store.presignGet(upload.key, {
      contentType: upload.mime ?? 'application/octet-stream',
      contentDisposition: dispositionOf(upload),
      seconds,
    });
    return { url, expiresAt };
  }
}

/** Videos play in the page; outlines download under their cleaned, sniffed-extension name. */
export function dispositionOf(upload: { kind: string; downloadName: string }): string {
  return contentDisposition(upload.downloadName, upload.kind === 'video' ? 'inline' : 'attachment');
}
