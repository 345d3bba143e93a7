import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../auth/allow.decorator';
import { DomainError } from '../common/domain-error';
import { BoardSnapshotService } from './board-snapshot.service';
import { LiveBoardHub } from './live-board.hub';
import { LiveBoardView } from './live-board.responses';

const slug = () =>
  Param('slug', {
    transform: (value: string) => {
      if (!/^[a-z0-9-]{3,60}$/.test(value))
        throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
      return value;
    },
  });

/** The public live board: a server-sent event stream, and the same snapshot as plain JSON. */
@ApiTags('public')
@Controller('public/contests/:slug/live')
export class LiveBoardController {
  constructor(
    private readonly hub: LiveBoardHub,
    private readonly snapshots: BoardSnapshotService,
  ) {}

  @Get()
  @Allow('public')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-sent events: `board` events (id = snapshot hash, data = LiveBoardView as JSON) ' +
      'whenever the board changes, and `: hb` heartbeat comments. Send Last-Event-ID ' +
      '(or ?lastEventId=) when reconnecting to skip an unchanged snapshot.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(@slug() s: string, @Req() req: Request, @Res() res: Response) {
    const { id } = await this.snapshots.publicContest(s);
    const last = req.header('last-event-id') ?? queryString(req.query.lastEventId);
    req.socket.setNoDelay(true);
    req.socket.setTimeout(0); // the stream is meant to stay open
    await this.hub.subscribe(id, res, last);
  }

  @Get('snapshot')
  @Allow('public')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOkResponse({ description: 'The current board', schema: LiveBoardView })
  @ApiServiceUnavailableResponse({
    description: 'The board could not be built just now (503 BOARD_UNAVAILABLE, Retry-After)',
    schema: { $ref: '#/components/schemas/ErrorBody' },
  })
  async snapshot(@slug() s: string) {
    const { id } = await this.snapshots.publicContest(s);
    return this.hub.current(id);
  }
}

function queryString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 100 ? value : undefined;
}
