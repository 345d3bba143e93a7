import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueue } from './events';

/** Any constant: the key of the advisory lock that makes one instance at a time do the run. */
const REMINDER_LOCK_KEY = 25_0001;

/**
 * Reminders of missing scorecards, REMINDER_HOURS_BEFORE hours before a contest's judging
 * deadline (`rules.dates.judgingDeadline`). The scheduler runs it on one instance at a time;
 * its own transaction-scoped advisory lock also covers a direct call, and the dedupe key (deadline + hours) makes
 * each judge's reminder exist once however often the job runs.
 */
@Injectable()
export class ReminderJob implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every({
      name: 'judging-reminders',
      everyMs: this.settings.config.REMINDER_CHECK_INTERVAL_SECONDS * 1000,
      run: () => this.run(),
    });
  }

  /** One pass; returns the reminders written (0 when another instance holds the lock). */
  async run(now = new Date()): Promise<number> {
    const hours = this.settings.config.REMINDER_HOURS_BEFORE;
    return this.dataSource.transaction(async (em) => {
      const [{ locked }]: { locked: boolean }[] = await em.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked`,
        [REMINDER_LOCK_KEY],
      );
      if (!locked) return 0;
      const contests: { id: string; deadline: string }[] = await em.query(
        `SELECT id, rules->'dates'->>'judgingDeadline' AS deadline
           FROM contests
          WHERE status = 'judging' AND rules->'dates'->>'judgingDeadline' IS NOT NULL`,
      );
      let written = 0;
      for (const contest of contests) {
        const deadline = new Date(contest.deadline).getTime();
        if (Number.isNaN(deadline)) continue;
        const due = deadline - hours * 3600_000;
        if (now.getTime() < due || now.getTime() >= deadline) continue;
        written += await enqueue(em, {
          type: 'judging.reminder',
          contestId: contest.id,
          deadline: contest.deadline,
          hoursBefore: hours,
        });
      }
      return written;
    });
  }
}
