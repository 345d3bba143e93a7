import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Server as HttpServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppModule } from './app.module';
import { documentResponseSchemas } from './common/api-schema';
import { applyApiContract } from './common/openapi-contract';
import { instanceIdOf } from './common/instance-id';
import { refuseDeepJson } from './common/json-depth';
import { requestLogger } from './common/request-logger';
import { compressResponses, securityHeaders, tlsOptions, trustProxy } from './common/serving';
import { startupLogger } from './common/startup-logger';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { readOrCreateSecret } from './config/secrets';
import type { Settings } from './config/settings';
import { provisionEmbeddedRoles } from './database/embedded-roles';
import { prepareDatabase } from './database/least-privilege';
import { MetricsService } from './metrics/metrics.service';
import { serveWebApp } from './web-app';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

export interface Database {
  /** the app's role (serves requests) */
  url: string;
  /** the schema owner's (runs migrations); equal to `url` when only DATABASE_URL is given */
  migrationUrl: string;
  embedded: EmbeddedDatabase | null;
}

/**
 * DATABASE_URL (and MIGRATION_DATABASE_URL) when given, otherwise a PostgreSQL of our own
 * under DATA_DIR/postgres, reached through its owner and app roles (least-privilege.ts).
 */
export async function openDatabase(
  config: AppConfig,
  log = new Logger('Database'),
): Promise<Database> {
  if (config.DATABASE_URL)
    return {
      url: config.DATABASE_URL,
      migrationUrl: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
      embedded: null,
    };
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const password = readOrCreateSecret(join(dataDir, '.pg-password'), 24);
  log.log(
    `starting embedded PostgreSQL in ${join(dataDir, 'postgres')} on port ${config.EMBEDDED_PG_PORT}`,
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'postgres'),
    port: config.EMBEDDED_PG_PORT,
    password,
    log: config.LOG_LEVEL === 'debug' ? (line) => log.debug(line) : undefined,
    supervisorLog: (message, level) => log[level](message),
  });
  try {
    const roles = await provisionEmbeddedRoles(embedded.url, dataDir);
    if (roles.reassigned)
      log.log(`${roles.reassigned} objects handed to the schema owner role (older data directory)`);
    return { url: roles.app, migrationUrl: roles.migration, embedded };
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
}

export function resolveSettings(
  config: AppConfig,
  databaseUrl: string,
  migrationDatabaseUrl = databaseUrl,
): Settings {
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    config,
    databaseUrl,
    migrationDatabaseUrl,
    dataDir,
    uploadDir: join(dataDir, 'uploads'),
    // A generated secret is kept in DATA_DIR so tokens survive restarts; several instances
    // must share JWT_SECRET instead.
    jwtSecret: config.JWT_SECRET ?? readOrCreateSecret(join(dataDir, '.jwt-secret'), 48),
  };
}

const NEST_LEVELS: Record<AppConfig['LOG_LEVEL'], LogLevel[] | false> = {
  debug: ['error', 'warn', 'log', 'debug'],
  info: ['error', 'warn', 'log'],
  warn: ['error', 'warn'],
  error: ['error'],
  silent: false,
};

/** Builds the HTTP application (migrations applied first). Used by main.ts and the tests. */
export async function createApp(settings: Settings): Promise<NestExpressApplication> {
  const warnings = await prepareDatabase({
    app: settings.databaseUrl,
    migration: settings.migrationDatabaseUrl,
  });
  if (settings.config.LOG_LEVEL !== 'silent') for (const text of warnings) warnLoudly(text);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    logger: startupLogger(NEST_LEVELS[settings.config.LOG_LEVEL]),
    bodyParser: false,
    httpsOptions: tlsOptions(settings.config),
  });
  configureApp(app, settings);
  return app;
}

/** A security warning that must not scroll by unnoticed at start-up. */
function warnLoudly(text: string): void {
  const bar = '!'.repeat(78);
  process.stderr.write(`\n${bar}\n!! CẢNH BÁO BẢO MẬT / SECURITY WARNING\n!! ${text}\n${bar}\n\n`);
}

const documents = new WeakMap<INestApplication, OpenAPIObject>();

/** The OpenAPI document built by configureApp (the test harness checks responses against it). */
export function openApiDocumentOf(app: INestApplication): OpenAPIObject {
  const document = documents.get(app);
  if (!document) throw new Error('configureApp has not run for this app');
  return document;
}

export function configureApp(app: NestExpressApplication, settings: Settings): void {
  const { config } = settings;
  app.set('trust proxy', trustProxy(config.TRUST_PROXY));
  app.disable('x-powered-by');
  app.use(requestLogger(config.LOG_LEVEL, instanceIdOf(config)));
  app.use(app.get(MetricsService).middleware());
  app.use(securityHeaders(config));
  app.use(compressResponses());
  // JSON bodies are small (files go through multipart/tus): 1 MB is plenty and bounds abuse.
  app.useBodyParser('json', { limit: '1mb', strict: true });
  app.use(refuseDeepJson()); // before anything walks the body recursively
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  const origins =
    config.CORS_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean) ?? [];
  if (origins.length) app.enableCors({ origin: origins, credentials: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hội thi Mô hình, sáng kiến cải cách hành chính — API')
      .setDescription(
        'API của nền tảng tổ chức hội thi. Lỗi luôn có dạng `{ statusCode, code, message, details: [{ field, code, message }] }`.',
      )
      .setVersion('0.1.0')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      .addServer('/', 'Máy chủ đang phục vụ tài liệu này')
      .addBearerAuth()
      .build(),
  );
  applyApiContract(document);
  documentResponseSchemas(document);
  documents.set(app, document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveWebApp(app, { dir: config.WEB_DIST_DIR, sourceMaps: config.SERVE_SOURCE_MAPS });
}

/**
 * HTTP server time limits. Headers must arrive within HTTP_HEADERS_TIMEOUT_SECONDS (60 s:
 * slow-loris); a whole request may take up to HTTP_REQUEST_TIMEOUT_SECONDS (30 min), since
 * one tus PATCH over a ward office's line can be long (clients are encouraged to send chunks
 * of a few MiB, see the README). Call it before `listen`.
 */
export function configureHttpServer(server: HttpServer, config: AppConfig): void {
  // Node enforces both limits only when it sweeps its connections (every 30 s by default, a
  // value read when the server starts listening): sweep often enough for the limits to hold.
  const sweep = Math.min(5000, Math.max(500, config.HTTP_HEADERS_TIMEOUT_SECONDS * 500));
  (server as HttpServer & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    sweep;
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  server.keepAliveTimeout = 5_000;
}

export type { INestApplication };
