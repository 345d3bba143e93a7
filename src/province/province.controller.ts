import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { ContestView } from '../contests/contests.responses';
import { ContestCopyService } from './contest-copy.service';
import { CopyContestDto, YearQuery } from './province.dto';
import { YearOverviewView } from './province.responses';
import { YearOverviewService } from './year-overview.service';

/** The province administrator's desk: every contest of a year, and starting a new one from an old one. */
@ApiTags('province')
@ApiBearerAuth()
@Controller('province/contests')
export class ProvinceController {
  constructor(
    private readonly overview: YearOverviewService,
    private readonly copies: ContestCopyService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: YearOverviewView })
  @Allow('admin')
  list(@Query() query: YearQuery) {
    return this.overview.overview(query.year ?? vietnamYear(new Date()));
  }

  @Post(':contestId/copy')
  @ApiCreatedResponse({ schema: ContestView, description: 'The new contest, in draft' })
  @Allow('admin')
  copy(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Body() body: CopyContestDto,
  ) {
    return this.copies.copy(actor, contestId, body);
  }
}

function vietnamYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
}
