import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { InteractionsModule } from '../interactions/interactions.module';
import { PreliminaryResultsService } from './preliminary-results.service';

@Module({
  imports: [ContestsModule, InteractionsModule],
  providers: [PreliminaryResultsService],
  exports: [PreliminaryResultsService],
})
export class ResultsModule {}
