import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { arrayOf } from '../common/api-schema';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { positiveIntPipe, uuidPipe } from '../common/uuid.pipe';
import { ResultsDocumentsService, sendDocument } from './documents/results-documents.service';
import { AwardsDto, FreezeDto, RejectDto, TieDecisionDto } from './results.dto';
import {
  organiserDocumentContent,
  ResultsAwardsView,
  ResultsComputationView,
  ResultsTieDecisionView,
  ResultsVerifyView,
  ResultsVersionDetailView,
  ResultsVersionDeskView,
  ResultsVersionView,
} from './results.responses';
import { ResultsComputationService } from './results-computation.service';
import { ResultsDecisionsService } from './results-decisions.service';
import { ResultsVersionsService } from './results-versions.service';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const version = () => Param('version', positiveIntPipe('version'));

/** The organisers' side of the results: computation, decisions, freeze and four-eyes publish. */
@ApiTags('results')
@ApiBearerAuth()
@Controller('contests/:contestId/results')
export class ResultsController {
  constructor(
    private readonly computationService: ResultsComputationService,
    private readonly decisionsService: ResultsDecisionsService,
    private readonly versionsService: ResultsVersionsService,
    private readonly documents: ResultsDocumentsService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: ResultsComputationView })
  @Allow('organiser')
  computation(@contestId() cid: string) {
    return this.computationService.computation(cid);
  }

  @Post('tie-decisions')
  @ApiCreatedResponse({ schema: ResultsTieDecisionView })
  @Allow('organiser')
  decideTie(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: TieDecisionDto) {
    return this.decisionsService.decideTie(actor, cid, body);
  }

  @Put('awards')
  @ApiOkResponse({ schema: ResultsAwardsView })
  @Allow('organiser')
  setAwards(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: AwardsDto) {
    return this.decisionsService.setAwards(actor, cid, body);
  }

  @Post('freeze')
  @ApiCreatedResponse({ schema: ResultsVersionView, description: 'The new frozen version' })
  @Allow('organiser')
  freeze(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: FreezeDto) {
    return this.versionsService.freeze(actor, cid, body);
  }

  @Get('versions')
  @ApiOkResponse({ schema: arrayOf(ResultsVersionDeskView) })
  @Allow('organiser')
  versions(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.versionsService.versions(actor, cid);
  }

  @Get('versions/:version')
  @ApiOkResponse({ schema: ResultsVersionDetailView })
  @Allow('organiser')
  version(@contestId() cid: string, @version() v: number) {
    return this.versionsService.version(cid, v);
  }

  @Get('versions/:version/verify')
  @ApiOkResponse({ schema: ResultsVerifyView })
  @Allow('organiser')
  verify(@contestId() cid: string, @version() v: number) {
    return this.versionsService.verify(cid, v);
  }

  @Post('versions/:version/approve')
  @HttpCode(200)
  @ApiOkResponse({ schema: ResultsVersionView, description: 'The published version' })
  @Allow('organiser')
  approve(@CurrentActor() actor: Actor, @contestId() cid: string, @version() v: number) {
    return this.versionsService.approve(actor, cid, v);
  }

  @Post('versions/:version/reject')
  @HttpCode(200)
  @ApiOkResponse({ schema: ResultsVersionView, description: 'The rejected version' })
  @Allow('organiser')
  reject(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @version() v: number,
    @Body() body: RejectDto,
  ) {
    return this.versionsService.reject(actor, cid, v, body.reason);
  }

  @Get('versions/:version/documents/:kind')
  @ApiOkResponse({
    content: organiserDocumentContent,
    description:
      'results.xlsx, ranking.csv, minutes.pdf, results-list.pdf or certificates.pdf, as an attachment',
  })
  @Allow('organiser')
  async document(
    @contestId() cid: string,
    @version() v: number,
    @Param('kind') kind: string,
    @Res() res: Response,
  ) {
    const row = await this.versionsService.versionForDocuments(cid, v);
    sendDocument(res, await this.documents.render(row, kind, 'organiser'));
  }
}
