import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { UnitListQueryDto } from '../common/list-queries.dto';
import { PagedList, paginate, totalCountHeader } from '../common/paging';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { CreateUnitDto, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';
import { UnitView } from './units.responses';

@ApiTags('units')
@ApiBearerAuth()
@Controller('contests/:contestId/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOkResponse({
    schema: arrayOf(UnitView),
    headers: totalCountHeader,
    description: 'By name; search by name; one page (total in X-Total-Count)',
  })
  @Allow('organiser', 'judge', 'team')
  @PagedList()
  async list(
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Query() query: UnitListQueryDto,
  ) {
    return paginate(await this.units.list(contestId), query, (u) => [u.name]);
  }

  @Post()
  @ApiCreatedResponse({ schema: UnitView })
  @Allow('organiser')
  create(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Body() body: CreateUnitDto,
  ) {
    return this.units.create(actor, contestId, body);
  }

  @Patch(':unitId')
  @ApiOkResponse({ schema: UnitView })
  @Allow('organiser')
  update(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('unitId', uuidPipe('unitId')) unitId: string,
    @Body() body: UpdateUnitDto,
  ) {
    return this.units.update(actor, contestId, unitId, body);
  }
}
