import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContestsModule } from '../contests/contests.module';
import { EntriesController } from './entries.controller';
import { EntriesService } from './entries.service';
import { PublicEntriesController } from './public.controller';

@Module({
  imports: [AuditModule, ContestsModule],
  controllers: [EntriesController, PublicEntriesController],
  providers: [EntriesService],
  exports: [EntriesService],
})
export class EntriesModule {}
