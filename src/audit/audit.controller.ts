import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsOptional, IsString, Matches } from 'class-validator';
import { Allow } from '../auth/allow.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { WholeNumber } from '../common/whole-number.decorator';
import { contentDisposition } from '../common/download-name';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditExportService } from './audit-export.service';
import { AuditService } from './audit.service';
import { arrayOf } from '../common/api-schema';
import {
  AuditChainVerificationView,
  AuditEntryView,
  AuditExportView,
  AuditPublicKeyView,
} from './audit.responses';

export class AuditQuery {
  @WholeNumber({
    optional: true,
    query: true,
    min: 1,
    max: 500,
    doc: { default: 100 },
  })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Page backwards: rows with an id below this one (the last id of a page)',
    pattern: '^\\d{1,18}$',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;

  @ApiPropertyOptional({
    description: 'Only rows about this kind of thing, e.g. scorecard',
    pattern: '^[a-z_]{1,40}$',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/)
  entityType?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('contests/:contestId/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
    private readonly exports: AuditExportService,
  ) {}

  /**
   * Recomputes the contest's audit hash chain and compares it with every signed checkpoint:
   * reports any row altered or removed, a chain cut short (TRUNCATED) or re-hashed (REWRITTEN).
   */
  @Get('verify')
  @ApiOkResponse({ schema: AuditChainVerificationView })
  @Allow('organiser')
  verify(@Param('contestId', uuidPipe('contestId')) contestId: string) {
    return this.checkpoints.verify(contestId);
  }

  /**
   * The sealed chain and its signed checkpoints as one JSON file, for the offline verifier
   * (`npm run audit:verify -- <file> <public key>`).
   */
  @Get('export')
  @ApiOkResponse({ schema: AuditExportView, description: 'Streamed as an attachment' })
  @Allow('organiser')
  async export(@Param('contestId', uuidPipe('contestId')) contestId: string, @Res() res: Response) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      contentDisposition(`nhat-ky-kiem-toan-${contestId.slice(0, 8)}.json`, 'attachment'),
    );
    res.setHeader('Cache-Control', 'no-store');
    try {
      await this.exports.write(contestId, res);
      res.end();
    } catch (error) {
      // headers (and perhaps rows) are gone already: cut the response so it cannot pass as whole
      if (!res.headersSent) throw error;
      res.destroy(error as Error);
    }
  }

  @Get()
  @ApiOkResponse({ schema: arrayOf(AuditEntryView), description: 'Newest first' })
  @Allow('organiser')
  list(@Param('contestId', uuidPipe('contestId')) contestId: string, @Query() query: AuditQuery) {
    return this.audit.list(contestId, {
      limit: query.limit ?? 100,
      afterId: query.before,
      entityType: query.entityType,
    });
  }
}

/** The public key that verifies the audit checkpoints, published for anyone to check with. */
@ApiTags('public')
@Controller('public/audit-key')
export class AuditKeyController {
  constructor(private readonly checkpoints: AuditCheckpointService) {}

  @Get()
  @ApiOkResponse({ schema: AuditPublicKeyView })
  @Allow('public')
  publicKey() {
    return this.checkpoints.publicKey();
  }
}
