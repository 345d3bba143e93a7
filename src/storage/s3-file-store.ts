import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat as statFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '../config/app-config';
import type { FileStore } from './file-store';
import type { ByteSource } from './sniff';

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Files kept between an import's preview and its commit: `previews/<kind>/<uuid>`. They are
 * not uploads, so `list()` (the orphan sweep's view) never returns them. */
const KEPT_KEY = /^previews\/[a-z-]+\/[0-9a-f-]{36}$/;

const checkKey = (key: string) => {
  // Keys are server-made UUID pairs; anything else is a bug, never a key to send.
  if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
  return key;
};

const checkKeptKey = (key: string) => {
  if (!KEPT_KEY.test(key)) throw new Error(`invalid kept-file key: ${key}`);
  return key;
};

export interface StoredPart {
  partNumber: number;
  etag: string;
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, the object storage of Vietnamese clouds),
 * through the AWS SDK v3. Video bytes never pass through the app: browsers upload parts with
 * presigned `UploadPart` URLs and download with presigned `GetObject` URLs. The app itself
 * only reads a few ranges (type sniffing) and, once per upload, the whole object to hash it.
 *
 * The tus methods (create/append/sync/truncate/localPath) belong to the embedded mode: the
 * tus routes refuse to start an upload when STORAGE=s3, so these are never reached.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: AppConfig) {
    this.bucket = config.S3_BUCKET!;
    this.client = new S3Client({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: {
        accessKeyId: config.S3_ACCESS_KEY_ID!,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      },
      // Only the checksums every S3-compatible store understands (MD5/ETag); the CRC32
      // default of recent SDKs is refused by several non-AWS stores.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  // ---- multipart uploads, straight from the browser ----

  async startMultipart(key: string): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: checkKey(key) }),
    );
    if (!out.UploadId) throw new Error('the object store returned no UploadId');
    return out.UploadId;
  }

  /**
   * A presigned UploadPart URL for exactly `length` bytes: the length is a signed header, so
   * the bucket refuses a PUT of any other size (no part can hold more than the team declared).
   */
  presignPart(key: string, uploadId: string, partNumber: number, length: number, seconds: number) {
    return getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        UploadId: uploadId,
        PartNumber: partNumber,
        ContentLength: length,
      }),
      { expiresIn: seconds, signableHeaders: new Set(['content-length']) },
    );
  }

  async completeMultipart(key: string, uploadId: string, parts: StoredPart[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
    );
  }

  /** Frees the parts of an unfinished upload; one already gone is not an error. */
  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: checkKey(key),
          UploadId: uploadId,
        }),
      );
    } catch (error) {
      if (errorName(error) !== 'NoSuchUpload') throw error;
    }
  }

  /**
   * The bucket's unfinished multipart uploads, or null when the server does not implement the
   * listing (s3rver); the bucket's lifecycle rule (docs/storage.md) is the backstop then.
   */
  async listMultipartUploads(): Promise<
    { key: string; uploadId: string; startedAt: Date }[] | null
  > {
    const out: { key: string; uploadId: string; startedAt: Date }[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const u of page.Uploads ?? []) {
          if (u.Key && u.UploadId && KEY.test(u.Key))
            out.push({ key: u.Key, uploadId: u.UploadId, startedAt: u.Initiated ?? new Date(0) });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      if (['NotImplemented', 'MethodNotAllowed'].includes(errorName(error) ?? '')) return null;
      throw error;
    }
    return out;
  }

  // ---- downloads ----

  presignGet(
    key: string,
    options: { contentType: string; contentDisposition: string; seconds: number },
  ): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.contentDisposition,
      }),
      { expiresIn: options.seconds },
    );
  }

  /** Positional reads of an object by ranged GETs (for the type sniffers). */
  byteSource(key: string, size: number): ByteSource {
    return {
      size,
      read: async (position, length) => {
        const end = Math.min(size, position + length) - 1;
        if (end < position) return Buffer.alloc(0);
        return this.range(key, position, end);
      },
    };
  }

  // ---- files kept between an import's preview and its commit (any instance commits) ----

  readonly sharesKeptFiles = true;

  /** Stores a small server-side file (an import's preview, at most a few MB). */
  async putKept(key: string, path: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: checkKeptKey(key),
        Body: createReadStream(path),
        ContentLength: (await statFile(path)).size,
      }),
    );
  }

  /** Writes a kept file to `path`; false when the bucket does not have it. */
  async fetchKept(key: string, path: string): Promise<boolean> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: checkKeptKey(key) }),
      );
      await pipeline(out.Body as Readable, createWriteStream(path));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async removeKept(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKeptKey(key) }),
    );
  }

  // ---- FileStore ----

  async stat(key: string): Promise<number | null> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }),
      );
      return out.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async size(key: string): Promise<number> {
    return (await this.stat(key)) ?? 0;
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    const client = this.client;
    const bucket = this.bucket;
    return Readable.from(
      (async function* () {
        const out = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: checkKey(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        for await (const chunk of out.Body as Readable) yield chunk as Buffer;
      })(),
      { objectMode: false },
    );
  }

  async head(key: string, length: number): Promise<Buffer> {
    return this.range(key, 0, length - 1);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async list(): Promise<{ key: string; modifiedAt: Date }[]> {
    const out: { key: string; modifiedAt: Date }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key && KEY.test(object.Key))
          out.push({ key: object.Key, modifiedAt: object.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  /**
   * Health probe: HeadBucket (the bucket exists and these credentials reach it). It writes
   * nothing, so a balancer checking every second costs the store one cheap request per
   * instance every few seconds (StorageService caches the answer).
   */
  async checkHealth(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), {
      // a bucket that hangs is a failed probe (the health check itself never waits for it)
      abortSignal: AbortSignal.timeout(10_000),
    });
  }

  create(): Promise<void> {
    return Promise.reject(notInS3Mode());
  }
  appendStream(): never {
    throw notInS3Mode();
  }
  sync(): Promise<void> {
    return Promise.reject(notInS3Mode());
  }
  truncate(): Promise<void> {
    return Promise.reject(notInS3Mode());
  }
  localPath(): string {
    throw notInS3Mode();
  }

  destroy(): void {
    this.client.destroy();
  }

  private async range(key: string, start: number, end: number): Promise<Buffer> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: checkKey(key),
          Range: `bytes=${start}-${end}`,
        }),
      );
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (error) {
      if (errorName(error) === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof S3ServiceException ? error.name : (error as Error | undefined)?.name;
}

function isMissing(error: unknown): boolean {
  const name = errorName(error);
  return (
    name === 'NotFound' ||
    name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404
  );
}

const notInS3Mode = () =>
  new Error('tus uploads to local disk are not available when STORAGE=s3 (use direct uploads)');
