import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { SETTINGS, type Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { PreviewFiles, type KeptPreview } from '../spreadsheets/preview-files';

export { PREVIEW_VALID_MS, type KeptPreview } from '../spreadsheets/preview-files';

export interface PreviewRow {
  id: string;
  fileSha256: string;
  fileName: string;
  takenAt: string | null;
  path: string;
}

/** Previewed interaction files kept for their commit, with the reading time they were given. */
@Injectable()
export class ImportPreviews extends PreviewFiles {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
    jobs: JobScheduler,
  ) {
    super(
      dataSource,
      settings,
      {
        table: 'interaction_import_previews',
        folder: 'import-previews',
        codePrefix: 'IMPORT',
      },
      jobs,
    );
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

  claim(em: EntityManager, actor: Actor, contestId: string, token: string): Promise<PreviewRow> {
    return this.claimRow<{ takenAt: string | null }>(
      em,
      actor,
      contestId,
      token,
      'taken_at AS "takenAt"',
    );
  }
}
