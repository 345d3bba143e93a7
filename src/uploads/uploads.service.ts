import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isOrganiserOf, membershipIn, ownTeamOf } from '../auth/actor';
import { ownFileName, publicFileName } from './public-file-name';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { ContestsService } from '../contests/contests.service';
import { assertTeamCanEdit, EntriesService } from '../entries/entries.service';
import { TEAM_EDITABLE } from '../entries/entry-rules';
import { Entry } from '../entries/entry.entity';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { SniffError, sniffFile, sniffHeader } from '../storage/sniff';
import { probeDurationSeconds } from './ffprobe';
import { ALLOWED_TYPES, KIND_LABELS, SNIFF_BYTES } from './upload-kinds';
import { Upload, UploadKind } from './upload.entity';

export interface UploadState {
  id: string;
  kind: UploadKind;
  status: Upload['status'];
  offset: number;
  size: number;
  sha256: string | null;
  failureCode: string | null;
}

const storageKey = (u: Pick<Upload, 'contestId' | 'id'>) => `${u.contestId}/${u.id}`;

/**
 * Resumable uploads (tus 1.0 core + creation + termination). Bytes are streamed straight to
 * the file store, hashed on the way, and made durable (fdatasync) at the end of every PATCH,
 * so an interrupted upload resumes at the last stored byte. The row is `ready` only after the
 * complete file is on disk and its content verified.
 */
@Injectable()
export class UploadsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Uploads');
  /** Uploads with a PATCH in progress on this instance (one writer per upload). */
  private readonly busy = new Set<string>();
  /** Running SHA-256 per upload, valid at `offset`; rebuilt from disk when missing. */
  private readonly hashes = new Map<string, { offset: number; hash: Hash }>();
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    const every = this.settings.config.UPLOAD_CLEANUP_INTERVAL_SECONDS;
    if (every > 0) {
      this.sweepTimer = setInterval(() => {
        this.sweep().catch((error: unknown) => this.log.error(`cleanup failed: ${String(error)}`));
      }, every * 1000);
      this.sweepTimer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  maxSize(kind: UploadKind): number {
    return kind === 'video'
      ? this.settings.config.UPLOAD_MAX_VIDEO_BYTES
      : this.settings.config.UPLOAD_MAX_OUTLINE_BYTES;
  }

  /** `readInput` parses the request headers, after the caller is known to be a team. */
  async create(
    actor: Actor,
    contestId: string,
    readInput: () => { kind: string; fileName: string; size: number },
  ): Promise<UploadState> {
    const teamId = ownTeamOf(actor, contestId);
    const input = readInput();
    if (input.kind !== 'video' && input.kind !== 'outline') {
      throw DomainError.invalid(
        'BAD_UPLOAD_KIND',
        'Loại tệp phải là "video" hoặc "outline".',
        'kind',
      );
    }
    const kind: UploadKind = input.kind;
    if (input.size <= 0) throw DomainError.invalid('EMPTY_FILE', 'Tệp rỗng.', 'Upload-Length');
    if (input.size > this.maxSize(kind)) throw tooLarge(kind, this.maxSize(kind));
    const upload = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await this.entries.ensureEntry(em, actor, contest, teamId);
      assertTeamCanEdit(contest, entry);
      const upload = await em.getRepository(Upload).save(
        em.getRepository(Upload).create({
          contestId,
          teamId,
          kind,
          originalName: input.fileName,
          size: String(input.size),
          received: '0',
          status: 'pending',
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'upload.create',
        entityType: 'upload',
        entityId: upload.id,
        after: { kind, originalName: input.fileName, size: input.size },
      });
      return upload;
    });
    // The row exists before the file: a file never lacks its row.
    await this.store.create(storageKey(upload));
    return toState(upload, 0);
  }

  /** Current offset. A pending upload whose bytes are all stored is finalised here (crash recovery). */
  async state(actor: Actor, contestId: string, uploadId: string): Promise<UploadState> {
    const upload = await this.findOwn(actor, contestId, uploadId);
    if (upload.status !== 'pending')
      return toState(upload, upload.status === 'ready' ? Number(upload.size) : 0);
    const offset = Math.min(await this.store.size(storageKey(upload)), Number(upload.size));
    if (offset === Number(upload.size) && !this.busy.has(upload.id)) {
      return this.withLock(upload.id, () => this.finalize(actor, upload));
    }
    return toState(upload, offset);
  }

  async append(
    actor: Actor,
    contestId: string,
    uploadId: string,
    body: Readable,
    readOffset: () => number,
  ): Promise<UploadState> {
    const upload = await this.findOwn(actor, contestId, uploadId);
    const offset = readOffset();
    if (upload.status !== 'pending') {
      throw DomainError.conflict(
        'UPLOAD_NOT_PENDING',
        'Tệp này đã hoàn tất hoặc đã bị hủy.',
        'status',
        {
          currentStatus: upload.status,
        },
      );
    }
    return this.withLock(upload.id, async () => {
      const key = storageKey(upload);
      const size = Number(upload.size);
      const current = await this.store.size(key);
      if (offset !== current) {
        throw DomainError.conflict(
          'OFFSET_MISMATCH',
          'Vị trí tiếp tục không khớp với dữ liệu đã nhận.',
          'Upload-Offset',
          {
            offset: current,
          },
        );
      }
      const hash = await this.hashAt(upload.id, key, current);
      const counter = new ChunkGuard(size - current, hash);
      const out = await this.store.appendStream(key);
      try {
        await pipeline(body, counter, out);
      } catch (error) {
        this.hashes.delete(upload.id); // bytes hashed may not all have reached the disk
        if (counter.overflow) {
          await this.store.truncate(key, current);
          throw tooLarge(upload.kind, size, 'Dữ liệu gửi lên vượt quá kích thước đã khai báo.');
        }
        // Interrupted connection: keep what arrived, so the client can resume from there.
        await this.store.sync(key).catch(() => undefined);
        await this.recordReceived(upload.id, await this.store.size(key));
        throw error;
      }
      const now = current + counter.bytes;
      this.hashes.set(upload.id, { offset: now, hash });
      await this.store.sync(key);
      await this.recordReceived(upload.id, now);
      if (current < SNIFF_BYTES && now >= Math.min(SNIFF_BYTES, size)) {
        await this.rejectEarlyIfWrongType(actor, upload, key);
      }
      if (now === size) return this.finalize(actor, upload);
      return toState(upload, now);
    });
  }

  async cancel(actor: Actor, contestId: string, uploadId: string): Promise<void> {
    const upload = await this.findOwn(actor, contestId, uploadId);
    if (upload.status !== 'pending') {
      throw DomainError.conflict('UPLOAD_NOT_PENDING', 'Chỉ hủy được tệp đang tải lên.', 'status');
    }
    await this.withLock(upload.id, () => this.discard(actor, upload, 'cancelled', 'CANCELLED'));
  }

  /**
   * Finds a ready upload the caller may read (see EntriesService for who sees which entry),
   * with the name to download it under: the team's own file name (cleaned, with the sniffed
   * type's extension) for that team and the organisers, a neutral one for everyone else (it
   * can carry a person's name).
   */
  async readable(
    actor: Actor | null,
    contestId: string,
    uploadId: string,
  ): Promise<Upload & { key: string; downloadName: string }> {
    const upload = await this.dataSource
      .getRepository(Upload)
      .findOneBy({ id: uploadId, contestId, status: 'ready' });
    if (!upload) throw DomainError.notFound('FILE', 'Không tìm thấy tệp.');
    const membership = actor ? membershipIn(actor, contestId) : null;
    const manages =
      isOrganiserOf(actor, contestId) ||
      (membership?.role === 'team' && membership.teamId === upload.teamId);
    const allowed = await (async () => {
      if (manages) return true;
      const entry = await this.dataSource.getRepository(Entry).findOne({
        where: [
          { contestId, videoUploadId: uploadId },
          { contestId, outlineUploadId: uploadId },
        ],
      });
      if (!entry) return false;
      if (membership?.role === 'judge')
        return entry.status === 'approved' || entry.status === 'published';
      return entry.status === 'published';
    })();
    // Not revealing that a file exists to someone who may not read it.
    if (!allowed) throw DomainError.notFound('FILE', 'Không tìm thấy tệp.');
    return Object.assign(upload, {
      key: storageKey(upload),
      downloadName: manages ? ownFileName(upload) : publicFileName(upload),
    });
  }

  openRead(key: string, range?: { start: number; end: number }) {
    return this.store.read(key, range);
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
      if (this.busy.has(upload.id)) continue;
      await this.withLock(upload.id, () => this.discard(null, upload, 'expired', 'ABANDONED'));
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
        ? ['failed', 'cancelled', 'expired'].includes(row.status)
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

  // ---- internals --------------------------------------------------------------------------

  private async finalize(actor: Actor, upload: Upload): Promise<UploadState> {
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
    const sha256 = await this.digest(upload.id, key, Number(upload.size));
    const duration =
      upload.kind === 'video' ? await probeDurationSeconds(this.store.localPath(key)) : null;
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
    this.hashes.delete(upload.id);
    return toState(ready, Number(ready.size));
  }

  private async rejectEarlyIfWrongType(actor: Actor, upload: Upload, key: string): Promise<void> {
    const type = sniffHeader(await this.store.head(key, SNIFF_BYTES));
    const allowed = ALLOWED_TYPES[upload.kind];
    const plausible =
      type !== null &&
      (allowed.includes(type as never) || (type === 'zip' && allowed.includes('docx')));
    if (!plausible) await this.reject(actor, upload, 'UNSUPPORTED_FILE_TYPE');
  }

  /** Marks the upload failed (audited), removes its bytes and answers 415. */
  private async reject(
    actor: Actor,
    upload: Upload,
    code: string,
    detail?: string,
  ): Promise<never> {
    await this.discard(actor, upload, 'failed', code);
    throw new DomainError(
      'unsupported_type',
      code,
      detail ??
        `Nội dung tệp không phải ${KIND_LABELS[upload.kind]}. Định dạng được xác định theo nội dung tệp, không theo tên tệp.`,
      [{ field: 'file', code, message: detail ?? 'Định dạng tệp không được chấp nhận.' }],
    );
  }

  private async discard(
    actor: Actor | null,
    upload: Upload,
    status: 'failed' | 'cancelled' | 'expired',
    code: string,
  ) {
    await this.dataSource.transaction(async (em: EntityManager) => {
      await em
        .getRepository(Upload)
        .update({ id: upload.id, status: 'pending' }, { status, failureCode: code });
      await this.audit.record(em, actor, {
        contestId: upload.contestId,
        action: `upload.${status === 'failed' ? 'reject' : status === 'cancelled' ? 'cancel' : 'expire'}`,
        entityType: 'upload',
        entityId: upload.id,
        before: { status: 'pending' },
        after: { status, failureCode: code },
      });
    });
    // Row first, then bytes: if we crash in between, the sweep removes the file of a dead row.
    this.hashes.delete(upload.id);
    await this.store.remove(storageKey(upload));
  }

  private async hashAt(id: string, key: string, offset: number): Promise<Hash> {
    const known = this.hashes.get(id);
    if (known && known.offset === offset) return known.hash;
    const hash = createHash('sha256');
    if (offset > 0) {
      for await (const chunk of this.store.read(key, { start: 0, end: offset - 1 }))
        hash.update(chunk as Buffer);
    }
    return hash;
  }

  private async digest(id: string, key: string, size: number): Promise<string> {
    return (await this.hashAt(id, key, size)).copy().digest('hex');
  }

  private async recordReceived(id: string, received: number) {
    await this.dataSource
      .getRepository(Upload)
      .update({ id, status: 'pending' }, { received: String(received) });
  }

  private async findOwn(actor: Actor, contestId: string, uploadId: string): Promise<Upload> {
    const teamId = ownTeamOf(actor, contestId);
    const upload = await this.dataSource
      .getRepository(Upload)
      .findOneBy({ id: uploadId, contestId });
    if (!upload || upload.teamId !== teamId)
      throw DomainError.notFound('UPLOAD', 'Không tìm thấy tệp đang tải lên.');
    return upload;
  }

  private async withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    if (this.busy.has(id)) {
      throw DomainError.conflict(
        'UPLOAD_BUSY',
        'Tệp đang được ghi bởi một kết nối khác, vui lòng thử lại sau giây lát.',
      );
    }
    this.busy.add(id);
    try {
      return await work();
    } finally {
      this.busy.delete(id);
    }
  }
}

/** Counts and hashes bytes on their way to disk; fails as soon as the declared size is exceeded. */
class ChunkGuard extends Transform {
  bytes = 0;
  overflow = false;
  constructor(
    private readonly remaining: number,
    private readonly hash: Hash,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.bytes + chunk.length > this.remaining) {
      this.overflow = true;
      done(new Error('upload exceeds declared length'));
      return;
    }
    this.bytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }
}

function toState(upload: Upload, offset: number): UploadState {
  return {
    id: upload.id,
    kind: upload.kind,
    status: upload.status,
    offset,
    size: Number(upload.size),
    sha256: upload.sha256,
    failureCode: upload.failureCode,
  };
}

function tooLarge(kind: UploadKind, limit: number, message?: string) {
  const mib = Math.floor(limit / (1024 * 1024));
  return new DomainError(
    'too_large',
    'FILE_TOO_LARGE',
    message ??
      `Tệp quá lớn: ${kind === 'video' ? 'video' : 'đề cương'} tối đa ${mib.toLocaleString('vi-VN')} MiB.`,
    [{ field: 'Upload-Length', code: 'FILE_TOO_LARGE', message: `Tối đa ${limit} byte.` }],
    { maxBytes: limit },
  );
}
