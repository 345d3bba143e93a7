import { Global, Module } from '@nestjs/common';
import { LiveBoardModule } from '../live-board/live-board.module';
import { MetricsServer } from './metrics-server';
import { MetricsService } from './metrics.service';

/** Prometheus metrics on an internal port (see metrics-server.ts, docs/operations.md). */
@Global()
@Module({
  imports: [LiveBoardModule],
  providers: [MetricsService, MetricsServer],
  exports: [MetricsService, MetricsServer],
})
export class MetricsModule {}
