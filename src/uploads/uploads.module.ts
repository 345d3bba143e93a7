import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { EntriesModule } from '../entries/entries.module';
import { StorageModule } from '../storage/storage.module';
import { UploadsController } from './uploads.controller';
import { DirectUploadsController } from './direct-uploads.controller';
import { DirectUploadsService } from './direct-uploads.service';
import { DirectUploadVerifier } from './direct-upload-verifier';
import { InFlightUploads } from './in-flight-uploads';
import { UploadCleanupService } from './upload-cleanup.service';
import { UploadCompletionService } from './upload-completion.service';
import { UploadDownloadsService } from './upload-downloads.service';
import { UploadsService } from './uploads.service';

@Module({
  imports: [AuditModule, ContestsModule, EntriesModule, StorageModule],
  controllers: [UploadsController, DirectUploadsController],
  providers: [
    UploadsService,
    UploadCompletionService,
    UploadCleanupService,
    UploadDownloadsService,
    InFlightUploads,
    DirectUploadsService,
    DirectUploadVerifier,
  ],
})
export class UploadsModule {}
