import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { ImportUploadModule } from '../spreadsheets/import-upload';
import { RegistrationController } from './registration.controller';
import { RegistrationPreviews } from './registration-previews';
import { RegistrationService } from './registration.service';
import { StorageModule } from '../storage/storage.module';

@Module({
  imports: [ContestsModule, ImportUploadModule, StorageModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationPreviews],
})
export class RegistrationModule {}
