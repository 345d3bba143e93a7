import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { TeamListQueryDto } from '../common/list-queries.dto';
import { PagedList, paginate, totalCountHeader } from '../common/paging';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { CreateTeamDto, ReplaceMembersDto, UpdateTeamDto } from './teams.dto';
import { TeamsService } from './teams.service';
import { TeamView } from './teams.responses';

const contestId = () => Param('contestId', uuidPipe('contestId'));
const teamId = () => Param('teamId', uuidPipe('teamId'));

@ApiTags('teams')
@ApiBearerAuth()
@Controller('contests/:contestId/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOkResponse({
    schema: arrayOf(TeamView),
    headers: totalCountHeader,
    description:
      'By number; search by number, name, unit and members; one page (total in X-Total-Count)',
  })
  @Allow('organiser', 'judge', 'team')
  @PagedList()
  async list(
    @CurrentActor() actor: Actor,
    @contestId() cid: string,
    @Query() query: TeamListQueryDto,
  ) {
    const teams = await this.teams.list(actor, cid);
    return paginate(
      teams.filter((t) => !query.status || t.status === query.status),
      query,
      (t) => [t.number, t.name, t.unitName, ...t.members.map((m) => m.fullName)],
    );
  }

  @Post()
  @ApiCreatedResponse({ schema: TeamView })
  @Allow('organiser')
  create(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: CreateTeamDto) {
    return this.teams.create(actor, cid, body);
  }

  @Get(':teamId')
  @ApiOkResponse({ schema: TeamView })
  @Allow('organiser', 'judge', 'team')
  get(@CurrentActor() actor: Actor, @contestId() cid: string, @teamId() tid: string) {
    return this.teams.get(actor, cid, tid);
  }

  @Patch(':teamId')
  @ApiOkResponse({ schema: TeamView })
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
  @ApiOkResponse({ schema: TeamView })
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
