import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { FanpageConnectionService } from './fanpage-connection.service';
import { FanpageReadingRecords } from './fanpage-reading-records';
import { FanpageReadingsService } from './fanpage-readings.service';
import { FanpageScheduler } from './fanpage-scheduler';
import { FanpageClock, FanpageGraph } from './fanpage-settings';
import { FanpageSlotReader } from './fanpage-slot-reader';
import { FanpageController } from './fanpage.controller';

/**
 * Fanpage counts read from the Graph API (issue 28), kept apart from src/interactions: it
 * writes interaction snapshots through that module's write path (snapshot-counts.ts).
 */
@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [FanpageController],
  providers: [
    FanpageClock,
    FanpageGraph,
    FanpageConnectionService,
    FanpageReadingRecords,
    FanpageSlotReader,
    FanpageReadingsService,
    FanpageScheduler,
  ],
  exports: [FanpageReadingsService, FanpageClock],
})
export class FanpageModule {}
