import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { SETTINGS, type Settings } from '../config/settings';
import { removeStale } from '../spreadsheets/import-upload';

/** How long a previewed file can be committed by its token. */
export const PREVIEW_VALID_MS = 30 * 60_000;

export interface KeptPreview {
  previewToken: string;
  previewExpiresAt: string;
}

export interface PreviewRow {
  id: string;
  fileSha256: string;
  fileName: string;
  takenAt: string | null;
  path: string;
}

/**
 * Previewed import files kept for their commit: the token is the row's id (a random uuid), the
 * row in PostgreSQL says who may commit it, until when, and whether it was committed (so any
 * app instance can answer), and the file waits under DATA_DIR/tmp/import-previews. Expired rows
 * and their files are removed by the cleanup job (every UPLOAD_CLEANUP_INTERVAL_SECONDS, and at
 * boot, where files older than an hour without a row go too).
 */
@Injectable()
export class ImportPreviews implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('ImportPreviews');
  private readonly dir: string;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.dir = join(settings.dataDir, 'tmp', 'import-previews');
  }

  onModuleInit(): void {
    mkdirSync(this.dir, { recursive: true });
    removeStale(this.dir, Date.now() - 2 * PREVIEW_VALID_MS);
    const every = this.settings.config.UPLOAD_CLEANUP_INTERVAL_SECONDS;
    const sweep = () =>
      this.sweep().catch((error: unknown) => this.log.error(`cleanup failed: ${String(error)}`));
    void sweep();
    if (every > 0) {
      this.timer = setInterval(sweep, every * 1000);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Moves the uploaded file aside and records who may commit it. */
  async keep(
    actor: Actor,
    contestId: string,
    file: { path: string; originalName: string },
    fileSha256: string,
    takenAt: string | undefined,
  ): Promise<KeptPreview> {
    const id = randomUUID();
    const path = join(this.dir, id);
    await rename(file.path, path);
    const expiresAt = new Date(Date.now() + PREVIEW_VALID_MS);
    try {
      await this.dataSource.query(
        `INSERT INTO interaction_import_previews
           (id, contest_id, created_by, file_sha256, file_name, taken_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, contestId, actor.userId, fileSha256, file.originalName, takenAt ?? null, expiresAt],
      );
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { previewToken: id, previewExpiresAt: expiresAt.toISOString() };
  }

  /**
   * The preview a commit names, locked until the commit's transaction ends (a second commit
   * of the same token waits, then finds it used). Someone else's token, or another contest's,
   * answers as an unknown one.
   */
  async claim(
    em: EntityManager,
    actor: Actor,
    contestId: string,
    token: string,
  ): Promise<PreviewRow> {
    const [row] = (await em.query(
      `SELECT id, contest_id AS "contestId", created_by AS "createdBy", file_sha256 AS "fileSha256",
              file_name AS "fileName", taken_at AS "takenAt", expires_at AS "expiresAt",
              used_at AS "usedAt"
         FROM interaction_import_previews WHERE id = $1 FOR UPDATE`,
      [token],
    )) as (Omit<PreviewRow, 'path'> & {
      contestId: string;
      createdBy: string;
      expiresAt: Date;
      usedAt: Date | null;
    })[];
    if (!row || row.contestId !== contestId || row.createdBy !== actor.userId)
      throw new DomainError(
        'not_found',
        'IMPORT_PREVIEW_NOT_FOUND',
        'Không tìm thấy bản xem trước này; hãy tải tệp lên lại.',
        [{ field: 'previewToken', code: 'IMPORT_PREVIEW_NOT_FOUND', message: 'Không tìm thấy.' }],
      );
    if (row.usedAt)
      throw DomainError.conflict(
        'IMPORT_PREVIEW_USED',
        'Bản xem trước này đã được ghi; không ghi lại lần nữa.',
        'previewToken',
      );
    if (row.expiresAt.getTime() < Date.now())
      throw new DomainError(
        'not_found',
        'IMPORT_PREVIEW_EXPIRED',
        'Bản xem trước đã hết hạn (30 phút); hãy tải tệp lên lại.',
        [{ field: 'previewToken', code: 'IMPORT_PREVIEW_EXPIRED', message: 'Đã hết hạn.' }],
      );
    const { id, fileSha256, fileName, takenAt } = row;
    const path = join(this.dir, id);
    // DATA_DIR must be shared by the instances (it will move to object storage)
    if (!existsSync(path))
      throw DomainError.conflict(
        'IMPORT_PREVIEW_FILE_MISSING',
        'Không còn tệp của bản xem trước trên máy chủ; hãy tải tệp lên lại.',
        'previewToken',
      );
    return { id, fileSha256, fileName, takenAt, path };
  }

  /** In the commit's transaction: the token cannot commit again. */
  async markUsed(em: EntityManager, token: string): Promise<void> {
    await em.query(`UPDATE interaction_import_previews SET used_at = now() WHERE id = $1`, [token]);
  }

  /** After the commit: its file is no longer needed (the sweep removes it if this fails). */
  async removeFile(token: string): Promise<void> {
    await rm(join(this.dir, token), { force: true }).catch((error: unknown) =>
      this.log.warn(`could not remove preview ${token}: ${String(error)}`),
    );
  }

  /** Expired previews, committed or not: their rows and files. */
  async sweep(now = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM interaction_import_previews WHERE expires_at < $1 RETURNING id)
       SELECT id FROM gone`,
      [now],
    )) as { id: string }[];
    for (const { id } of rows) await this.removeFile(id);
    return rows.length;
  }
}
