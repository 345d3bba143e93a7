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

/** How long a previewed workbook can be committed by its token. */
export const PREVIEW_VALID_MS = 30 * 60_000;
/** How long the sealed slips of a commit can be downloaded. */
export const SLIPS_VALID_MS = 15 * 60_000;

/**
 * Previewed workbooks kept for their commit (token = row id, 30 minutes, the organiser who
 * previewed, that contest; the file under DATA_DIR/tmp/registration-previews), the same
 * contract as the interaction import's previews. The sweep (every
 * UPLOAD_CLEANUP_INTERVAL_SECONDS and at boot) removes expired previews with their files, and
 * expired sealed slips.
 */
@Injectable()
export class RegistrationPreviews implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('RegistrationPreviews');
  private readonly dir: string;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.dir = join(settings.dataDir, 'tmp', 'registration-previews');
  }

  onModuleInit(): void {
    mkdirSync(this.dir, { recursive: true });
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

  async keep(
    actor: Actor,
    contestId: string,
    file: { path: string; originalName: string },
    fileSha256: string,
  ): Promise<{ previewToken: string; previewExpiresAt: string }> {
    const id = randomUUID();
    const path = join(this.dir, id);
    await rename(file.path, path);
    const expiresAt = new Date(Date.now() + PREVIEW_VALID_MS);
    try {
      await this.dataSource.query(
        `INSERT INTO registration_previews (id, contest_id, created_by, file_sha256, file_name, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, contestId, actor.userId, fileSha256, file.originalName, expiresAt],
      );
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { previewToken: id, previewExpiresAt: expiresAt.toISOString() };
  }

  /** The preview a commit names, locked until the commit ends; someone else's is unknown. */
  async claim(em: EntityManager, actor: Actor, contestId: string, token: string) {
    const [row] = (await em.query(
      `SELECT contest_id AS "contestId", created_by AS "createdBy", file_sha256 AS "fileSha256",
              file_name AS "fileName", expires_at AS "expiresAt", used_at AS "usedAt"
         FROM registration_previews WHERE id = $1 FOR UPDATE`,
      [token],
    )) as {
      contestId: string;
      createdBy: string;
      fileSha256: string;
      fileName: string;
      expiresAt: Date;
      usedAt: Date | null;
    }[];
    if (!row || row.contestId !== contestId || row.createdBy !== actor.userId)
      throw new DomainError(
        'not_found',
        'REGISTRATION_PREVIEW_NOT_FOUND',
        'Không tìm thấy bản xem trước này; hãy tải tệp lên lại.',
        [
          {
            field: 'previewToken',
            code: 'REGISTRATION_PREVIEW_NOT_FOUND',
            message: 'Không tìm thấy.',
          },
        ],
      );
    if (row.usedAt)
      throw DomainError.conflict(
        'REGISTRATION_PREVIEW_USED',
        'Bản xem trước này đã được ghi; không ghi lại lần nữa.',
        'previewToken',
      );
    if (row.expiresAt.getTime() < Date.now())
      throw new DomainError(
        'not_found',
        'REGISTRATION_PREVIEW_EXPIRED',
        'Bản xem trước đã hết hạn (30 phút); hãy tải tệp lên lại.',
        [{ field: 'previewToken', code: 'REGISTRATION_PREVIEW_EXPIRED', message: 'Đã hết hạn.' }],
      );
    const path = join(this.dir, token);
    if (!existsSync(path))
      throw DomainError.conflict(
        'REGISTRATION_PREVIEW_FILE_MISSING',
        'Không còn tệp của bản xem trước trên máy chủ; hãy tải tệp lên lại.',
        'previewToken',
      );
    return { path, fileSha256: row.fileSha256, fileName: row.fileName };
  }

  async markUsed(em: EntityManager, token: string): Promise<void> {
    await em.query(`UPDATE registration_previews SET used_at = now() WHERE id = $1`, [token]);
  }

  async removeFile(token: string): Promise<void> {
    await rm(join(this.dir, token), { force: true }).catch((error: unknown) =>
      this.log.warn(`could not remove preview ${token}: ${String(error)}`),
    );
  }

  /** Expired previews (rows and files) and expired sealed slips. */
  async sweep(now = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM registration_previews WHERE expires_at < $1 RETURNING id)
       SELECT id FROM gone`,
      [now],
    )) as { id: string }[];
    for (const { id } of rows) await this.removeFile(id);
    await this.dataSource.query(`DELETE FROM registration_slips WHERE expires_at < $1`, [now]);
    return rows.length;
  }
}
