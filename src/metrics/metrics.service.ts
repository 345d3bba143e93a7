import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { instanceIdOf } from '../common/instance-id';
import { SETTINGS, type Settings } from '../config/settings';
import { LiveBoardHub } from '../live-board/live-board.hub';

/** Upload routes whose request bodies are file bytes (tus PATCH, multipart POST). */
const UPLOAD_ROUTE = /\/uploads(\/|$)/;

/**
 * What an operator watches, in Prometheus' text format (see docs/operations.md): HTTP latency
 * by route, responses by status, the database pool, event-loop lag (with Node's default
 * process metrics), live-board viewers, upload bytes received through the app and how far
 * audit sealing lags behind. One registry per app (tests run several apps in one process);
 * every series carries the `instance_id` label.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly responses: Counter<'status'>;
  private readonly uploadBytes: Counter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
    hub: LiveBoardHub,
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ instance_id: instanceIdOf(settings.config) });
    // Node's process metrics (event-loop lag, memory, GC) watch the process: only when
    // someone can scrape them
    if (settings.config.METRICS_PORT !== undefined)
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route (the matched route pattern, not the raw path)',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.responses = new Counter({
      name: 'http_responses_total',
      help: 'HTTP responses by status code',
      labelNames: ['status'],
      registers,
    });
    this.uploadBytes = new Counter({
      name: 'upload_bytes_received_total',
      help: 'File bytes accepted by the upload routes of this instance',
      registers,
    });
    const pool = () => (dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'db_pool_connections_in_use',
      help: 'Database connections of the pool lent out to queries',
      registers,
      collect() {
        const p = pool();
        this.set(p ? p.totalCount - p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'db_pool_waiting_requests',
      help: 'Queries waiting for a database connection',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'live_board_viewers',
      help: 'Live-board (SSE) viewers connected to this instance',
      registers,
      collect() {
        this.set(hub.viewerCount());
      },
    });
    const sealLag = () => this.auditSealLagSeconds();
    new Gauge({
      name: 'audit_seal_lag_seconds',
      help: 'Age of the oldest audit row not yet sealed into its hash chain (0: all sealed)',
      registers,
      async collect() {
        this.set(await sealLag());
      },
    });
  }

  /** Express middleware: times every request and counts its response. */
  middleware() {
    return (request: Request, response: Response, next: () => void) => {
      const end = this.latency.startTimer();
      response.on('finish', () => {
        const route = routeOf(request);
        const status = String(response.statusCode);
        end({ method: request.method, route, status });
        this.responses.inc({ status });
        if (
          response.statusCode < 300 &&
          (request.method === 'PATCH' || request.method === 'POST') &&
          UPLOAD_ROUTE.test(route)
        )
          this.uploadBytes.inc(Number(request.headers['content-length']) || 0);
      });
      next();
    };
  }

  async auditSealLagSeconds(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(extract(epoch FROM now() - min(a.created_at)), 0)::float8 AS lag
         FROM audit_log a LEFT JOIN audit_chain c ON c.audit_id = a.id
        WHERE c.audit_id IS NULL
          AND a.id > (SELECT coalesce(max(audit_id), 0) FROM audit_chain)`,
    )) as { lag: number }[];
    return Math.max(0, Number(row?.lag ?? 0));
  }
}

/** The route pattern Express matched (`/api/contests/:contestId/…`); bounded label values. */
function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return `${request.baseUrl}${route.path}`;
  return request.originalUrl.startsWith('/api/') ? 'unmatched' : 'web';
}
