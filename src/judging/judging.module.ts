import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { IdempotencyService } from './idempotency.service';
import { JudgingController } from './judging.controller';
import { JudgingService } from './judging.service';
import { ScorecardStore } from './scorecard-store';

@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [JudgingController],
  providers: [JudgingService, IdempotencyService, ScorecardStore],
  exports: [JudgingService],
})
export class JudgingModule {}
