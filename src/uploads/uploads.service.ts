import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { ContestsService } from '../contests/contests.service';
import { assertTeamCanEdit, TeamEntryService } from '../entries/team-entry.service';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { InFlightUploads } from './in-flight-uploads';
import { assertDiskFloor, assertWithinTeamQuota } from './storage-budget';
import { SNIFF_BYTES } from './upload-kinds';
import { UploadCompletionService } from './upload-completion.service';
import { storageKey, toState, UploadState } from './upload-state';
import { Upload, UploadKind } from './upload.entity';

export type { UploadState } from './upload-state';

/**
 * Resumable uploads (tus 1.0 core + creation + termination). Bytes are streamed straight to
 * the file store, hashed on the way, and made durable (fdatasync) at the end of every PATCH,
 * so an interrupted upload resumes at the last stored byte. The row is `ready` only after the
 * complete file is on disk and its content verified.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly contests: ContestsService,
    private readonly entries: TeamEntryService,
    private readonly audit: AuditService,
    private readonly inFlight: InFlightUploads,
    private readonly completion: UploadCompletionService,
  ) {}

  /** Per team, pending and stored uploads together; default 3 × the video limit. */
  teamQuotaBytes(): number {
    const config = this.settings.config;
    return config.UPLOAD_TEAM_QUOTA_BYTES ?? 3 * config.UPLOAD_MAX_VIDEO_BYTES;
  }

  minFreeDiskBytes(): number {
    return this.settings.config.UPLOAD_MIN_FREE_DISK_BYTES;
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
    if (this.store.kind === 's3') throw useDirectUploads();
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
    await assertDiskFloor(this.settings.dataDir, input.size, this.minFreeDiskBytes());
    await this.completion.makeRoom(actor, teamId, kind, input.size, this.teamQuotaBytes());
    const upload = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await this.entries.ensureEntry(em, actor, contest, teamId);
      assertTeamCanEdit(contest, entry);
      // under the contest's lock: two uploads created at once cannot both fit the last room
      await assertWithinTeamQuota(em, teamId, input.size, this.teamQuotaBytes());
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
    // a direct upload: its parts go to the bucket; the recorded ones are what is stored
    if (this.store.kind === 's3') return toState(upload, Number(upload.received));
    const offset = Math.min(await this.store.size(storageKey(upload)), Number(upload.size));
    if (offset === Number(upload.size) && !this.inFlight.busy.has(upload.id)) {
      return this.inFlight.withLock(upload.id, () => this.completion.finalize(actor, upload));
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
    if (this.store.kind === 's3') throw useDirectUploads();
    // a newer PATCH or DELETE of this upload stops this one (its answer, if anyone hears it: 409)
    const interrupt = () =>
      body.destroy(
        DomainError.conflict(
          'UPLOAD_TAKEN_OVER',
          'Một kết nối mới hơn đã tiếp tục tải tệp này; phần đã nhận được giữ lại.',
        ),
      );
    return this.inFlight.takeOver(upload.id, interrupt, async () => {
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
      const hash = await this.inFlight.hashAt(upload.id, key, current);
      const counter = new ChunkGuard(size - current, hash);
      const out = await this.store.appendStream(key);
      try {
        await pipeline(body, counter, out);
      } catch (error) {
        this.inFlight.hashes.delete(upload.id); // bytes hashed may not all have reached the disk
        // a write still under way would land after the size is read (and after the next PATCH
        // started): wait until the stream has let go of the file
        await writerClosed(out);
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
      this.inFlight.hashes.set(upload.id, { offset: now, hash });
      await this.store.sync(key);
      await this.recordReceived(upload.id, now);
      if (current < SNIFF_BYTES && now >= Math.min(SNIFF_BYTES, size)) {
        await this.completion.rejectEarlyIfWrongType(actor, upload, key);
      }
      if (now === size) return this.completion.finalize(actor, upload);
      return toState(upload, now);
    });
  }

  async cancel(actor: Actor, contestId: string, uploadId: string): Promise<void> {
    const upload = await this.findOwn(actor, contestId, uploadId);
    if (upload.status !== 'pending') throw notPending();
    const cancelled = await this.inFlight.takeOver(upload.id, null, () =>
      this.completion.discard(actor, upload, 'cancelled', 'CANCELLED'),
    );
    // finished (or ended) since it was read: its file stays
    if (!cancelled) throw notPending();
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
    // A terminated (or expired) upload is gone for tus: HEAD, PATCH and DELETE answer 404.
    if (!upload || upload.teamId !== teamId || GONE.includes(upload.status))
      throw DomainError.notFound('UPLOAD', 'Không tìm thấy tệp đang tải lên.');
    return upload;
  }
}

const GONE: Upload['status'][] = ['cancelled', 'expired'];

/** Resolves once a write stream has closed its file (bounded: never holds an upload forever). */
function writerClosed(stream: NodeJS.WritableStream): Promise<void> {
  const writable = stream as Writable;
  if (writable.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    writable.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
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

export function tooLarge(kind: UploadKind, limit: number, message?: string) {
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

const notPending = () =>
  DomainError.conflict('UPLOAD_NOT_PENDING', 'Chỉ hủy được tệp đang tải lên.', 'status');

/** STORAGE=s3: bytes go from the browser to the bucket, never through this server. */
function useDirectUploads() {
  return DomainError.conflict(
    'USE_DIRECT_UPLOAD',
    'Máy chủ lưu tệp trong kho đối tượng (S3): hãy tải lên trực tiếp qua /direct-uploads.',
  );
}
