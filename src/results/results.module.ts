import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { InteractionsModule } from '../interactions/interactions.module';
import { ResultsDocumentsService } from './documents/results-documents.service';
import { PreliminaryResultsService } from './preliminary-results.service';
import { PublicResultsController } from './public-results.controller';
import { ResultsLoader } from './results-loader';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({
  imports: [AuditModule, ContestsModule, InteractionsModule],
  controllers: [ResultsController, PublicResultsController],
  providers: [PreliminaryResultsService, ResultsService, ResultsLoader, ResultsDocumentsService],
  exports: [PreliminaryResultsService, ResultsService, ResultsLoader],
})
export class ResultsModule {}
