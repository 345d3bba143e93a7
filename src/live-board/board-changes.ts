import { Injectable, OnModuleInit } from '@nestjs/common';
import { PgNotifications } from '../database/pg-notifications';
import { LiveBoardHub } from './live-board.hub';
import { LIVE_BOARD_CHANNEL } from './notify';

/**
 * The fan-out between instances: whichever instance commits a change, every instance hears
 * "contest X changed" and refreshes its own viewers; after a lost LISTEN connection, every
 * board is refreshed (changes may have been missed).
 */
@Injectable()
export class BoardChanges implements OnModuleInit {
  constructor(
    private readonly notifications: PgNotifications,
    private readonly hub: LiveBoardHub,
  ) {}

  onModuleInit() {
    this.notifications.listen(LIVE_BOARD_CHANNEL, (contestId) => this.hub.invalidate(contestId));
    this.notifications.onReconnect(() => this.hub.invalidateAll());
  }
}
