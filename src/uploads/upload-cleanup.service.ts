import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { InFlightUploads } from './in-flight-uploads';
import { UploadCompletionService } from './upload-completion.service';
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
   * their bytes removed; files whose row is gone, failed, cancelled or expired are removed.
   */
  async sweep(now = new Date()): Promise<{ expired: number; orphansRemoved: number }> {
    const cutoff = new Date(
      now.getTime() - this.settings.config.UPLOAD_PENDING_MAX_AGE_SECONDS * 1000,
    );
    const stale = await this.dataSource
      .getRepository(Upload)
      .find({ where: { status: 'pending', updatedAt: LessThan(cutoff) }, take: 1000 });
    let expired = 0;
    for (const upload of stale) {
      if (this.inFlight.busy.has(upload.id)) continue;
      await this.inFlight.withLock(upload.id, () =>
        this.completion.discard(null, upload, 'expired', 'ABANDONED'),
      );
      expired++;
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
    if (expired || orphansRemoved)
      this.log.log(`cleanup: ${expired} expired uploads, ${orphansRemoved} files removed`);
    return { expired, orphansRemoved };
  }
}
