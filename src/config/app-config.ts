import { plainToInstance, Transform } from 'class-transformer';
import { accessSync, constants } from 'node:fs';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * Every setting the server reads from the environment, validated once at boot.
 * A wrong value stops the start with a message naming the variable (fail fast), instead of
 * surfacing later as an odd runtime error. The README's configuration table mirrors this class.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsOptional()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string; when unset an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL phải bắt đầu bằng postgres://' })
  DATABASE_URL?: string;

  /**
   * The schema owner's connection string: migrations run as it, and it grants DATABASE_URL's
   * role what the app needs. Unset: migrations run as DATABASE_URL (warned at boot).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, {
    message: 'MIGRATION_DATABASE_URL phải bắt đầu bằng postgres://',
  })
  MIGRATION_DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** HMAC secret for JWTs; generated and kept in DATA_DIR when unset (single instance only). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET phải dài ít nhất 32 ký tự' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 12 * 3600;

  @IsOptional()
  @IsString()
  @MinLength(3)
  ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD phải dài ít nhất 10 ký tự' })
  ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /** Failed logins per client address across all usernames (password spraying)… */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  /** …per this window, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_ADDRESS_RATE_WINDOW_SECONDS = 600;

  /** Comma-separated list of allowed browser origins; empty = CORS off. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsIn(['debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 20;

  /** Live board: a comment line is sent this often so proxies keep the stream open. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  LIVE_BOARD_HEARTBEAT_SECONDS = 15;

  /** Live board: at most one update per contest per this many milliseconds (coalescing). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  LIVE_BOARD_MIN_INTERVAL_MS = 250;

  /**
   * The address people type, e.g. https://hoithi.example.gov.vn (shown in the start-up banner,
   * and the base of the links in notifications; default http://localhost:PORT).
   * Starting with https:// tells the app it is served over HTTPS even behind a proxy that does
   * not say so: browsers are then told to load everything over HTTPS.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'PUBLIC_URL phải là địa chỉ http:// hoặc https://',
  })
  PUBLIC_URL?: string;

  /**
   * Which proxies may tell the client's address and protocol (X-Forwarded-For/-Proto):
   * `loopback` (a proxy on this machine), `false` (none), a hop count, or a comma-separated
   * list of addresses, CIDR ranges and the words loopback, linklocal, uniquelocal.
   */
  @Matches(
    /^(true|false|\d{1,2}|((loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?))*))$/,
    { message: 'TRUST_PROXY: loopback, false, số tầng proxy, hoặc danh sách địa chỉ/CIDR' },
  )
  TRUST_PROXY = 'loopback';

  /** Serve HTTPS directly: PEM certificate (chain) and its private key, both or neither. */
  @IsOptional()
  @IsString()
  TLS_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  TLS_KEY_FILE?: string;

  /** Serve the web app's source maps (.map files) to everyone; off by default. */
  @Transform(toBool)
  @IsBoolean()
  SERVE_SOURCE_MAPS = false;

  /** The built web app; default web/dist next to package.json. Unset and missing: API only. */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /** Audit rows are sealed into the hash chain this often (and before every verification). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  AUDIT_SEAL_INTERVAL_SECONDS = 5;

  /** A signed checkpoint of every audit chain that grew is taken this often. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 60;

  /**
   * Ed25519 private key signing the audit checkpoints (PEM, or its 32-byte seed in base64).
   * Unset: generated once and kept in DATA_DIR/audit-signing.key (mode 0600). Several
   * instances must share it.
   */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** A client must finish sending its request headers within this time (slow-loris). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_HEADERS_TIMEOUT_SECONDS = 60;

  /** A whole request (e.g. one upload chunk over a slow line) must finish within this time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 30 * 60;

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

  /**
   * How long a token's caller is remembered between requests, in milliseconds; 0 reads the
   * account on every request. Password changes and resets take effect at once regardless.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  AUTH_CALLER_CACHE_MS = 5_000;

  // ---- object storage (docs/storage.md) ----

  /** Where file bytes live: `local` (DATA_DIR/uploads, tus through the app) or `s3` (a bucket). */
  @IsIn(['local', 's3'], { message: 'STORAGE phải là local hoặc s3' })
  STORAGE: 'local' | 's3' = 'local';

  /** The S3 API address, e.g. https://s3.ap-southeast-1.amazonaws.com or a MinIO URL. */
  @ValidateIf((c: AppConfig) => c.STORAGE === 's3' || c.S3_ENDPOINT !== undefined)
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'S3_ENDPOINT phải là địa chỉ http:// hoặc https:// (bắt buộc khi STORAGE=s3)',
  })
  S3_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** Bucket name (3-63 characters: lower-case letters, digits, dots and hyphens). */
  @ValidateIf((c: AppConfig) => c.STORAGE === 's3' || c.S3_BUCKET !== undefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message: 'S3_BUCKET phải là tên bucket hợp lệ (bắt buộc khi STORAGE=s3)',
  })
  S3_BUCKET?: string;

  @ValidateIf((c: AppConfig) => c.STORAGE === 's3' || c.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_ACCESS_KEY_ID là bắt buộc khi STORAGE=s3' })
  @MinLength(1, { message: 'S3_ACCESS_KEY_ID là bắt buộc khi STORAGE=s3' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((c: AppConfig) => c.STORAGE === 's3' || c.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY là bắt buộc khi STORAGE=s3' })
  @MinLength(1, { message: 'S3_SECRET_ACCESS_KEY là bắt buộc khi STORAGE=s3' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style addresses (endpoint/bucket/key): MinIO and most non-AWS stores need it. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /** How long a presigned part-upload URL stays valid (short: a few parts are handed out at a time). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  S3_PART_URL_SECONDS = 900;

  /** How long a presigned download/playback URL stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(12 * 3600)
  S3_DOWNLOAD_URL_SECONDS = 900;

  /**
   * A direct upload's verification claimed longer ago than this is taken over by the cleanup
   * sweep (the instance verifying it died). Longer than the slowest verification.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(24 * 3600)
  UPLOAD_VERIFY_CLAIM_SECONDS = 600;

  // ---- notifications (docs/notifications.md) ----

  /** Mail server, e.g. smtp://user:pass@mail.example.vn:587 or smtps://…:465; unset: no e-mail. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL phải có dạng smtp://… hoặc smtps://…' })
  SMTP_URL?: string;

  /** Sender of every e-mail, e.g. "Hội thi CCHC <hoithi@noivu.example.vn>"; required with SMTP_URL. */
  @ValidateIf((c: AppConfig) => !!c.SMTP_URL || c.MAIL_FROM !== undefined)
  @Matches(/^(?:[^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/, {
    message: 'MAIL_FROM phải là một địa chỉ e-mail (bắt buộc khi có SMTP_URL)',
  })
  MAIL_FROM?: string;

  /** Where replies go (e.g. the organisers' desk); optional. */
  @IsOptional()
  @Matches(/^(?:[^<>\r\n]*<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/, {
    message: 'MAIL_REPLY_TO phải là một địa chỉ e-mail',
  })
  MAIL_REPLY_TO?: string;

  /** How often the sender looks for due e-mails, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(20)
  @Max(600_000)
  NOTIFY_POLL_MS = 2_000;

  /** Attempts before a temporarily failing e-mail is given up as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFY_MAX_ATTEMPTS = 8;

  /** First retry delay; each next one doubles (capped at 6 hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  NOTIFY_RETRY_BASE_SECONDS = 60;

  /** Connection, greeting and socket timeout towards the mail server. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  NOTIFY_SMTP_TIMEOUT_SECONDS = 30;

  /** Reminders of missing scorecards go this many hours before the judging deadline. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  REMINDER_HOURS_BEFORE = 24;

  /** How often the reminder job looks for due reminders; 0 disables it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  REMINDER_CHECK_INTERVAL_SECONDS = 300;

  // ---- several instances and operations (docs/operations.md, deploy/README.md) ----

  /** How many app instances serve this database; more than 1 requires JWT_SECRET. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  INSTANCE_COUNT = 1;

  /** This instance's name in logs and metrics; default host name and process id. */
  @IsOptional()
  @Matches(/^[\w.:-]{1,64}$/, { message: 'INSTANCE_ID: 1-64 chữ, số hoặc . _ : -' })
  INSTANCE_ID?: string;

  /** Prometheus metrics (GET /metrics) on this internal port; unset: no metrics. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** The address the metrics port listens on: keep it internal. */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** When set, the scraper must send `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN phải dài ít nhất 16 ký tự' })
  METRICS_TOKEN?: string;

  /** On SIGTERM, in-flight requests get this long to finish before the process exits. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  SHUTDOWN_GRACE_SECONDS = 10;

  // ---- fanpage readings (docs/fanpage.md) ----

  /** Where the Graph API answers; tests point it at a local server. */
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'FANPAGE_GRAPH_BASE_URL phải là địa chỉ http:// hoặc https:// (không có ? hay #)',
  })
  FANPAGE_GRAPH_BASE_URL = 'https://graph.facebook.com';

  /**
   * Key encrypting Page access tokens at rest (AES-256-GCM): 32 bytes in base64. Unset:
   * generated once into DATA_DIR/fanpage-token.key (mode 0600). Several instances share it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message:
      'FANPAGE_TOKEN_KEY phải là 32 byte mã hoá base64 (44 ký tự, ví dụ: openssl rand -base64 32)',
  })
  FANPAGE_TOKEN_KEY?: string;

  /** How often the fanpage schedule looks for due readings, in seconds; 0 disables it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  FANPAGE_CHECK_INTERVAL_SECONDS = 60;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'AUDIT_SIGNING_KEY',
    'JWT_SECRET',
    'ADMIN_USERNAME',
    'ADMIN_PASSWORD',
    'CORS_ORIGINS',
    'PUBLIC_URL',
    'TLS_CERT_FILE',
    'TLS_KEY_FILE',
    'UPLOAD_TEAM_QUOTA_BYTES',
    'SMTP_URL',
    'MAIL_FROM',
    'MAIL_REPLY_TO',
    'S3_ENDPOINT',
    'S3_BUCKET',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'INSTANCE_ID',
    'METRICS_TOKEN',
    'METRICS_PORT',
    'FANPAGE_TOKEN_KEY',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  - ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  checkTlsFiles(config);
  // Several instances, or any that shares a bucket, must sign tokens with the same secret; one
  // generated per DATA_DIR would make a token from one instance fail on the next.
  if (config.STORAGE === 's3' && !config.JWT_SECRET)
    throw new ConfigError(
      'Cấu hình không hợp lệ (invalid configuration):\n  - JWT_SECRET là bắt buộc khi STORAGE=s3 (mọi máy chủ dùng chung bucket phải ký phiên đăng nhập bằng cùng một khóa).',
    );
  if (config.INSTANCE_COUNT > 1 && !config.JWT_SECRET)
    throw new ConfigError(
      'Cấu hình không hợp lệ (invalid configuration):\n  - JWT_SECRET: bắt buộc khi chạy nhiều máy chủ (INSTANCE_COUNT > 1), mọi máy chủ dùng chung một khóa.',
    );
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL)
    throw new ConfigError(
      'Cấu hình không hợp lệ (invalid configuration):\n  - MIGRATION_DATABASE_URL cần đi kèm DATABASE_URL (the app role).',
    );
  return config;
}

/** TLS_CERT_FILE and TLS_KEY_FILE come together, and both must be readable files. */
function checkTlsFiles(config: AppConfig): void {
  const problems: string[] = [];
  if (Boolean(config.TLS_CERT_FILE) !== Boolean(config.TLS_KEY_FILE))
    problems.push(
      `  - ${config.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'}: cần cả TLS_CERT_FILE và TLS_KEY_FILE để phục vụ HTTPS`,
    );
  for (const key of ['TLS_CERT_FILE', 'TLS_KEY_FILE'] as const) {
    const path = config[key];
    if (!path) continue;
    try {
      accessSync(path, constants.R_OK);
    } catch {
      problems.push(`  - ${key}=${JSON.stringify(path)}: không đọc được tệp này`);
    }
  }
  if (problems.length)
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${problems.join('\n')}`);
}
