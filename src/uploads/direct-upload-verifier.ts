import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { SETTINGS, type Settings } from '../config/settings';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { S3FileStore } from '../storage/s3-file-store';
import { SniffError, sniffSource } from '../storage/sniff';
import { probeDurationSeconds } from './ffprobe';
import { UploadCompletionService } from './upload-completion.service';
import { ALLOWED_TYPES } from './upload-kinds';
import { storageKey } from './upload-state';
import { Upload } from './upload.entity';

/**
 * The background job that verifies a direct upload once its parts are assembled in the
 * bucket: the type from the object's content (ranged GETs; DOCX structures and inflated
 * sizes included), then the SHA-256 by one streaming read of the object, then (when ffprobe is
 * installed) the duration, read by ffprobe from a presigned URL. Only then is the upload
 * `ready`. A claim column makes one instance do each verification; the cleanup sweep picks up
 * those a restart interrupted.
 */
@Injectable()
export class DirectUploadVerifier {
  private readonly log = new Logger('Uploads');
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly completion: UploadCompletionService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** A claim older than this is taken over (the instance that held it died mid-way). */
  private get staleClaimSeconds(): number {
    return this.settings.config.UPLOAD_VERIFY_CLAIM_SECONDS;
  }

  /** Starts the verification after the response has gone (the browser polls the state). */
  schedule(actor: Actor | null, uploadId: string): void {
    const job = this.verify(actor, uploadId)
      .catch((error: unknown) =>
        this.log.error(`verification of upload ${uploadId} failed: ${String(error)}`),
      )
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Resolves when the verifications started by this instance have ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  /** Verifications nobody is doing (never claimed, or claimed by an instance that died). */
  async sweep(): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM uploads WHERE status = 'pending' AND parts_completed_at IS NOT NULL
         AND (verify_claimed_at IS NULL OR verify_claimed_at < now() - make_interval(secs => $1))
       LIMIT 100`,
      [this.staleClaimSeconds],
    );
    for (const row of rows) await this.verify(null, row.id);
    return rows.length;
  }

  async verify(actor: Actor | null, uploadId: string): Promise<void> {
    const store = this.store;
    if (!(store instanceof S3FileStore)) return;
    const [claimed] = (await this.dataSource.query(
      `UPDATE uploads SET verify_claimed_at = now()
        WHERE id = $1 AND status = 'pending' AND parts_completed_at IS NOT NULL
          AND (verify_claimed_at IS NULL OR verify_claimed_at < now() - make_interval(secs => $2))
        RETURNING id`,
      [uploadId, this.staleClaimSeconds],
    )) as [{ id: string }[], number];
    if (!claimed?.length) return;
    const upload = await this.dataSource.getRepository(Upload).findOneByOrFail({ id: uploadId });
    const key = storageKey(upload);
    const size = Number(upload.size);
    try {
      let sniffed;
      try {
        sniffed = await sniffSource(store.byteSource(key, size));
      } catch (error) {
        if (error instanceof SniffError)
          return await this.completion.reject(actor, upload, error.code, error.message);
        throw error;
      }
      if (!sniffed || !ALLOWED_TYPES[upload.kind].includes(sniffed.type))
        return await this.completion.reject(actor, upload, 'UNSUPPORTED_FILE_TYPE');
      const hash = createHash('sha256');
      let read = 0;
      for await (const chunk of store.read(key)) {
        hash.update(chunk as Buffer);
        read += (chunk as Buffer).length;
      }
      if (read !== size) throw new Error(`read ${read} bytes of ${size}`);
      const duration =
        upload.kind === 'video'
          ? await probeDurationSeconds(
              await store.presignGet(key, {
                contentType: sniffed.mime,
                contentDisposition: 'inline',
                seconds: 300,
              }),
            )
          : null;
      await this.completion.markReady(actor, upload, {
        sniffed,
        sha256: hash.digest('hex'),
        duration,
      });
    } catch (error) {
      if (error instanceof DomainError) {
        // refused (already discarded), or the entry was submitted meanwhile: not a fault
        if (error.code === 'ENTRY_LOCKED')
          await this.completion.discard(actor, upload, 'failed', 'ENTRY_LOCKED');
        this.log.log(`upload ${uploadId} refused after verification: ${error.code}`);
        return;
      }
      // store or database trouble: release the claim so the next sweep tries again
      await this.dataSource.query(`UPDATE uploads SET verify_claimed_at = NULL WHERE id = $1`, [
        uploadId,
      ]);
      throw error;
    }
  }
}
