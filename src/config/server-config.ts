import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { toBool, IntSetting } from './config-transforms';

/**
 * The server itself: its address, database, data directory, HTTP limits, proxies, TLS and the
 * web app it serves (docs/configuration.md).
 */
export class ServerConfig {
  @IntSetting(0, 65535)
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

  @IntSetting(1024, 65535)
  EMBEDDED_PG_PORT = 54329;

  /** Comma-separated list of allowed browser origins; empty = CORS off. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsIn(['debug', 'info', 'warn', 'error', 'silent'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'info';

  @IntSetting(1, 100)
  DB_POOL_SIZE = 20;

  /** Live board: a comment line is sent this often so proxies keep the stream open. */
  @IntSetting(1, 300)
  LIVE_BOARD_HEARTBEAT_SECONDS = 15;

  /** Live board: at most one update per contest per this many milliseconds (coalescing). */
  @IntSetting(0, 10_000)
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

  /** A client must finish sending its request headers within this time (slow-loris). */
  @IntSetting(1, 600)
  HTTP_HEADERS_TIMEOUT_SECONDS = 60;

  /** A whole request (e.g. one upload chunk over a slow line) must finish within this time. */
  @IntSetting(1, 24 * 3600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 30 * 60;
}
