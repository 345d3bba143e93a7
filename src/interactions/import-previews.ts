import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { SETTINGS, type Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { FILE_STORE, type FileStore } from '../storage/file-store';
import { type KeptPreview, PreviewFiles } from '../spreadsheets/preview-files';

/** Previewed interaction files kept for their commit, with the reading time they were given. */
@Injectable()
export class ImportPreviews extends PreviewFiles {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
    jobs: JobScheduler,
    @Inject(FILE_STORE) store: FileStore,
  ) {
    const kind = { table: 'interaction_import_previews', folder: 'import-previews' };
    super(dataSource, settings, { ...kind, codePrefix: 'IMPORT' }, jobs, store);
  }

  keep(
    actor: Actor,
    contestId: string,
    file: { path: string; originalName: string },
    fileSha256: string,
    takenAt: string | undefined,
  ): Promise<KeptPreview> {
    return this.keepFile(actor, contestId, file, fileSha256, { taken_at: takenAt ?? null });
  }

  claim(em: EntityManager, actor: Actor, contestId: string, token: string) {
    const takenAt = 'taken_at AS "takenAt"';
    return this.claimRow<{ takenAt: string | null }>(em, actor, contestId, token, takenAt);
  }
}
