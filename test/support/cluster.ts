import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_MAIN, freePort, stopProcess } from './built-server';
import {
  CLUSTERS_OF_THIS_FILE,
  RECENT_LINES,
  RecentOutput,
  type PrintsRecentOutput,
} from './recent-output';

/** deploy/haproxy.cfg: the committed balancer config, run as is. */
export const HAPROXY_CONFIG = join(__dirname, '..', '..', 'deploy', 'haproxy.cfg');

export interface Instance {
  id: string;
  port: number;
  metricsPort: number;
  proc: ChildProcess;
  /** its last lines (stdout and stderr), printed when a test fails or it exits on its own */
  output: RecentOutput;
}

/** The clusters of the running test file, for the test environment to print on a failure. */
function clustersOfThisFile(): Set<PrintsRecentOutput> {
  const global = globalThis as { [CLUSTERS_OF_THIS_FILE]?: Set<PrintsRecentOutput> };
  return (global[CLUSTERS_OF_THIS_FILE] ??= new Set());
}

/**
 * Several built app instances (separate processes: passport strategies are global per
 * process) on one PostgreSQL, behind HAProxy with deploy/haproxy.cfg, all on free ports of
 * 127.0.0.1 and run as the current user. Files: object storage when `env` has STORAGE=s3 and
 * its settings; each instance then gets a DATA_DIR of its own (nothing shared on disk: the
 * audit key comes from AUDIT_SIGNING_KEY). Without a bucket, pass one shared DATA_DIR.
 */
export class Cluster implements PrintsRecentOutput {
  readonly instances: Instance[] = [];
  balancer: ChildProcess | null = null;
  balancerPort = 0;
  statsPort = 0;
  readonly balancerOutput = new RecentOutput();
  /** DATA_DIRs this cluster created (one per instance when `env` has none) */
  private readonly ownDirs: string[] = [];
  /** set by stop(): the instances' exits from then on are expected */
  private stopping = false;
  /** what each process had written when it was last printed (a second print says so) */
  private readonly printed = new Map<RecentOutput, number>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly size = 3,
    /** the built server and the balancer config (the bench runs from dist-bench/) */
    private readonly files = { main: BUILT_MAIN, haproxyConfig: HAPROXY_CONFIG },
  ) {
    clustersOfThisFile().add(this);
  }

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
    const instance: Instance = { id, port, metricsPort, proc, output: new RecentOutput() };
    instance.output.follow(proc.stdout);
    instance.output.follow(proc.stderr);
    let started = false;
    // a crash, not a kill by the test nor the stop at the end: said at once, with its last lines
    // ('close': after its output is read to the end, so the fatal stack trace is in it)
    proc.once('close', (code, signal) => {
      if (!started || proc.killed || this.stopping) return;
      this.print(`${id} exited unexpectedly (code ${code}, signal ${signal})`, [
        [id, instance.output],
      ]);
    });
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null)
        throw new Error(`${id} exited early (${proc.exitCode}):\n${instance.output.text}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        started = true;
        return instance;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${id} did not become healthy:\n${instance.output.text}`);
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
    this.balancerOutput.follow(this.balancer.stdout);
    this.balancerOutput.follow(this.balancer.stderr);
    const balancer = this.balancer;
    await this.waitUntil(async () => {
      if (balancer.exitCode !== null)
        throw new Error(`haproxy exited (${balancer.exitCode}):\n${this.balancerOutput.text}`);
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
    throw new Error(
      `condition not reached in ${timeoutMs} ms; balancer:\n${this.balancerOutput.text}`,
    );
  }

  /**
   * Prints every instance's recent output (and the balancer's), each line prefixed with its
   * name: called by the test environment when a test of this file fails.
   */
  printRecentOutput(why: string): void {
    const outputs: [string, RecentOutput][] = this.instances.map((i) => [i.id, i.output]);
    if (this.balancer) outputs.push(['haproxy', this.balancerOutput]);
    this.print(why, outputs);
  }

  private print(why: string, outputs: [string, RecentOutput][]): void {
    const parts = outputs.map(([name, output]) => {
      const seen = this.printed.get(output);
      this.printed.set(output, output.written);
      return seen === output.written
        ? `${name} | (nothing new since it was printed above)`
        : output.prefixed(name);
    });
    process.stderr.write(
      `\n==== ${why}: recent output (at most ${RECENT_LINES} lines each) ====\n${parts.join('\n')}\n==== end of the recent output ====\n`,
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.balancer) await stopProcess(this.balancer, 'SIGTERM');
    await Promise.all(this.instances.map((i) => stopProcess(i.proc, 'SIGKILL')));
    for (const dir of this.ownDirs) rmSync(dir, { recursive: true, force: true });
    // only now: a stop that fails is an afterAll that fails, and prints this cluster's output
    clustersOfThisFile().delete(this);
  }
}

/** A data directory the instances share (uploads, audit signing key). */
export function sharedDataDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'cchc-cluster-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
