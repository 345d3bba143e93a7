import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MinLength } from 'class-validator';
import { toBool, IntSetting } from './config-transforms';

/**
 * Sign-in, the first administrator, login rate limits and the audit chain's sealing and
 * signing (docs/configuration.md).
 */
export class AccessConfig {
  /** HMAC secret for JWTs; generated and kept in DATA_DIR when unset (single instance only). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET phải dài ít nhất 32 ký tự' })
  JWT_SECRET?: string;

  @IntSetting(60, 7 * 24 * 3600)
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

  @IntSetting(1, 10_000)
  LOGIN_RATE_LIMIT = 10;

  @IntSetting(1, 86_400)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /** Failed logins per client address across all usernames (password spraying)… */
  @IntSetting(1, 100_000)
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  /** …per this window, in seconds. */
  @IntSetting(1, 86_400)
  LOGIN_ADDRESS_RATE_WINDOW_SECONDS = 600;

  /** Audit rows are sealed into the hash chain this often (and before every verification). */
  @IntSetting(1, 3600)
  AUDIT_SEAL_INTERVAL_SECONDS = 5;

  /** A signed checkpoint of every audit chain that grew is taken this often. */
  @IntSetting(1, 86_400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 60;

  /**
   * Ed25519 private key signing the audit checkpoints (PEM, or its 32-byte seed in base64).
   * Unset: generated once and kept in DATA_DIR/audit-signing.key (mode 0600). Several
   * instances must share it.
   */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /**
   * How long a token's caller is remembered between requests, in milliseconds; 0 reads the
   * account on every request. Password changes and resets take effect at once regardless.
   */
  @IntSetting(0, 60_000)
  AUTH_CALLER_CACHE_MS = 5_000;
}
