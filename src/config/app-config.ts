import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { accessSync, constants } from 'node:fs';
import { AccessConfig } from './access-config';
import { ClusterConfig } from './cluster-config';
import { FanpageConfig } from './fanpage-config';
import { MailConfig } from './mail-config';
import { ServerConfig } from './server-config';
import { StorageConfig } from './storage-config';

/**
 * Every setting the server reads from the environment, validated once at boot (loadConfig).
 * A wrong value stops the start with a message naming the variable (fail fast), instead of
 * surfacing later as an odd runtime error. The settings are declared by group, one class per
 * file (server, access, storage, mail, cluster, fanpage); the checks that span groups are
 * here. docs/configuration.md mirrors these classes.
 */
export type AppConfig = ServerConfig &
  AccessConfig &
  StorageConfig &
  MailConfig &
  ClusterConfig &
  FanpageConfig;

const SETTINGS_GROUPS: (new () => object)[] = [
  ServerConfig,
  AccessConfig,
  StorageConfig,
  MailConfig,
  ClusterConfig,
  FanpageConfig,
];

/** The variables a group reads: its properties that carry a validation decorator (all do). */
function settingNames(group: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(group, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const config = {} as AppConfig;
  const errors: ValidationError[] = [];
  for (const group of SETTINGS_GROUPS) {
    const raw: Record<string, string> = {};
    for (const key of settingNames(group)) {
      const value = env[key];
      if (value !== undefined && value !== '') raw[key] = value;
    }
    const part = plainToInstance(group, raw, { exposeDefaultValues: true });
    errors.push(...validateSync(part, { whitelist: true, forbidUnknownValues: false }));
    Object.assign(config, part);
  }
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  - ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Cấu hình không hợp lệ (invalid configuration):\n${lines.join('\n')}`);
  }
  checkTlsFiles(config);
  checkSharedKeys(config);
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL)
    throw new ConfigError(
      'Cấu hình không hợp lệ (invalid configuration):\n  - MIGRATION_DATABASE_URL cần đi kèm DATABASE_URL (the app role).',
    );
  return config;
}

/**
 * Several instances, or any on a bucket (each then has a DATA_DIR of its own), must share every
 * key that a DATA_DIR would otherwise generate for itself: a token signed by one instance is
 * checked by the next (JWT_SECRET), a fanpage token sealed by one is opened by the next
 * (FANPAGE_TOKEN_KEY), and the audit checkpoints carry one signature (AUDIT_SIGNING_KEY).
 */
function checkSharedKeys(config: AppConfig): void {
  const why =
    config.STORAGE === 's3'
      ? 'STORAGE=s3'
      : config.INSTANCE_COUNT > 1
        ? 'chạy nhiều máy chủ (INSTANCE_COUNT > 1)'
        : null;
  if (!why) return;
  const missing = (['JWT_SECRET', 'AUDIT_SIGNING_KEY', 'FANPAGE_TOKEN_KEY'] as const).filter(
    (key) => !config[key],
  );
  if (missing.length)
    throw new ConfigError(
      `Cấu hình không hợp lệ (invalid configuration):\n${missing
        .map((key) => `  - ${key}: bắt buộc khi ${why}, mọi máy chủ dùng chung một khóa.`)
        .join('\n')}`,
    );
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
