import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { ContestCopyService } from './contest-copy.service';
import { ProvinceController } from './province.controller';
import { YearOverviewService } from './year-overview.service';

@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [ProvinceController],
  providers: [YearOverviewService, ContestCopyService],
})
export class ProvinceModule {}
