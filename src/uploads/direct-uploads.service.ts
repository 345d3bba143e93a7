import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, ownTeamOf } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { ContestsService } from '../contests/contests.service';
import { assertTeamCanEdit, TeamEntryService } from '../entries/team-entry.service';
import { FILE_STORE, FileStore } from '../storage/file-store';
import { S3FileStore } from '../storage/s3-file-store';
import { DirectUploadVerifier } from './direct-upload-verifier';
import type { PartUrlsDto, RecordPartDto, StartDirectUploadDto } from './direct-uploads.dto';
import { assertWithinTeamQuota } from './storage-budget';
import { cleanFileName } from './tus-headers';
import { UploadCompletionService } from './upload-completion.service';
import { storageKey } from './upload-state';
import { UploadPart } from './upload-part.entity';
import { Upload } from './upload.entity';
import { tooLarge, UploadsService } from './uploads.service';

const MIB = 1024 * 1024;
/** S3 allows at most 10.000 parts, each at least 5 MiB but the last. */
const MAX_PARTS = 10_000;

export interface DirectUploadView {
  id: string;
  kind: Upload['kind'];
  status: Upload['status'];
  size: number;
  partSize: number;
  partCount: number;
  parts: { partNumber: number; size: number; etag: string }[];
  received: number;
  verifying: boolean;
  sha256: string | null;
  failureCode: string | null;
}

/**
 * Direct uploads (STORAGE=s3): the browser sends the file's parts straight to the bucket with
 * presigned UploadPart URLs handed out a few at a time, and reports each stored part; the API
 * assembles them (CompleteMultipartUpload), checks the size and the header at once, and a
 * background job (DirectUploadVerifier) checks the whole content and the SHA-256 before the
 * upload is `ready`. The same rules as tus uploads: team accounts only, their entry editable,
 * size limits and the team quota checked before the first byte, every state change audited.
 */
@Injectable()
export class DirectUploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly contests: ContestsService,
    private readonly entries: TeamEntryService,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    private readonly completion: UploadCompletionService,
    private readonly verifier: DirectUploadVerifier,
  ) {}

  /** Bytes per part: 8 MiB, more for files past 80 GB (S3's 10.000-part cap). */
  static partSizeFor(size: number): number {
    return Math.max(8 * MIB, Math.ceil(size / MAX_PARTS / MIB) * MIB);
  }

  async start(actor: Actor, contestId: string, input: StartDirectUploadDto) {
    const teamId = ownTeamOf(actor, contestId);
    const store = this.s3();
    const max = this.uploads.maxSize(input.kind);
    if (input.size > max) throw tooLarge(input.kind, max);
    // the same cleaning as tus: a label only (no path, no control or bidi characters)
    const fileName = cleanFileName(input.fileName);
    const partSize = DirectUploadsService.partSizeFor(input.size);
    const quota = this.uploads.teamQuotaBytes();
    await this.completion.makeRoom(actor, teamId, input.kind, input.size, quota);
    const upload = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const entry = await this.entries.ensureEntry(em, actor, contest, teamId);
      assertTeamCanEdit(contest, entry);
      // under the contest's lock: two uploads started at once cannot both fit the last room
      await assertWithinTeamQuota(em, teamId, input.size, quota);
      const row = await em.getRepository(Upload).save(
        em.getRepository(Upload).create({
          contestId,
          teamId,
          kind: input.kind,
          originalName: fileName,
          size: String(input.size),
          received: '0',
          status: 'pending',
          createdBy: actor.userId,
          partSize,
        }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'upload.create',
        entityType: 'upload',
        entityId: row.id,
        after: { kind: input.kind, originalName: fileName, size: input.size, direct: true },
      });
      return row;
    });
    // The row exists before the bucket's multipart upload: an upload never lacks its row
    // (and one whose row lost the id is aborted by the bucket's lifecycle rule).
    upload.multipartId = await store.startMultipart(storageKey(upload));
    await this.dataSource
      .getRepository(Upload)
      .update({ id: upload.id }, { multipartId: upload.multipartId });
    return this.view(upload, []);
  }

  async get(actor: Actor, contestId: string, uploadId: string) {
    const upload = await this.findOwn(actor, contestId, uploadId);
    return this.view(upload, await this.partsOf(upload.id));
  }

  async partUrls(actor: Actor, contestId: string, uploadId: string, input: PartUrlsDto) {
    const upload = await this.findOwn(actor, contestId, uploadId);
    const store = this.s3();
    this.assertSending(upload);
    for (const n of input.partNumbers) this.assertPartNumber(upload, n);
    const seconds = this.settings.config.S3_PART_URL_SECONDS;
    const expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
    const urls = await Promise.all(
      input.partNumbers.map(async (partNumber) => ({
        partNumber,
        url: await store.presignPart(
          storageKey(upload),
          upload.multipartId!,
          partNumber,
          this.partLength(upload, partNumber),
          seconds,
        ),
      })),
    );
    return { urls, expiresAt };
  }

  /** The browser stored a part (its PUT answered 200 with an ETag): recorded, idempotently. */
  async recordPart(actor: Actor, contestId: string, uploadId: string, input: RecordPartDto) {
    const upload = await this.findOwn(actor, contestId, uploadId);
    this.assertSending(upload);
    this.assertPartNumber(upload, input.partNumber);
    const expected = this.partLength(upload, input.partNumber);
    if (input.size !== expected)
      throw DomainError.invalid(
        'PART_SIZE_MISMATCH',
        `Phần ${input.partNumber} phải dài ${expected} byte.`,
        'size',
      );
    await this.dataSource.query(
      `INSERT INTO upload_parts (upload_id, part_number, etag, size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (upload_id, part_number) DO UPDATE SET etag = EXCLUDED.etag, size = EXCLUDED.size`,
      [upload.id, input.partNumber, normaliseEtag(input.etag), input.size],
    );
    const parts = await this.partsOf(upload.id);
    const received = parts.reduce((sum, p) => sum + Number(p.size), 0);
    await this.dataSource
      .getRepository(Upload)
      .update({ id: upload.id, status: 'pending' }, { received: String(received) });
    upload.received = String(received);
    return this.view(upload, parts);
  }

  /**
   * Every part stored: the bucket assembles them; the object's size and header are checked at
   * once (a fake video is refused here, 415), the rest by the background verification.
   */
  async complete(actor: Actor, contestId: string, uploadId: string) {
    const upload = await this.findOwn(actor, contestId, uploadId);
    const store = this.s3();
    if (upload.partsCompletedAt || upload.status !== 'pending')
      return this.view(upload, await this.partsOf(upload.id)); // asked twice: same answer
    this.assertSending(upload);
    const parts = await this.partsOf(upload.id);
    const partCount = this.partCount(upload);
    const missing: number[] = [];
    for (let n = 1; n <= partCount; n++)
      if (!parts.some((p) => p.partNumber === n)) missing.push(n);
    if (missing.length) {
      throw DomainError.conflict(
        'PARTS_MISSING',
        `Còn thiếu ${missing.length} phần của tệp; hãy gửi tiếp rồi hoàn tất.`,
        'parts',
        { missingParts: missing.slice(0, 100) },
      );
    }
    const key = storageKey(upload);
    try {
      await store.completeMultipart(
        key,
        upload.multipartId!,
        parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
      );
    } catch (error) {
      // An earlier attempt may have assembled it, on an instance that died before recording so
      // (the client's retry lands here): the bucket then refuses this second CompleteMultipart
      // (the multipart upload is gone: 404 on AWS, 500 on s3rver) while the object is whole.
      const assembledBefore = (await store.stat(key).catch(() => null)) === Number(upload.size);
      if (!assembledBefore) throw completeRefused(error);
    }
    upload.partsCompletedAt = new Date(); // from here on, nothing left to abort
    const stored = await store.stat(key);
    if (stored !== Number(upload.size)) {
      await this.completion.discard(actor, upload, 'failed', 'SIZE_MISMATCH');
      throw DomainError.invalid(
        'SIZE_MISMATCH',
        `Tệp trong kho dài ${stored ?? 0} byte, khác kích thước đã khai báo (${upload.size} byte).`,
        'size',
      );
    }
    await this.completion.rejectEarlyIfWrongType(actor, upload, key);
    await this.dataSource.transaction(async (em) => {
      await em
        .getRepository(Upload)
        .update(
          { id: upload.id, status: 'pending' },
          { partsCompletedAt: upload.partsCompletedAt!, received: upload.size },
        );
      await this.audit.record(em, actor, {
        contestId,
        action: 'upload.assemble',
        entityType: 'upload',
        entityId: upload.id,
        before: { status: 'pending', parts: parts.length },
        after: { status: 'pending', verifying: true, size: Number(upload.size) },
      });
    });
    this.verifier.schedule(actor, upload.id);
    upload.received = upload.size;
    return this.view(upload, parts);
  }

  /** Cancelled by the team: the bucket's multipart upload is aborted, the row audited. */
  async abort(actor: Actor, contestId: string, uploadId: string): Promise<void> {
    const upload = await this.findOwn(actor, contestId, uploadId);
    this.s3();
    const notPending = () =>
      DomainError.conflict('UPLOAD_NOT_PENDING', 'Chỉ hủy được tệp đang tải lên.', 'status');
    if (upload.status !== 'pending' || upload.partsCompletedAt) throw notPending();
    // assembled or ended since it was read: nothing to abort
    const cancelled = await this.completion.discard(actor, upload, 'cancelled', 'CANCELLED', {
      partsCompletedAt: IsNull(),
    });
    if (!cancelled) throw notPending();
  }

  private s3(): S3FileStore {
    if (this.store instanceof S3FileStore) return this.store;
    throw DomainError.conflict(
      'DIRECT_UPLOADS_OFF',
      'Máy chủ này lưu tệp trên đĩa của mình: hãy tải lên theo cách thường (tus).',
    );
  }

  private assertSending(upload: Upload) {
    if (upload.status !== 'pending' || upload.partsCompletedAt || !upload.multipartId)
      throw DomainError.conflict(
        'UPLOAD_NOT_PENDING',
        'Tệp này đã hoàn tất, đang được kiểm tra hoặc đã bị hủy.',
        'status',
        { currentStatus: upload.status },
      );
  }

  private partCount(upload: Upload): number {
    return Math.max(1, Math.ceil(Number(upload.size) / upload.partSize!));
  }

  private partLength(upload: Upload, n: number): number {
    const count = this.partCount(upload);
    return n < count ? upload.partSize! : Number(upload.size) - (count - 1) * upload.partSize!;
  }

  private assertPartNumber(upload: Upload, n: number) {
    const count = this.partCount(upload);
    if (n > count)
      throw DomainError.invalid(
        'PART_OUT_OF_RANGE',
        `Tệp này có ${count} phần; không có phần số ${n}.`,
        'partNumbers',
      );
  }

  private partsOf(uploadId: string): Promise<UploadPart[]> {
    return this.dataSource
      .getRepository(UploadPart)
      .find({ where: { uploadId }, order: { partNumber: 'ASC' } });
  }

  private async findOwn(actor: Actor, contestId: string, uploadId: string): Promise<Upload> {
    const teamId = ownTeamOf(actor, contestId);
    const upload = await this.dataSource
      .getRepository(Upload)
      .findOneBy({ id: uploadId, contestId });
    // not revealing another team's upload
    if (!upload || upload.teamId !== teamId)
      throw DomainError.notFound('UPLOAD', 'Không tìm thấy tệp đang tải lên.');
    this.s3();
    if (upload.partSize === null)
      throw DomainError.conflict(
        'NOT_DIRECT_UPLOAD',
        'Tệp này được tải lên theo cách thường (tus), không theo từng phần.',
      );
    return upload;
  }

  private view(upload: Upload, parts: UploadPart[]): DirectUploadView {
    return {
      id: upload.id,
      kind: upload.kind,
      status: upload.status,
      size: Number(upload.size),
      partSize: upload.partSize!,
      partCount: this.partCount(upload),
      parts: parts.map((p) => ({ partNumber: p.partNumber, size: Number(p.size), etag: p.etag })),
      received: Number(upload.received),
      verifying: upload.status === 'pending' && upload.partsCompletedAt !== null,
      sha256: upload.sha256,
      failureCode: upload.failureCode,
    };
  }
}

/** ETags are quoted in S3's answers; stored and sent back quoted. */
function normaliseEtag(etag: string): string {
  const bare = etag.replace(/^"|"$/g, '');
  return `"${bare}"`;
}

/** The bucket's refusal of a CompleteMultipartUpload: its own fault (5xx, no answer) as is, else 409. */
function completeRefused(error: unknown): unknown {
  if (!(error instanceof S3ServiceException) || (error.$metadata.httpStatusCode ?? 500) >= 500)
    return error;
  return DomainError.conflict(
    'PARTS_INVALID',
    'Kho lưu trữ không ghép được các phần đã gửi (thiếu hoặc sai phần); hãy gửi lại tệp.',
    'parts',
    { storeCode: error.name },
  );
}
