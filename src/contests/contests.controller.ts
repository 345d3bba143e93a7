import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

const contestId = () => Param('contestId', uuidPipe('contestId'));

@ApiTags('contests')
@ApiBearerAuth()
@Controller('contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Get()
  @Allow('authenticated')
  list(@CurrentActor() actor: Actor) {
    return this.contests.list(actor);
  }

  @Post()
  @Allow('admin')
  create(@CurrentActor() actor: Actor, @Body() body: CreateContestDto) {
    return this.contests.create(actor, body);
  }

  @Get(':contestId')
  @Allow('organiser', 'judge', 'team')
  get(@contestId() id: string) {
    return this.contests.get(id);
  }

  @Patch(':contestId')
  @Allow('organiser')
  update(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: UpdateContestDto) {
    return this.contests.update(actor, id, body);
  }

  @Post(':contestId/transitions')
  @HttpCode(200)
  @Allow('organiser')
  transition(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: TransitionDto) {
    return this.contests.transition(actor, id, body.to, body.reason);
  }

  @Get(':contestId/rules')
  @Allow('organiser', 'judge', 'team')
  rules(@contestId() id: string) {
    return this.contests.getRules(id);
  }

  @Put(':contestId/rules')
  @Allow('organiser')
  putRules(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: PutRulesDto) {
    return this.contests.putRules(actor, id, body.rules, body.rulesVersion);
  }

  @Post(':contestId/rules/amendments')
  @Allow('organiser')
  amendRules(@CurrentActor() actor: Actor, @contestId() id: string, @Body() body: AmendRulesDto) {
    return this.contests.amendRules(actor, id, body.rules, body.reason, body.rulesVersion);
  }

  @Get(':contestId/rules/versions')
  @Allow('organiser')
  rulesHistory(@contestId() id: string) {
    return this.contests.rulesHistory(id);
  }
}
