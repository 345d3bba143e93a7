import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** First key of the two-key advisory lock held while a cluster-wide job runs. */
const JOB_LOCK = 724210;

export interface PeriodicJob {
  /** names the job in logs and in its lock (unique per app) */
  name: string;
  everyMs: number;
  /**
   * `cluster` (default): one instance at a time runs it: a tick finding another instance at
   * work skips. `instance`: every instance runs it (work on its own files or memory).
   */
  scope?: 'cluster' | 'instance';
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
 * login attempts, …) in one place. Every instance ticks; a cluster-scope job takes a
 * session advisory lock (`pg_try_advisory_lock`) on a pooled connection for the length of its
 * run, so with several instances on one PostgreSQL it runs on one of them at a time, and a
 * crashed instance's lock goes with its connection. A tick never overlaps the previous run of
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
}
