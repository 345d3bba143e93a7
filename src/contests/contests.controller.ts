import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import {
  AmendRulesDto,
  CreateContestDto,
  PutRulesDto,
  TransitionDto,
  UpdateContestDto,
} from './contests.dto';
import { ContestsService } from './contests.service';
import { ContestRulesView, ContestView, RulesVersionView } from './contests.responses';

const contestId = () => Param('contestId', uuidPipe('contestId'));

@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Get()
  @ApiOkResponse({ schema: arrayOf(ContestView) })
  @Allow('authenticated')
  list(@CurrentActor() actor: Actor) {
    return this.contests.list(actor);
  }

  @Post()
  @ApiCreatedResponse({ schema: ContestView })
  @Allow('admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreateContestDto) {
    return this.contests.create(actor, body);
  }

  @Get(':contestId')
  @ApiOkResponse({ schema: ContestView })
  @Allow('organiser', 'judge', 'team')
  get(@contestId() id: string) {
    return this.contests.get(id);
  }

  @Patch(':contestId')
  @ApiOkResponse({ schema: ContestView })
  @Allow('organiser')
  update(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: UpdateContestDto) {
    return this.contests.update(actor, id, body);
  }

  @Post(':contestId/transitions')
  @HttpCode(200)
  @ApiOkResponse({ schema: ContestView })
  @Allow('organiser')
  transition(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: TransitionDto) {
    return this.contests.transition(actor, id, body.to, body.reason);
  }

  @Get(':contestId/rules')
  @ApiOkResponse({ schema: ContestRulesView })
  @Allow('organiser', 'judge', 'team')
  rules(@contestId() id: string) {
    return this.contests.getRules(id);
  }

  @Put(':contestId/rules')
  @ApiOkResponse({ schema: ContestRulesView })
  @Allow('organiser')
  putRules(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: PutRulesDto) {
    return this.contests.putRules(actor, id, body.rules, body.rulesVersion);
  }

  @Post(':contestId/rules/amendments')
  @ApiCreatedResponse({ schema: ContestRulesView })
  @Allow('organiser')
  amendRules(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: AmendRulesDto) {
    return this.contests.amendRules(actor, id, body.rules, body.reason, body.rulesVersion);
  }

  @Get(':contestId/rules/versions')
  @ApiOkResponse({ schema: arrayOf(RulesVersionView), description: 'Newest first' })
  @Allow('organiser')
  rulesHistory(@contestId() id: string) {
    return this.contests.rulesHistory(id);
  }
}
