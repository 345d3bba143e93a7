import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { ResultsModule } from '../results/results.module';
import { FinalRoundController } from './final-round.controller';
import { FinalRoundService } from './final-round.service';

@Module({
  imports: [AuditModule, ContestsModule, ResultsModule],
  controllers: [FinalRoundController],
  providers: [FinalRoundService],
})
export class FinalRoundModule {}
