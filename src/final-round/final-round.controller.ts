import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { arrayOf } from '../common/api-schema';
import { uuidPipe } from '../common/uuid.pipe';
import { CeremonyService } from './ceremony.service';
import {
  CeremonyDto,
  LiveDto,
  NominationDto,
  PartScoreDto,
  RevealDto,
  SetupFinalDto,
  SubmitPartDto,
} from './final-round.dto';
import {
  CeremonyView,
  FinalNominationView,
  FinalPartScorecardView,
  FinalScoreView,
  FinalStateView,
} from './final-round.responses';
import { FinalStageService } from './final-stage.service';
import { NominationsService } from './nominations.service';
import { PartScorecardsService } from './part-scorecards.service';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const entryId = () => Param('entryId', uuidPipe('entryId'));

@ApiTags('final-round')
@ApiBearerAuth()
@Controller('contests/:contestId/final')
export class FinalRoundController {
  constructor(
    private readonly stage: FinalStageService,
    private readonly parts: PartScorecardsService,
    private readonly nominations: NominationsService,
    private readonly ceremonies: CeremonyService,
  ) {}

  @Post('setup')
  @ApiCreatedResponse({ schema: FinalStateView })
  @Allow('organiser')
  setup(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: SetupFinalDto) {
    return this.stage.setup(actor, cid, body);
  }

  /** The live state that judges' tablets and the organiser console follow. */
  @Get()
  @ApiOkResponse({ schema: FinalStateView })
  @Allow('organiser', 'judge')
  state(@contestId() cid: string) {
    return this.stage.state(cid);
  }

  @Post('live')
  @HttpCode(200)
  @ApiOkResponse({ schema: FinalStateView })
  @Allow('organiser')
  live(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: LiveDto) {
    return this.stage.live(actor, cid, body);
  }

  @Post('reveal')
  @HttpCode(200)
  @ApiOkResponse({ schema: FinalStateView })
  @Allow('organiser')
  reveal(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: RevealDto) {
    return this.stage.reveal(actor, cid, body);
  }

  @Put('entries/:entryId/parts/:partCode')
  @ApiOkResponse({ schema: FinalPartScorecardView })
  @Allow('judge')
  savePart(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Param('partCode') partCode: string,
    @Body() body: PartScoreDto,
  ) {
    return this.parts.savePart(actor, cid, eid, partCode, body.points, body.version);
  }

  @Post('entries/:entryId/parts/:partCode/submit')
  @HttpCode(200)
  @ApiOkResponse({ schema: FinalPartScorecardView })
  @Allow('judge')
  submitPart(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @entryId() eid: string,
    @Param('partCode') partCode: string,
    @Body() body: SubmitPartDto,
  ) {
    return this.parts.submitPart(actor, cid, eid, partCode, body.version);
  }

  @Post('nominations')
  @ApiCreatedResponse({ schema: FinalNominationView })
  @Allow('judge')
  nominate(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: NominationDto) {
    return this.nominations.nominate(actor, cid, body);
  }

  @Get('scores')
  @ApiOkResponse({ schema: arrayOf(FinalScoreView) })
  @Allow('organiser')
  scores(@contestId() cid: string) {
    return this.parts.scores(cid);
  }

  /** The award ceremony: the prizes of the published results, in the order announced. */
  @Get('ceremony')
  @ApiOkResponse({ schema: CeremonyView })
  @Allow('organiser')
  ceremony(@contestId() cid: string) {
    return this.ceremonies.view(cid);
  }

  @Post('ceremony')
  @HttpCode(200)
  @ApiOkResponse({ schema: CeremonyView })
  @Allow('organiser')
  ceremonyAction(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Body() body: CeremonyDto,
  ) {
    return this.ceremonies.act(actor, cid, body);
  }
}
