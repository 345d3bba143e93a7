import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** First key of the two-key advisory lock held while a cluster-wide job runs. */
export const JOB_LOCK = 724210;

/** How long a `lease` job's claim lasts unless renewed (it is renewed every third of it). */
const LEASE_MS = 60_000;

export interface PeriodicJob {
  /** names the job in logs and in its lock (unique per app) */
  name: string;
  everyMs: number;
  /**
   * `cluster` (default): one instance at a time runs it: a tick finding another instance at
   * work skips. It holds a session advisory lock on a pooled connection while it runs: for
   * jobs that only work in the database.
   * `lease`: one instance at a time too, through a row of `job_leases` with an expiry that is
   * claimed, renewed and released by single statements: for jobs that wait on something
   * outside the database (Facebook) and must not keep a pooled connection meanwhile. A crashed
   * instance's lease lapses after `leaseMs`.
   * `instance`: every instance runs it (work on its own files or memory).
   */
  scope?: 'cluster' | 'lease' | 'instance';
  /** `lease` only: how long a claim lasts unless renewed (default 60 s) */
  leaseMs?: number;
  /** run one tick right after the app has started, too */
  runAtStart?: boolean;
  run: () => Promise<unknown>;
}

interface Scheduled {
  job: PeriodicJob;
  timer: NodeJS.Timeout;
  running: Promise<void> | null;
}

/**
 * The app's periodic jobs (upload cleanup, audit sealing and checkpoints, reminders, expired
 * login attempts, fanpage readings, …) in one place. Every instance ticks; a cluster-scope job
 * takes a session advisory lock (`pg_try_advisory_lock`) on a pooled connection for the length
 * of its run, so with several instances on one PostgreSQL it runs on one of them at a time, and
 * a crashed instance's lock goes with its connection. A lease-scope job gets the same "one at a
 * time" from a row with an expiry instead, holding no connection while it runs. A tick never overlaps the previous run of
 * the same job on this instance. On shutdown no new run starts and the running ones are awaited.
 */
@Injectable()
export class JobScheduler implements OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly jobs = new Map<string, Scheduled>();
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Starts ticking `job.run` every `job.everyMs` (0 or less: never). */
  every(job: PeriodicJob): void {
    if (job.everyMs <= 0 || this.stopped) return;
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is already scheduled`);
    const timer = setInterval(() => void this.tick(job.name), job.everyMs);
    timer.unref();
    this.jobs.set(job.name, { job, timer, running: null });
    if (job.runAtStart) void this.tick(job.name);
  }

  /** Runs one tick now (what the timer does); resolves when it is over. */
  tick(name: string): Promise<void> {
    const scheduled = this.jobs.get(name);
    if (!scheduled || this.stopped) return Promise.resolve();
    scheduled.running ??= this.runOnce(scheduled.job).finally(() => (scheduled.running = null));
    return scheduled.running;
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Before the database pool closes (TypeORM closes it at application shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const scheduled of this.jobs.values()) clearInterval(scheduled.timer);
    await Promise.all([...this.jobs.values()].map((s) => s.running));
  }

  private async runOnce(job: PeriodicJob): Promise<void> {
    try {
      if (job.scope === 'instance') await job.run();
      else if (job.scope === 'lease') await this.withLease(job);
      else await this.withClusterLock(job);
    } catch (error) {
      this.log.error(
        `job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async withClusterLock(job: PeriodicJob): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`,
        [JOB_LOCK, job.name],
      )) as { locked: boolean }[];
      if (!locked) return; // another instance is running it
      try {
        await job.run();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [JOB_LOCK, job.name]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Claims the job's lease row (new, or lapsed), renews it while the job runs and deletes it
   * after: each a single statement, so no connection is held between them. Two instances
   * claiming at once: the row lock makes the second see the first's fresh expiry and skip.
   */
  private async withLease(job: PeriodicJob): Promise<void> {
    const holder = randomUUID();
    const seconds = (job.leaseMs ?? LEASE_MS) / 1000;
    const claimed = (await this.dataSource.query(
      `INSERT INTO job_leases (name, holder, expires_at)
       VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE job_leases.expires_at <= clock_timestamp()
       RETURNING holder`,
      [job.name, holder, seconds],
    )) as unknown[];
    if (claimed.length === 0) return; // another instance holds it
    const renewal = setInterval(
      () => void this.renewLease(job.name, holder, seconds),
      (seconds * 1000) / 3,
    );
    renewal.unref();
    try {
      await job.run();
    } finally {
      clearInterval(renewal);
      await this.dataSource.query(`DELETE FROM job_leases WHERE name = $1 AND holder = $2`, [
        job.name,
        holder,
      ]);
    }
  }

  private async renewLease(name: string, holder: string, seconds: number): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE job_leases SET expires_at = clock_timestamp() + make_interval(secs => $3)
          WHERE name = $1 AND holder = $2`,
        [name, holder, seconds],
      );
    } catch (error) {
      // the next renewal tries again; a lapsed lease only lets another instance start the job
      this.log.warn(`job ${name}: lease not renewed: ${String(error)}`);
    }
  }
}
