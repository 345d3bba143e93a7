import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { CreateTeamDto, ReplaceMembersDto, UpdateTeamDto } from './teams.dto';
import { TeamsService } from './teams.service';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const teamId = () => Param('teamId', uuidPipe('teamId'));

@ApiTags('teams')
@ApiBearerAuth()
@Controller('contests/:contestId/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Allow('organiser', 'judge', 'team')
  list(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.teams.list(actor, cid);
  }

  @Post()
  @Allow('organiser')
  create(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: CreateTeamDto) {
    return this.teams.create(actor, cid, body);
  }

  @Get(':teamId')
  @Allow('organiser', 'judge', 'team')
  get(@CurrentActor() actor: Actor, @contestId() cid: string, @teamId() tid: string) {
    return this.teams.get(actor, cid, tid);
  }

  @Patch(':teamId')
  @Allow('organiser')
  update(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @teamId() tid: string,
    @Body() body: UpdateTeamDto,
  ) {
    return this.teams.update(actor, cid, tid, body);
  }

  @Put(':teamId/members')
  @Allow('organiser', 'team')
  replaceMembers(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @teamId() tid: string,
    @Body() body: ReplaceMembersDto,
  ) {
    return this.teams.replaceMembers(actor, cid, tid, body.members);
  }
}
