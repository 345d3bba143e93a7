import { Module } from '@nestjs/common';
import { ContestsModule } from '../contests/contests.module';
import { ImportUploadModule } from '../spreadsheets/import-upload';
import { RegistrationController } from './registration.controller';
import { RegistrationPreviews } from './registration-previews';
import { RegistrationService } from './registration.service';

@Module({
  imports: [ContestsModule, ImportUploadModule],
  controllers: [RegistrationController],
  providers: [RegistrationService, RegistrationPreviews],
})
export class RegistrationModule {}
