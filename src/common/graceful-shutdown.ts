import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { LiveBoardHub } from '../live-board/live-board.hub';

/**
 * The first half of a graceful stop (SIGTERM), before the app's own shutdown hooks:
 * 1. stop accepting connections (the balancer sends new requests to the other instances;
 *    HAProxy retries a refused connection elsewhere);
 * 2. close the live-board streams with a `retry:` hint, so viewers reconnect elsewhere at once;
 * 3. let in-flight requests finish, closing keep-alive connections as they go idle, for at most
 *    `graceMs`; whatever is still running then is cut off.
 * Then `app.close()` stops the jobs (waiting for a running one) and closes the database pool.
 */
export async function drainHttp(
  app: INestApplication,
  graceMs: number,
  log: LoggerService,
): Promise<{ viewers: number; cutOff: boolean }> {
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const viewers = app.get(LiveBoardHub).disconnectAll(1000);
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const cutOff = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearInterval(idle);
  clearTimeout(timer);
  if (cutOff) {
    log.warn(`requests still running after ${graceMs} ms: connections closed`);
    server.closeAllConnections();
  }
  log.log(
    `stopped accepting; ${viewers} live-board viewers sent elsewhere; in-flight requests done`,
  );
  return { viewers, cutOff };
}
