import { Module } from '@nestjs/common';
import { AuditChainService } from './audit-chain.service';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditExportService } from './audit-export.service';
import { AuditController, AuditKeyController } from './audit.controller';
import { AuditService } from './audit.service';

@Module({
  controllers: [AuditController, AuditKeyController],
  providers: [AuditService, AuditChainService, AuditCheckpointService, AuditExportService],
  exports: [AuditService, AuditChainService, AuditCheckpointService],
})
export class AuditModule {}
