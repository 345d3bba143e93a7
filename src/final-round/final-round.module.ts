import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { ResultsModule } from '../results/results.module';
import { CeremonyService } from './ceremony.service';
import { FinalRoundController } from './final-round.controller';
import { FinalStageService } from './final-stage.service';
import { NominationsService } from './nominations.service';
import { PartScorecardsService } from './part-scorecards.service';

@Module({
  imports: [AuditModule, ContestsModule, ResultsModule],
  controllers: [FinalRoundController],
  providers: [FinalStageService, PartScorecardsService, NominationsService, CeremonyService],
})
export class FinalRoundModule {}
