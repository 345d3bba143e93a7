import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The S3-compatible server of the tests and benchmarks: s3rver in a child process of its own
 * (test/support/s3rver-process.js), a real HTTP server on a free port with one bucket. Reusable:
 * `const s3 = await startS3Server(); startTestApp(s3.env); … await s3.stop()`.
 */
export interface S3Server {
  port: number;
  endpoint: string;
  bucket: string;
  /** s3rver's data folder (objects and unfinished multipart uploads). */
  dir: string;
  /** The app settings that point at this server (STORAGE=s3 and S3_*). */
  env: Record<string, string>;
  /** Multipart uploads s3rver still holds parts for (not completed, not aborted). */
  openMultipartUploads(): string[];
  stop(): Promise<void>;
}

export interface S3ServerOptions {
  /** Where s3rver's data folder is made (default: the OS temporary folder). The benchmark
   * passes /dev/shm to take the disk out of the comparison. */
  parentDir?: string;
}

export async function startS3Server(
  bucket = 'hoithi-test',
  options: S3ServerOptions = {},
): Promise<S3Server> {
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'cchc-s3-'));
  // next to this file under jest; from the project root when compiled elsewhere (benchmarks)
  const script = [
    join(__dirname, 's3rver-process.js'),
    join(process.cwd(), 'test', 'support', 's3rver-process.js'),
  ].find((path) => existsSync(path))!;
  const proc: ChildProcess = spawn(process.execPath, [script], {
    env: { ...process.env, S3_DIR: dir, S3_BUCKET: bucket, S3_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`s3 server exited (${code})`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    port,
    endpoint,
    bucket,
    dir,
    env: {
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      // s3rver's built-in account
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    openMultipartUploads() {
      // s3rver keeps unfinished uploads in <dir>/<bucket>/.../uploads/<uploadId>/
      const found: string[] = [];
      const walk = (path: string) => {
        for (const entry of readdirSync(path, { withFileTypes: true })) {
          if (!entry.isDirectory()) continue;
          const full = join(path, entry.name);
          if (/uploads/.test(entry.name) && existsSync(full)) {
            for (const id of readdirSync(full)) found.push(id);
          } else walk(full);
        }
      };
      if (existsSync(join(dir, bucket))) walk(join(dir, bucket));
      return found;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        await new Promise<void>((resolve) => {
          proc.once('exit', () => resolve());
          proc.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
