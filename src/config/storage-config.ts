import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { toBool, toInt, IntSetting } from './config-transforms';

/**
 * Uploads and where file bytes live: the local disk (tus through the app) or an S3 bucket
 * (docs/storage.md).
 */
export class StorageConfig {
  /** Largest accepted video, in bytes (default 1 GiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  UPLOAD_MAX_VIDEO_BYTES = 1024 * 1024 * 1024;

  /** Largest accepted outline document, in bytes (default 20 MiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  UPLOAD_MAX_OUTLINE_BYTES = 20 * 1024 * 1024;

  /**
   * Disk a team's uploads may hold (stored and still uploading together), in bytes; default
   * 3 × UPLOAD_MAX_VIDEO_BYTES. A new upload past it is refused (413 QUOTA_EXCEEDED).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  UPLOAD_TEAM_QUOTA_BYTES?: number;

  /**
   * Free disk space kept under DATA_DIR (PostgreSQL often shares the disk): a new upload that
   * would leave less is refused (503 INSUFFICIENT_STORAGE). Default 2 GiB.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  UPLOAD_MIN_FREE_DISK_BYTES = 2 * 1024 * 1024 * 1024;

  /** Unfinished uploads untouched for this long are removed by the cleanup job. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  UPLOAD_PENDING_MAX_AGE_SECONDS = 24 * 3600;

  /** How often the cleanup job runs; 0 disables it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  UPLOAD_CLEANUP_INTERVAL_SECONDS = 30 * 60;

  /** Where file bytes live: `local` (DATA_DIR/uploads, tus through the app) or `s3` (a bucket). */
  @IsIn(['local', 's3'], { message: 'STORAGE phải là local hoặc s3' })
  STORAGE: 'local' | 's3' = 'local';

  /** The S3 API address, e.g. https://s3.ap-southeast-1.amazonaws.com or a MinIO URL. */
  @ValidateIf((c: StorageConfig) => c.STORAGE === 's3' || c.S3_ENDPOINT !== undefined)
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'S3_ENDPOINT phải là địa chỉ http:// hoặc https:// (bắt buộc khi STORAGE=s3)',
  })
  S3_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** Bucket name (3-63 characters: lower-case letters, digits, dots and hyphens). */
  @ValidateIf((c: StorageConfig) => c.STORAGE === 's3' || c.S3_BUCKET !== undefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET phải là tên bucket hợp lệ (bắt buộc khi STORAGE=s3)',
  })
  S3_BUCKET?: string;

  @ValidateIf((c: StorageConfig) => c.STORAGE === 's3' || c.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_ACCESS_KEY_ID là bắt buộc khi STORAGE=s3' })
  @MinLength(1, { message: 'S3_ACCESS_KEY_ID là bắt buộc khi STORAGE=s3' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((c: StorageConfig) => c.STORAGE === 's3' || c.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY là bắt buộc khi STORAGE=s3' })
  @MinLength(1, { message: 'S3_SECRET_ACCESS_KEY là bắt buộc khi STORAGE=s3' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addresses (endpoint/bucket/key): MinIO and most non-AWS stores need it. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /** How long a presigned part-upload URL stays valid (short: a few parts are handed out at a time). */
  @IntSetting(60, 3600)
  S3_PART_URL_SECONDS = 900;

  /** How long a presigned download/playback URL stays valid. */
  @IntSetting(60, 12 * 3600)
  S3_DOWNLOAD_URL_SECONDS = 900;

  /**
   * A direct upload's verification claimed longer ago than this is taken over by the cleanup
   * sweep (the instance verifying it died). Longer than the slowest verification.
   */
  @IntSetting(10, 24 * 3600)
  UPLOAD_VERIFY_CLAIM_SECONDS = 600;
}
