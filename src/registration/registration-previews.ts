import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { SETTINGS, type Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { FILE_STORE, type FileStore } from '../storage/file-store';
import { PreviewFiles, type KeptPreview } from '../spreadsheets/preview-files';

export { PREVIEW_VALID_MS } from '../spreadsheets/preview-files';
/** How long the sealed slips of a commit can be downloaded. */
export const SLIPS_VALID_MS = 15 * 60_000;

/**
 * Previewed workbooks kept for their commit (token = row id, 30 minutes, the organiser who
 * previewed, that contest; the file under DATA_DIR/tmp/registration-previews), the same
 * contract as the interaction import's previews. The sweep also removes expired sealed slips.
 */
@Injectable()
export class RegistrationPreviews extends PreviewFiles {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
    jobs: JobScheduler,
    @Inject(FILE_STORE) store: FileStore,
  ) {
    super(
      dataSource,
      settings,
      {
        table: 'registration_previews',
        folder: 'registration-previews',
        codePrefix: 'REGISTRATION',
      },
      jobs,
      store,
    );
  }

  keep(
    actor: Actor,
    contestId: string,
    file: { path: string; originalName: string },
    fileSha256: string,
  ): Promise<KeptPreview> {
    return this.keepFile(actor, contestId, file, fileSha256);
  }

  claim(em: EntityManager, actor: Actor, contestId: string, token: string) {
    return this.claimRow(em, actor, contestId, token);
  }

  /** Expired previews (rows and files) and expired sealed slips. */
  override async sweep(now = new Date()): Promise<number> {
    const removed = await super.sweep(now);
    await this.dataSource.query(`DELETE FROM registration_slips WHERE expires_at < $1`, [now]);
    return removed;
  }
}
