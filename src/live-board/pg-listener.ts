import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { SETTINGS, Settings } from '../config/settings';
import { LiveBoardHub } from './live-board.hub';
import { LIVE_BOARD_CHANNEL } from './notify';

/**
 * One dedicated PostgreSQL connection per app instance that LISTENs for live-board changes
 * (outside the pool: a LISTEN must stay on one connection). This is the fan-out between
 * instances: whichever instance commits a score, every instance hears "contest X changed"
 * and refreshes its own viewers. On a lost connection it reconnects with backoff and
 * refreshes every board, since notifications sent meanwhile are lost.
 */
@Injectable()
export class PgListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('LiveBoardListener');
  private client: Client | null = null;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly hub: LiveBoardHub,
  ) {}

  async onApplicationBootstrap() {
    await this.connect();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.settings.databaseUrl,
      application_name: 'cchc-live-board',
    });
    client.on('notification', (msg) => {
      if (msg.channel === LIVE_BOARD_CHANNEL && msg.payload) this.hub.invalidate(msg.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_BOARD_CHANNEL}`);
      this.client = client;
      this.retryMs = 500;
      this.hub.invalidateAll();
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error: Error) {
    if (this.stopped || (this.client !== client && this.client !== null)) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.log.warn(`LISTEN connection lost (${error.message}); retrying in ${this.retryMs} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }
}
