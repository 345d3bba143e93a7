import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { IdempotencyService } from './idempotency.service';
import { JudgingController } from './judging.controller';
import { AssignmentsService } from './assignments.service';
import { JudgingProgressService } from './judging-progress.service';
import { PanelsService } from './panels.service';
import { ProgressListService } from './progress-list.service';
import { ScorecardsService } from './scorecards.service';
import { ScorecardStore } from './scorecard-store';

@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [JudgingController],
  providers: [
    AssignmentsService,
    ScorecardsService,
    JudgingProgressService,
    PanelsService,
    ProgressListService,
    IdempotencyService,
    ScorecardStore,
  ],
})
export class JudgingModule {}
