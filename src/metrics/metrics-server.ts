import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SETTINGS, type Settings } from '../config/settings';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics on an internal port of its own (METRICS_PORT on METRICS_HOST, default
 * 127.0.0.1): never reachable through the public port or the balancer. With METRICS_TOKEN
 * set, the scraper must also send `Authorization: Bearer <token>`. Unset METRICS_PORT: off.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { METRICS_PORT: port, METRICS_HOST: host } = this.settings.config;
    if (port === undefined) return;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const bound = server.address() as AddressInfo;
    this.log.log(`metrics on http://${bound.address}:${bound.port}/metrics`);
  }

  /** The port it listens on (null when off); METRICS_PORT=0 picks a free one. */
  port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return end(res, 404, 'not found\n');
    if (!this.authorised(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return end(res, 401, 'unauthorised\n');
    }
    try {
      const body = await this.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
      res.end(body);
    } catch (error) {
      this.log.error(`metrics failed: ${String(error)}`);
      end(res, 500, 'metrics failed\n');
    }
  }

  private authorised(header: string | undefined): boolean {
    const token = this.settings.config.METRICS_TOKEN;
    if (!token) return true;
    const given = Buffer.from(header ?? '');
    const wanted = Buffer.from(`Bearer ${token}`);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}

function end(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
