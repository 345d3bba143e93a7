import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { InteractionsModule } from '../interactions/interactions.module';
import { ResultsDocumentsService } from './documents/results-documents.service';
import { PreliminaryResultsService } from './preliminary-results.service';
import { PublicResultsController } from './public-results.controller';
import { ResultsLoader } from './results-loader';
import { ResultsController } from './results.controller';
import { PublicResultsService } from './public-results.service';
import { ResultsComputationService } from './results-computation.service';
import { ResultsDecisionsService } from './results-decisions.service';
import { ResultsVersionsService } from './results-versions.service';

@Module({
  imports: [AuditModule, ContestsModule, InteractionsModule],
  controllers: [ResultsController, PublicResultsController],
  providers: [
    PreliminaryResultsService,
    ResultsComputationService,
    ResultsDecisionsService,
    ResultsVersionsService,
    PublicResultsService,
    ResultsLoader,
    ResultsDocumentsService,
  ],
  exports: [PreliminaryResultsService, ResultsLoader],
})
export class ResultsModule {}
