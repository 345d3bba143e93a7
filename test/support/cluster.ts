import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_MAIN, freePort, stopProcess } from './built-server';

/** deploy/haproxy.cfg: the committed balancer config, run as is. */
export const HAPROXY_CONFIG = join(__dirname, '..', '..', 'deploy', 'haproxy.cfg');

export interface Instance {
  id: string;
  port: number;
  metricsPort: number;
  proc: ChildProcess;
  output: string;
}

/**
 * Several built app instances (separate processes: passport strategies are global per
 * process) on one PostgreSQL, behind HAProxy with deploy/haproxy.cfg, all on free ports of
 * 127.0.0.1 and run as the current user. Files: object storage when `env` has STORAGE=s3 and
 * its settings; each instance then gets a DATA_DIR of its own (nothing shared on disk: the
 * audit key comes from AUDIT_SIGNING_KEY). Without a bucket, pass one shared DATA_DIR.
 */
export class Cluster {
  readonly instances: Instance[] = [];
  balancer: ChildProcess | null = null;
  balancerPort = 0;
  statsPort = 0;
  balancerOutput = '';
  /** DATA_DIRs this cluster created (one per instance when `env` has none) */
  private readonly ownDirs: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly size = 3,
    /** the built server and the balancer config (the bench runs from dist-bench/) */
    private readonly files = { main: BUILT_MAIN, haproxyConfig: HAPROXY_CONFIG },
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.balancerPort}`;
  }

  async start(): Promise<void> {
    await this.startInstances();
    await this.startBalancer();
  }

  /** The instances only (a test may put another balancer in front of them). */
  async startInstances(): Promise<void> {
    // one after the other: the first applies the migrations and seeds (both under advisory
    // locks, so starting together would also work, just slower on 2 cores)
    for (let i = 1; i <= this.size; i++) this.instances.push(await this.startInstance(`app${i}`));
  }

  async startInstance(id: string): Promise<Instance> {
    const port = await freePort();
    const metricsPort = await freePort();
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    let dataDir = this.env.DATA_DIR;
    if (!dataDir) {
      dataDir = mkdtempSync(join(tmpdir(), `cchc-${id}-`));
      this.ownDirs.push(dataDir);
    }
    const proc = spawn(process.execPath, [this.files.main], {
      env: {
        ...rest,
        ...this.env,
        DATA_DIR: dataDir,
        INSTANCE_ID: id,
        INSTANCE_COUNT: String(this.size),
        PORT: String(port),
        HOST: '127.0.0.1',
        METRICS_PORT: String(metricsPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const instance: Instance = { id, port, metricsPort, proc, output: '' };
    proc.stdout!.on('data', (d) => (instance.output += d));
    proc.stderr!.on('data', (d) => (instance.output += d));
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null)
        throw new Error(`${id} exited early (${proc.exitCode}):\n${instance.output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return instance;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${id} did not become healthy:\n${instance.output}`);
  }

  private async startBalancer(): Promise<void> {
    this.balancerPort = await freePort();
    this.statsPort = await freePort();
    // deploy/haproxy.cfg names three servers: fewer instances fill the rest with the first
    const addresses = Object.fromEntries(
      [0, 1, 2].map((i) => [
        `APP${i + 1}`,
        `127.0.0.1:${(this.instances[i] ?? this.instances[0]!).port}`,
      ]),
    );
    // -db: stay in the foreground (no daemon, no pid file): the test owns the process
    this.balancer = spawn('/usr/sbin/haproxy', ['-db', '-f', this.files.haproxyConfig], {
      env: {
        PATH: process.env.PATH,
        LISTEN_ADDR: `127.0.0.1:${this.balancerPort}`,
        STATS_ADDR: `127.0.0.1:${this.statsPort}`,
        ...addresses,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.balancer.stdout!.on('data', (d) => (this.balancerOutput += d));
    this.balancer.stderr!.on('data', (d) => (this.balancerOutput += d));
    const balancer = this.balancer;
    await this.waitUntil(async () => {
      if (balancer.exitCode !== null)
        throw new Error(`haproxy exited (${balancer.exitCode}):\n${this.balancerOutput}`);
      return (await this.serverStates()).every((s) => s === 'UP');
    }, 60_000);
  }

  /** HAProxy's view of each instance (UP, DOWN, …), from its stats CSV. */
  async serverStates(): Promise<string[]> {
    const csv = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`).then(
      (r) => r.text(),
      () => '',
    );
    return [0, 1, 2].map((i) => {
      const line = csv.split('\n').find((l) => l.startsWith(`app,app${i + 1},`));
      return line?.split(',')[17] ?? 'UNKNOWN';
    });
  }

  /** One instance's Prometheus metrics (its internal port). */
  async metrics(instance: Instance): Promise<string> {
    return fetch(`http://127.0.0.1:${instance.metricsPort}/metrics`).then((r) => r.text());
  }

  async waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`condition not reached in ${timeoutMs} ms; balancer:\n${this.balancerOutput}`);
  }

  async stop(): Promise<void> {
    if (this.balancer) await stopProcess(this.balancer, 'SIGTERM');
    await Promise.all(this.instances.map((i) => stopProcess(i.proc, 'SIGKILL')));
    for (const dir of this.ownDirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** A data directory the instances share (uploads, audit signing key). */
export function sharedDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'cchc-cluster-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
