import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { enqueue } from './events';

/** Any constant: the key of the advisory lock that makes one instance at a time do the run. */
const REMINDER_LOCK_KEY = 25_0001;

/**
 * Reminders of missing scorecards, REMINDER_HOURS_BEFORE hours before a contest's judging
 * deadline (`rules.dates.judgingDeadline`). Every instance ticks; a transaction-scoped
 * advisory lock lets one of them work at a time, and the dedupe key (deadline + hours) makes
 * each judge's reminder exist once however often the job runs.
 */
@Injectable()
export class ReminderJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.settings.config.REMINDER_CHECK_INTERVAL_SECONDS;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.current) return;
      this.current = this.run()
        .catch((error: unknown) => this.log.error(`nhắc việc lỗi: ${String(error)}`))
        .finally(() => (this.current = null));
    }, seconds * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current;
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
