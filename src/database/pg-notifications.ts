import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { SETTINGS, Settings } from '../config/settings';

type Handler = (payload: string) => void;

/**
 * One dedicated PostgreSQL connection per app instance that LISTENs for changes other
 * instances commit (outside the pool: a LISTEN must stay on one connection). This is how
 * instances keep what they hold in memory in agreement: live-board snapshots, remembered
 * callers. Senders call `pg_notify` inside their transaction, so a notification arrives only
 * if and when the change commits. On a lost connection it reconnects with backoff and calls
 * every `onReconnect` handler, since notifications sent meanwhile are lost.
 */
@Injectable()
export class PgNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('PgNotifications');
  private readonly handlers = new Map<string, Handler[]>();
  private readonly reconnectHandlers: (() => void)[] = [];
  private client: Client | null = null;
  private stopped = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  /** Calls `handler` with each notification's payload on `channel` (register at module init). */
  listen(channel: string, handler: Handler): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  /** Called after every (re)connection: notifications may have been missed. */
  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

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
      application_name: 'cchc-notifications',
    });
    client.on('notification', (msg) => {
      if (msg.payload === undefined) return;
      for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.client = client;
      this.retryMs = 500;
      for (const handler of this.reconnectHandlers) handler();
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
