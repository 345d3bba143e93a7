import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SETTINGS, type Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';
import { FanpageReadingsService } from './fanpage-readings.service';

/**
 * Asks for due readings every FANPAGE_CHECK_INTERVAL_SECONDS (0: off), as one of the app's
 * periodic jobs (src/jobs): one instance at a time ticks, under a lease row rather than a
 * session lock, so no pooled connection waits on Facebook with it. What is due is decided by
 * schedule.ts and done once by FanpageReadingsService (a unique slot per contest and time
 * under a per-contest lock), so a tick repeated after a crash reads nothing twice.
 */
@Injectable()
export class FanpageScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly readings: FanpageReadingsService,
    private readonly jobs: JobScheduler,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every({
      name: 'fanpage-readings',
      everyMs: this.settings.config.FANPAGE_CHECK_INTERVAL_SECONDS * 1000,
      // Facebook may take 20 s a request: a lease, not a lock that keeps a pooled connection
      scope: 'lease',
      run: () => this.readings.runDue(),
    });
  }
}
