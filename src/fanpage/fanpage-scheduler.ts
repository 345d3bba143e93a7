import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { SETTINGS, type Settings } from '../config/settings';
import { FanpageReadingsService } from './fanpage-readings.service';

/**
 * The loop that asks for due readings every FANPAGE_CHECK_INTERVAL_SECONDS (0: off). It only
 * ticks: what is due is decided by schedule.ts and done once by FanpageReadingsService, so the
 * loop can move to a shared job runner as it is. Every instance ticks; the per-contest lock and
 * the unique slot make one of them do each reading.
 */
@Injectable()
export class FanpageScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Fanpage');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;

  constructor(
    private readonly readings: FanpageReadingsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.settings.config.FANPAGE_CHECK_INTERVAL_SECONDS;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.current) return;
      this.current = this.readings
        .runDue()
        .catch((error: unknown) => this.log.error(`lịch đọc fanpage lỗi: ${String(error)}`))
        .finally(() => (this.current = null));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current;
  }
}
