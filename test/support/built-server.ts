import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `npm start` runs, built by `npm run build` (npm test builds first). */
export const BUILT_MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * The built server as a child process, for tests that stop, kill and restart it. `output`
 * collects its stdout and stderr since the last start.
 */
export class BuiltServer {
  output = '';

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly port: number,
    /** its DATA_DIR (embedded PostgreSQL, uploads) */
    readonly dataDir: string,
  ) {
    if (!existsSync(BUILT_MAIN))
      throw new Error('dist/src/main.js is missing: run `npm run build` first (npm test does).');
  }

  /**
   * A server of its own: a new data directory (so an embedded PostgreSQL of its own, never
   * the suite's DATABASE_URL), free ports, and `settings` on top of the test's environment.
   */
  static async inFreshDataDir(name: string, settings: NodeJS.ProcessEnv): Promise<BuiltServer> {
    const dataDir = mkdtempSync(join(tmpdir(), `cchc-${name}-`));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    const env = {
      ...rest,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      ...settings,
    };
    return new BuiltServer(env, port, dataDir);
  }

  removeDataDir(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Starts it and waits until /api/health answers 200: 180 s at most (a fresh data directory's
   * initdb and migrations took more than 90 s at load 24 on 2 cores).
   */
  async start(): Promise<ChildProcess> {
    this.output = '';
    const proc = spawn(process.execPath, [BUILT_MAIN], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d) => (this.output += d));
    proc.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null)
        throw new Error(`server exited early (${proc.exitCode}):\n${this.output}`);
      const ok = await fetch(`http://127.0.0.1:${this.port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return proc;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }
}

/** Sends a signal and resolves with the exit code (at once if it already exited). */
export function stopProcess(proc: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve(proc.exitCode);
    proc.once('exit', (code) => resolve(code));
    proc.kill(signal);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
