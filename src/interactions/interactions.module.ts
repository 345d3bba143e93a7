import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { ImportUploadModule } from './import-upload';
import { InteractionsController } from './interactions.controller';
import { InteractionsService } from './interactions.service';
import { InteractionsTemplateService } from './template.service';

@Module({
  imports: [AuditModule, ContestsModule, ImportUploadModule],
  controllers: [InteractionsController],
  providers: [InteractionsService, InteractionsTemplateService],
  exports: [InteractionsService],
})
export class InteractionsModule {}
