import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { ExclusionsService } from './exclusions.service';
import { FormCountsService } from './form-counts.service';
import { InteractionImportService } from './import.service';
import { ImportPreviews } from './import-previews';
import { ImportUploadModule } from '../spreadsheets/import-upload';
import { InteractionsController } from './interactions.controller';
import { InteractionStandingsService } from './standings.service';
import { InteractionsTemplateService } from './template.service';
import { StorageModule } from '../storage/storage.module';

@Module({
  imports: [AuditModule, ContestsModule, ImportUploadModule, StorageModule],
  controllers: [InteractionsController],
  providers: [
    InteractionImportService,
    ImportPreviews,
    InteractionStandingsService,
    FormCountsService,
    ExclusionsService,
    InteractionsTemplateService,
  ],
  exports: [InteractionStandingsService],
})
export class InteractionsModule {}
