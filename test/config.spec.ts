import { openDatabase } from '../src/bootstrap';
import { ConfigError, loadConfig } from '../src/config/app-config';

/** The keys every instance of one deployment shares (as an operator's env file gives them). */
const sharedKeys = {
  JWT_SECRET: 'x'.repeat(40),
  AUDIT_SIGNING_KEY: Buffer.alloc(32, 3).toString('base64'),
  FANPAGE_TOKEN_KEY: Buffer.alloc(32, 4).toString('base64'),
};

describe('configuration validated at boot', () => {
  it('uses documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(config.SEED_DEMO).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      SEED_DEMO: 'false',
      DATABASE_URL: 'postgres://u:p@h/db',
    });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_DEMO).toBe(false);
    expect(config.DATABASE_URL).toBe('postgres://u:p@h/db');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['ADMIN_PASSWORD', '123'],
    ['SMTP_URL', 'http://mail.example.vn'],
    ['MAIL_REPLY_TO', 'not an address'],
    ['PUBLIC_URL', 'hoithi.example.vn'],
    ['NOTIFY_MAX_ATTEMPTS', '0'],
  ])('fails fast naming %s=%s', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(key));
  });

  it('takes the schema owner from MIGRATION_DATABASE_URL and the app role from DATABASE_URL', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://cchc_app:a@db/cchc',
      MIGRATION_DATABASE_URL: 'postgres://cchc_owner:o@db/cchc',
    });
    expect(await openDatabase(config)).toEqual({
      url: 'postgres://cchc_app:a@db/cchc',
      migrationUrl: 'postgres://cchc_owner:o@db/cchc',
      embedded: null,
    });
    // one URL: migrations and the app share it (warned at boot when it is a superuser)
    expect(await openDatabase(loadConfig({ DATABASE_URL: 'postgres://u:p@db/x' }))).toMatchObject({
      url: 'postgres://u:p@db/x',
      migrationUrl: 'postgres://u:p@db/x',
    });
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://o@db/x' })).toThrow(
      /MIGRATION_DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://a@db/x', MIGRATION_DATABASE_URL: 'mysql://o' }),
    ).toThrow(/MIGRATION_DATABASE_URL/);
  });

  it('e-mail: off by default; with SMTP_URL the sender (MAIL_FROM) is required', () => {
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.vn:587' })).toThrow(/MAIL_FROM/);
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pass@mail.example.vn:465',
      MAIL_FROM: 'Hội thi CCHC <hoithi@noivu.example.vn>',
      MAIL_REPLY_TO: 'btc@noivu.example.vn',
      PUBLIC_URL: 'https://hoithi.example.vn',
    });
    expect(config.MAIL_FROM).toBe('Hội thi CCHC <hoithi@noivu.example.vn>');
    expect(config.REMINDER_HOURS_BEFORE).toBe(24);
  });

  it('object storage: local by default; STORAGE=s3 needs the bucket settings and JWT_SECRET', () => {
    expect(loadConfig({}).STORAGE).toBe('local');
    const s3 = {
      STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'hoithi-files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      ...sharedKeys,
    };
    const config = loadConfig(s3);
    expect(config).toMatchObject({
      STORAGE: 's3',
      S3_FORCE_PATH_STYLE: true,
      S3_REGION: 'us-east-1',
    });
    expect(() => loadConfig({ ...s3, JWT_SECRET: undefined })).toThrow(/JWT_SECRET.*STORAGE=s3/);
    for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(() => loadConfig({ ...s3, [key]: undefined })).toThrow(new RegExp(key));
    }
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ STORAGE: 'ftp' })).toThrow(/STORAGE/);
  });

  it('several instances: JWT_SECRET is required when INSTANCE_COUNT > 1', () => {
    expect(() => loadConfig({ INSTANCE_COUNT: '3' })).toThrow(ConfigError);
    expect(() => loadConfig({ INSTANCE_COUNT: '3' })).toThrow(/JWT_SECRET/);
    const config = loadConfig({ INSTANCE_COUNT: '3', ...sharedKeys });
    expect(config.INSTANCE_COUNT).toBe(3);
    expect(loadConfig({}).INSTANCE_COUNT).toBe(1); // one instance: a generated secret is fine
    expect(() => loadConfig({ INSTANCE_ID: 'a b' })).toThrow(/INSTANCE_ID/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('several instances or a bucket: every key a DATA_DIR would generate must be given', () => {
    // a fanpage token sealed by one instance must open on the next; checkpoints carry one key
    for (const key of Object.keys(sharedKeys)) {
      const message = new RegExp(`${key}: bắt buộc khi chạy nhiều máy chủ`);
      expect(() => loadConfig({ INSTANCE_COUNT: '2', ...sharedKeys, [key]: undefined })).toThrow(
        message,
      );
    }
    const all = (() => {
      try {
        loadConfig({
          STORAGE: 's3',
          S3_ENDPOINT: 'http://127.0.0.1:9000',
          S3_BUCKET: 'hoithi',
          S3_ACCESS_KEY_ID: 'key',
          S3_SECRET_ACCESS_KEY: 'secret',
        });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(all).toMatch(/JWT_SECRET: bắt buộc khi STORAGE=s3/);
    expect(all).toMatch(/AUDIT_SIGNING_KEY: bắt buộc khi STORAGE=s3/);
    expect(all).toMatch(/FANPAGE_TOKEN_KEY: bắt buộc khi STORAGE=s3/);
  });
});
