import { Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Settings } from '../config/settings';
import type { JobScheduler } from '../jobs/job-scheduler';
import type { KeptFiles } from '../storage/file-store';
import { removeStale } from './import-upload';

/** How long a previewed file can be committed by its token. */
export const PREVIEW_VALID_MS = 30 * 60_000;

export interface KeptPreview {
  previewToken: string;
  previewExpiresAt: string;
}

/** One kind of previewed file: its table, its folder under DATA_DIR/tmp, its error codes. */
export interface PreviewKind {
  /** Table with id, contest_id, created_by, file_sha256, file_name, expires_at, used_at. */
  table: string;
  folder: string;
  /** Prefix of the error codes: `IMPORT` → IMPORT_PREVIEW_NOT_FOUND, … */
  codePrefix: string;
}

/**
 * Uploaded files kept between their preview and their commit (the interaction import, the
 * registration workbook): the token is the row's id (a random uuid); the row in PostgreSQL says
 * who may commit it, until when, and whether it was committed (so any app instance can answer);
 * the file waits under DATA_DIR/tmp/<folder>. Expired rows and their files are removed by the
 * sweep (every UPLOAD_CLEANUP_INTERVAL_SECONDS, and at boot, where files older than an hour
 * without a row go too).
 */
export abstract class PreviewFiles implements OnModuleInit {
  protected readonly log: Logger;
  private readonly dir: string;
  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly settings: Settings,
    private readonly kind: PreviewKind,
    private readonly jobs: JobScheduler,
    /** Where the instances share kept files (STORAGE=s3); local disk shares nothing. */
    private readonly kept: KeptFiles,
  ) {
    this.log = new Logger(new.target.name);
    this.dir = join(settings.dataDir, 'tmp', kind.folder);
  }

  private keptKey(token: string): string {
    return `previews/${this.kind.folder}/${token}`;
  }

  onModuleInit(): void {
    mkdirSync(this.dir, { recursive: true });
    removeStale(this.dir, Date.now() - 2 * PREVIEW_VALID_MS);
    void this.sweep().catch((error: unknown) => this.log.error(`cleanup failed: ${String(error)}`));
    this.jobs.every({
      name: `preview-files:${this.kind.table}`,
      everyMs: this.settings.config.UPLOAD_CLEANUP_INTERVAL_SECONDS * 1000,
      run: () => this.sweep(),
    });
    // The sweep runs on one instance and removes that instance's copies; with a DATA_DIR per
    // instance (STORAGE=s3), each instance also drops its own copies of expired previews.
    if (this.kept.sharesKeptFiles)
      this.jobs.every({
        name: `preview-files-here:${this.kind.table}`,
        scope: 'instance',
        everyMs: this.settings.config.UPLOAD_CLEANUP_INTERVAL_SECONDS * 1000,
        run: async () => removeStale(this.dir, Date.now() - 2 * PREVIEW_VALID_MS),
      });
  }

  /** Moves the uploaded file aside and records who may commit it (`extra`: more columns). */
  protected async keepFile(
    actor: Actor,
    contestId: string,
    file: { path: string; originalName: string },
    fileSha256: string,
    extra: Record<string, unknown> = {},
  ): Promise<KeptPreview> {
    const id = randomUUID();
    const path = join(this.dir, id);
    await rename(file.path, path);
    await this.kept.putKept(this.keptKey(id), path).catch(async (error: unknown) => {
      await rm(path, { force: true });
      this.log.error(`could not keep preview ${id} in the bucket: ${String(error)}`);
      throw storageUnavailable();
    });
    const expiresAt = new Date(Date.now() + PREVIEW_VALID_MS);
    const columns = ['id', 'contest_id', 'created_by', 'file_sha256', 'file_name', 'expires_at'];
    const values: unknown[] = [
      id,
      contestId,
      actor.userId,
      fileSha256,
      file.originalName,
      expiresAt,
    ];
    for (const [column, value] of Object.entries(extra)) {
      columns.push(column);
      values.push(value);
    }
    try {
      await this.dataSource.query(
        `INSERT INTO ${this.kind.table} (${columns.join(', ')})
         VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
        values,
      );
    } catch (error) {
      await this.removeFile(id);
      throw error;
    }
    return { previewToken: id, previewExpiresAt: expiresAt.toISOString() };
  }

  /**
   * The preview a commit names, locked until the commit's transaction ends (a second commit
   * of the same token waits, then finds it used). Someone else's token, or another contest's,
   * answers as an unknown one. `extraColumns`: more of the row to return (SQL select list).
   */
  protected async claimRow<Extra extends object>(
    em: EntityManager,
    actor: Actor,
    contestId: string,
    token: string,
    extraColumns = '',
  ): Promise<{ id: string; fileSha256: string; fileName: string; path: string } & Extra> {
    const [row] = (await em.query(
      `SELECT id, contest_id AS "contestId", created_by AS "createdBy", file_sha256 AS "fileSha256",
              file_name AS "fileName", expires_at AS "expiresAt", used_at AS "usedAt"
              ${extraColumns ? `, ${extraColumns}` : ''}
         FROM ${this.kind.table} WHERE id = $1 FOR UPDATE`,
      [token],
    )) as ({
      id: string;
      contestId: string;
      createdBy: string;
      fileSha256: string;
      fileName: string;
      expiresAt: Date;
      usedAt: Date | null;
    } & Extra)[];
    const code = (what: string) => `${this.kind.codePrefix}_PREVIEW_${what}`;
    if (!row || row.contestId !== contestId || row.createdBy !== actor.userId)
      throw new DomainError(
        'not_found',
        code('NOT_FOUND'),
        'Không tìm thấy bản xem trước này; hãy tải tệp lên lại.',
        [{ field: 'previewToken', code: code('NOT_FOUND'), message: 'Không tìm thấy.' }],
      );
    if (row.usedAt)
      throw DomainError.conflict(
        code('USED'),
        'Bản xem trước này đã được ghi; không ghi lại lần nữa.',
        'previewToken',
      );
    if (row.expiresAt.getTime() < Date.now())
      throw new DomainError(
        'not_found',
        code('EXPIRED'),
        'Bản xem trước đã hết hạn (30 phút); hãy tải tệp lên lại.',
        [{ field: 'previewToken', code: code('EXPIRED'), message: 'Đã hết hạn.' }],
      );
    const path = join(this.dir, row.id);
    if (!existsSync(path))
      throw DomainError.conflict(
        code('FILE_MISSING'),
        'Không còn tệp của bản xem trước trên máy chủ; hãy tải tệp lên lại.',
        'previewToken',
      );
    return { ...row, path };
  }

  /**
   * With a bucket: brings a previewed file kept by another instance onto this one's disk,
   * before the commit's transaction, so that no lock is held while the bucket answers. A token
   * with no live preview fetches nothing (the claim then answers why).
   */
  async bringHere(token: string): Promise<void> {
    const path = join(this.dir, token);
    if (!this.kept.sharesKeptFiles || existsSync(path)) return;
    const live = (await this.dataSource.query(
      `SELECT 1 FROM ${this.kind.table} WHERE id = $1 AND used_at IS NULL AND expires_at > now()`,
      [token],
    )) as unknown[];
    if (live.length === 0) return;
    // written aside, then renamed: a commit racing on this instance never reads half a file
    const aside = `${path}.${randomUUID()}`;
    try {
      if (await this.kept.fetchKept(this.keptKey(token), aside)) await rename(aside, path);
    } catch (error) {
      await rm(aside, { force: true });
      this.log.error(`could not fetch preview ${token} from the bucket: ${String(error)}`);
      throw storageUnavailable();
    }
  }

  /** In the commit's transaction: the token cannot commit again. */
  async markUsed(em: EntityManager, token: string): Promise<void> {
    await em.query(`UPDATE ${this.kind.table} SET used_at = now() WHERE id = $1`, [token]);
  }

  /** After the commit: its file is no longer needed (the sweep removes it if this fails). */
  async removeFile(token: string): Promise<void> {
    await rm(join(this.dir, token), { force: true }).catch((error: unknown) =>
      this.log.warn(`could not remove preview ${token}: ${String(error)}`),
    );
    await this.kept
      .removeKept(this.keptKey(token))
      .catch((error: unknown) =>
        this.log.warn(`could not remove preview ${token} from the bucket: ${String(error)}`),
      );
  }

  /** Expired previews, committed or not: their rows and files. */
  async sweep(now = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH gone AS (DELETE FROM ${this.kind.table} WHERE expires_at < $1 RETURNING id)
       SELECT id FROM gone`,
      [now],
    )) as { id: string }[];
    for (const { id } of rows) await this.removeFile(id);
    return rows.length;
  }
}

const storageUnavailable = () =>
  new DomainError(
    'unavailable',
    'STORAGE_UNREACHABLE',
    'Kho lưu trữ tệp tạm thời không truy cập được; hãy thử lại sau ít phút.',
  );
