import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, IsNull, LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { TEAM_EDITABLE } from '../entries/entry-rules';
import { Entry } from '../entries/entry.entity';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { S3FileStore } from '../storage/s3-file-store';
import { SniffError, sniffFile, sniffHeader, type SniffResult } from '../storage/sniff';
import { probeDurationSeconds } from './ffprobe';
import { InFlightUploads } from './in-flight-uploads';
import { markSuperseded, teamUsedBytes } from './storage-budget';
import { ALLOWED_TYPES, KIND_LABELS, SNIFF_BYTES } from './upload-kinds';
import { storageKey, toState, UploadState } from './upload-state';
import { Upload, type UploadKind } from './upload.entity';

/**
 * An unfinished upload with no byte for this long is taken as abandoned when the team needs its
 * room: tus-js-client gives up retrying after about 7,5 minutes, and a resumed upload sends
 * bytes (which touch it) at once.
 */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * How an upload ends: once all its bytes are stored, its content is checked (by its bytes,
 * never its name) and it becomes `ready` and the entry's file, in one transaction with its
 * audit row; otherwise it is discarded (failed, cancelled or expired) and its bytes removed.
 */
@Injectable()
export class UploadCompletionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly audit: AuditService,
    private readonly inFlight: InFlightUploads,
  ) {}

  /**
   * Room for a new upload the quota would refuse: the team's own pending uploads of the same
   * kind, idle for ABANDONED_AFTER_MS, are given up first (expired, audited, bytes removed).
   * A creation whose answer a dropped line lost leaves such an upload, which the browser never
   * knew and the team cannot cancel; it would otherwise hold the room for a day. The quota is
   * then checked as always, under the contest's lock.
   */
  async makeRoom(actor: Actor, teamId: string, kind: UploadKind, size: number, quota: number) {
    if ((await teamUsedBytes(this.dataSource.manager, teamId)) + size <= quota) return;
    const idle = { updatedAt: LessThan(new Date(Date.now() - ABANDONED_AFTER_MS)) };
    const pending = { teamId, kind, status: 'pending' as const, partsCompletedAt: IsNull() };
    const abandoned = await this.dataSource
      .getRepository(Upload)
      .find({ where: { ...pending, ...idle } });
    for (const upload of abandoned) {
      if (this.inFlight.busy.has(upload.id)) continue; // bytes arriving: not abandoned
      await this.inFlight.withLock(upload.id, () =>
        this.discard(actor, upload, 'expired', 'ABANDONED', idle),
      );
    }
  }

  async finalize(actor: Actor | null, upload: Upload): Promise<UploadState> {
    const key = storageKey(upload);
    await this.store.sync(key);
    let sniffed;
    try {
      sniffed = await sniffFile(this.store.localPath(key));
    } catch (error) {
      if (error instanceof SniffError) return this.reject(actor, upload, error.code, error.message);
      throw error;
    }
    if (!sniffed || !ALLOWED_TYPES[upload.kind].includes(sniffed.type)) {
      return this.reject(actor, upload, 'UNSUPPORTED_FILE_TYPE');
    }
    const sha256 = await this.inFlight.digest(upload.id, key, Number(upload.size));
    const duration =
      upload.kind === 'video' ? await probeDurationSeconds(this.store.localPath(key)) : null;
    try {
      return await this.markReady(actor, upload, { sniffed, sha256, duration });
    } catch (error) {
      // The entry was submitted while the bytes came in: refused for good, as a direct upload
      // is (DirectUploadVerifier), not left pending to replace the submitted file later.
      if (error instanceof DomainError && error.code === 'ENTRY_LOCKED')
        await this.discard(actor, upload, 'failed', 'ENTRY_LOCKED');
      throw error;
    }
  }

  /**
   * The verified upload becomes `ready` and the entry's file, in one transaction with its
   * audit row; the file it replaces is superseded. `actor` is null when a background job
   * finishes the verification (after a restart).
   */
  async markReady(
    actor: Actor | null,
    upload: Upload,
    facts: { sniffed: SniffResult; sha256: string; duration: number | null },
  ): Promise<UploadState> {
    const { sniffed, sha256, duration } = facts;
    let replaced: Upload | null = null;
    const ready = await this.dataSource.transaction(async (em) => {
      const row = await em
        .getRepository(Upload)
        .findOne({ where: { id: upload.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.status !== 'pending') {
        throw DomainError.conflict(
          'UPLOAD_NOT_PENDING',
          'Tệp này đã hoàn tất hoặc đã bị hủy.',
          'status',
        );
      }
      const entry = await em.getRepository(Entry).findOne({
        where: { contestId: upload.contestId, teamId: upload.teamId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entry || !TEAM_EDITABLE.includes(entry.status)) {
        throw DomainError.conflict(
          'ENTRY_LOCKED',
          'Sản phẩm đã nộp; không thể thay tệp.',
          'status',
        );
      }
      Object.assign(row, {
        status: 'ready',
        received: upload.size,
        sha256,
        detectedType: sniffed.type,
        mime: sniffed.mime,
        durationSeconds: duration === null ? null : duration.toFixed(2),
        completedAt: new Date(),
      });
      const saved = await em.getRepository(Upload).save(row);
      const field = upload.kind === 'video' ? 'videoUploadId' : 'outlineUploadId';
      const previous = entry[field];
      entry[field] = upload.id;
      await em.getRepository(Entry).save(entry);
      if (previous) replaced = await markSuperseded(em, this.audit, actor, previous, upload.id);
      await this.audit.record(em, actor, {
        contestId: upload.contestId,
        action: 'upload.complete',
        entityType: 'upload',
        entityId: upload.id,
        before: { status: 'pending', replaces: previous },
        after: {
          status: 'ready',
          kind: upload.kind,
          size: Number(upload.size),
          sha256,
          type: sniffed.type,
          entryId: entry.id,
        },
      });
      return saved;
    });
    this.inFlight.hashes.delete(upload.id);
    // Row first, then bytes: if we crash in between, the sweep removes a superseded file.
    if (replaced) await this.store.remove(storageKey(replaced));
    return toState(ready, Number(ready.size));
  }

  async rejectEarlyIfWrongType(actor: Actor, upload: Upload, key: string): Promise<void> {
    const type = sniffHeader(await this.store.head(key, SNIFF_BYTES));
    const allowed = ALLOWED_TYPES[upload.kind];
    const plausible =
      type !== null &&
      (allowed.includes(type as never) || (type === 'zip' && allowed.includes('docx')));
    if (!plausible) await this.reject(actor, upload, 'UNSUPPORTED_FILE_TYPE');
  }

  /** Marks the upload failed (audited), removes its bytes and answers 415. */
  async reject(actor: Actor | null, upload: Upload, code: string, detail?: string): Promise<never> {
    await this.discard(actor, upload, 'failed', code);
    throw new DomainError(
      'unsupported_type',
      code,
      detail ??
        `Nội dung tệp không phải ${KIND_LABELS[upload.kind]}. Định dạng được xác định theo nội dung tệp, không theo tên tệp.`,
      [{ field: 'file', code, message: detail ?? 'Định dạng tệp không được chấp nhận.' }],
    );
  }

  /**
   * Ends a pending upload and removes its bytes. `upload` may be an older reading of the row
   * (the cleanup job's list): when the row is no longer pending (it finished, or was ended
   * meanwhile) or no longer matches `onlyIf` (the job's "untouched since the cutoff"), nothing
   * is changed, audited or removed, and the answer is false.
   */
  async discard(
    actor: Actor | null,
    upload: Upload,
    status: 'failed' | 'cancelled' | 'expired',
    code: string,
    onlyIf: FindOptionsWhere<Upload> = {},
  ): Promise<boolean> {
    const ended = await this.dataSource.transaction(async (em: EntityManager) => {
      const { affected } = await em
        .getRepository(Upload)
        .update({ ...onlyIf, id: upload.id, status: 'pending' }, { status, failureCode: code });
      if (!affected) return false;
      await this.audit.record(em, actor, {
        contestId: upload.contestId,
        action: `upload.${status === 'failed' ? 'reject' : status === 'cancelled' ? 'cancel' : 'expire'}`,
        entityType: 'upload',
        entityId: upload.id,
        before: { status: 'pending' },
        after: { status, failureCode: code },
      });
      return true;
    });
    if (!ended) return false;
    // Row first, then bytes: if we crash in between, the sweep removes the file of a dead row.
    this.inFlight.hashes.delete(upload.id);
    if (upload.multipartId && !upload.partsCompletedAt && this.store instanceof S3FileStore) {
      // parts still in the bucket's multipart upload: freed (they are billed, and invisible)
      await this.store.abortMultipart(storageKey(upload), upload.multipartId);
    }
    await this.store.remove(storageKey(upload));
    return true;
  }
}
