import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Allow } from '../auth/allow.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { AuditChainService } from './audit-chain.service';
import { AuditService } from './audit.service';
import { arrayOf } from '../common/api-schema';
import { AuditChainVerificationView, AuditEntryView } from './audit.responses';

export class AuditQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  /** Page backwards: rows with an id below this one. */
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  before?: string;

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
    private readonly chain: AuditChainService,
  ) {}

  /** Recomputes the contest's audit hash chain; reports any row altered or removed. */
  @Get('verify')
  @ApiOkResponse({ schema: AuditChainVerificationView })
  @Allow('organiser')
  verify(@Param('contestId', uuidPipe('contestId')) contestId: string) {
    return this.chain.verify(contestId);
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
