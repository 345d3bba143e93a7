import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { EntriesController } from './entries.controller';
import { EntriesService } from './entries.service';
import { BulkModerationService } from './bulk-moderation.service';
import { ModerationService } from './moderation.service';
import { PostUrlImportService } from './post-url-import.service';
import { PublicationService } from './publication.service';
import { PublicEntriesController } from './public.controller';
import { TeamEntryService } from './team-entry.service';

@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [EntriesController, PublicEntriesController],
  providers: [
    EntriesService,
    TeamEntryService,
    ModerationService,
    PublicationService,
    BulkModerationService,
    PostUrlImportService,
  ],
  exports: [TeamEntryService],
})
export class EntriesModule {}
