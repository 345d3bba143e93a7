import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { arrayOf } from '../common/api-schema';
import { uuidPipe } from '../common/uuid.pipe';
import { FanpageConnectionService } from './fanpage-connection.service';
import { FanpageReadingsService } from './fanpage-readings.service';
import { ConnectFanpageDto, ScheduleDto } from './fanpage.dto';
import { FanpageAnswerView, FanpageConnectionView, FanpageReadingView } from './fanpage.responses';

const contestId = () => Param('contestId', uuidPipe('contestId'));

/** The contest's fanpage: connection (token checked, kept encrypted), schedule and readings. */
@ApiTags('fanpage')
@ApiBearerAuth()
@Controller('contests/:contestId/fanpage')
export class FanpageController {
  constructor(
    private readonly connections: FanpageConnectionService,
    private readonly readings: FanpageReadingsService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: FanpageConnectionView })
  @Allow('organiser')
  view(@contestId() cid: string) {
    return this.connections.view(cid);
  }

  /** Checks the token with Facebook (page, expiry, permission), then stores it encrypted. */
  @Put()
  @ApiOkResponse({ schema: FanpageConnectionView })
  @Allow('organiser')
  connect(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: ConnectFanpageDto) {
    return this.connections.connect(actor, cid, body);
  }

  @Put('schedule')
  @ApiOkResponse({ schema: FanpageConnectionView })
  @Allow('organiser')
  schedule(@CurrentActor() actor: Actor, @contestId() cid: string, @Body() body: ScheduleDto) {
    return this.connections.setSchedule(actor, cid, body);
  }

  /** Forgets the token; readings already taken stay with their evidence. */
  @Delete()
  @ApiOkResponse({ schema: FanpageConnectionView })
  @Allow('organiser')
  disconnect(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.connections.disconnect(actor, cid);
  }

  @Get('readings')
  @ApiOkResponse({ schema: arrayOf(FanpageReadingView), description: 'Newest first (500 at most)' })
  @Allow('organiser')
  list(@contestId() cid: string) {
    return this.readings.list(cid);
  }

  /** A reading now, outside the schedule (e.g. to check the connection). */
  @Post('readings')
  @ApiCreatedResponse({ schema: FanpageReadingView })
  @Allow('organiser')
  readNow(@CurrentActor() actor: Actor, @contestId() cid: string) {
    return this.readings.readNow(actor, cid);
  }

  /** The raw answers Facebook gave, byte for byte as hashed (SHA-256 on the reading). */
  @Get('readings/:readingId/evidence')
  @HttpCode(200)
  @ApiOkResponse({
    schema: arrayOf(FanpageAnswerView),
    description: 'Exactly the bytes whose SHA-256 is the reading’s responsesSha256',
  })
  @Allow('organiser')
  async evidence(
    @contestId() cid: string,
    @Param('readingId', uuidPipe('readingId')) readingId: string,
    @Res() res: Response,
  ) {
    const text = await this.readings.evidence(cid, readingId);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="fanpage-${readingId}.json"`);
    res.send(text);
  }
}
