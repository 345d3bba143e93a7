import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { S3FileStore } from '../storage/s3-file-store';
import { DirectUploadVerifier } from './direct-upload-verifier';
import { InFlightUploads } from './in-flight-uploads';
import { UploadCompletionService } from './upload-completion.service';
import { storageKey } from './upload-state';
import { Upload } from './upload.entity';

/** The cleanup job of uploads, every UPLOAD_CLEANUP_INTERVAL_SECONDS (0: never). */
@Injectable()
export class UploadCleanupService implements OnModuleInit {
  private readonly log = new Logger('Uploads');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly inFlight: InFlightUploads,
    private readonly completion: UploadCompletionService,
    private readonly jobs: JobScheduler,
    private readonly verifier: DirectUploadVerifier,
  ) {}

  onModuleInit(): void {
    this.jobs.every({
      name: 'upload-cleanup',
      everyMs: this.settings.config.UPLOAD_CLEANUP_INTERVAL_SECONDS * 1000,
      run: () => this.sweep(),
    });
  }

  /**
   * Cleanup job: abandoned pending uploads older than the configured age are expired and
   * their bytes removed (STORAGE=s3: their multipart uploads aborted), except those the team
   * finished sending (a tus file holding every byte is checked and completed; an assembled
   * direct upload is left to its verification); files whose row is
   * gone, failed, cancelled or expired are removed; multipart uploads no pending row knows are
   * aborted; direct uploads whose verification a restart interrupted are verified.
   */
  async sweep(
    now = new Date(),
  ): Promise<{ expired: number; orphansRemoved: number; multipartAborted: number }> {
    const cutoff = new Date(
      now.getTime() - this.settings.config.UPLOAD_PENDING_MAX_AGE_SECONDS * 1000,
    );
    const stale = await this.dataSource
      .getRepository(Upload)
      // an assembled direct upload (parts completed) is the verifier's, however long it waits:
      // the team has sent the whole file
      .find({
        where: { status: 'pending', updatedAt: LessThan(cutoff), partsCompletedAt: IsNull() },
        take: 1000,
      });
    let expired = 0;
    for (const upload of stale) {
      if (this.inFlight.busy.has(upload.id)) continue;
      const ended = await this.inFlight.withLock(upload.id, async () => {
        // every byte stored, then the server stopped before checking the file: not abandoned
        if (await this.allBytesStored(upload)) {
          await this.finishStored(upload);
          return false;
        }
        // listed a while ago: it may have been resumed or finished since
        return this.completion.discard(null, upload, 'expired', 'ABANDONED', {
          updatedAt: LessThan(cutoff),
          partsCompletedAt: IsNull(),
        });
      });
      if (ended) expired++;
    }
    let orphansRemoved = 0;
    const files = await this.store.list();
    const ids = files.map((f) => f.key.split('/')[1]!);
    const rows = ids.length
      ? await this.dataSource
          .getRepository(Upload)
          .find({ where: { id: In(ids) }, select: { id: true, status: true } })
      : [];
    for (const file of files) {
      const row = rows.find((r) => r.id === file.key.split('/')[1]);
      const dead = row
        ? ['failed', 'cancelled', 'expired', 'superseded'].includes(row.status)
        : file.modifiedAt < cutoff;
      if (dead) {
        await this.store.remove(file.key);
        orphansRemoved++;
      }
    }
    const multipartAborted = await this.abortUnknownMultipartUploads(cutoff);
    await this.verifier.sweep();
    if (expired || orphansRemoved || multipartAborted)
      this.log.log(
        `cleanup: ${expired} expired uploads, ${orphansRemoved} files removed, ${multipartAborted} multipart uploads aborted`,
      );
    return { expired, orphansRemoved, multipartAborted };
  }

  /** A tus upload (local disk) whose file holds every declared byte. */
  private async allBytesStored(upload: Upload): Promise<boolean> {
    if (this.store.kind !== 'local') return false;
    return (await this.store.stat(storageKey(upload))) === Number(upload.size);
  }

  /** Checks and completes it as its last PATCH would have; a refused file is discarded there. */
  private async finishStored(upload: Upload): Promise<void> {
    try {
      await this.completion.finalize(null, upload);
    } catch (error) {
      this.log.warn(`upload ${upload.id} stored whole but not completed: ${String(error)}`);
    }
  }

  /** Multipart uploads older than the cutoff that no pending upload is sending. */
  private async abortUnknownMultipartUploads(cutoff: Date): Promise<number> {
    if (!(this.store instanceof S3FileStore)) return 0;
    const open = await this.store.listMultipartUploads();
    if (!open) return 0; // the server cannot list them: the lifecycle rule aborts them
    const old = open.filter((u) => u.startedAt < cutoff);
    if (!old.length) return 0;
    const live = await this.dataSource.getRepository(Upload).find({
      where: { multipartId: In(old.map((u) => u.uploadId)), status: 'pending' },
      select: { multipartId: true },
    });
    let aborted = 0;
    for (const u of old) {
      if (live.some((row) => row.multipartId === u.uploadId)) continue;
      await this.store.abortMultipart(u.key, u.uploadId);
      aborted++;
    }
    return aborted;
  }
}
