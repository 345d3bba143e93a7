import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Longest client correlation id kept. */
export const MAX_CORRELATION_ID = 64;

/**
 * A client's `X-Request-Id`, kept only as a correlation field: characters outside
 * `[A-Za-z0-9_.:-]` removed, at most 64 kept; null when nothing is left.
 */
export function correlationIdOf(header: string | string[] | undefined): string | null {
  const raw = Array.isArray(header) ? header[0] : header;
  if (typeof raw !== 'string') return null;
  const cleaned = raw.slice(0, 4 * MAX_CORRELATION_ID).replace(/[^\w.:-]/g, '');
  return cleaned ? cleaned.slice(0, MAX_CORRELATION_ID) : null;
}

/**
 * One JSON line per request (method, path, status, duration, user, request id, the client's
 * correlation id, the instance that served it), so logs can be searched and shipped. The request id is always generated
 * here, never taken from the client: it is what audit rows record, so no caller can make its
 * rows share an id with someone else's. A client's own `X-Request-Id` is kept apart as
 * `correlationId` (echoed in `X-Correlation-Id`); the request id is echoed in `X-Request-Id`
 * and in error bodies.
 */
export function requestLogger(level: Level, instance?: string) {
  return (
    request: Request & { id?: string; correlationId?: string; user?: { userId?: string } },
    response: Response,
    next: NextFunction,
  ) => {
    request.id = randomUUID();
    const correlationId = correlationIdOf(request.headers['x-request-id']);
    if (correlationId) request.correlationId = correlationId;
    response.setHeader('X-Request-Id', request.id);
    if (correlationId) response.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      if (
        level === 'silent' ||
        level === 'error' ||
        (level === 'warn' && response.statusCode < 400)
      )
        return;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(
        JSON.stringify({
          t: new Date().toISOString(),
          level:
            response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          msg: 'request',
          instance,
          requestId: request.id,
          correlationId: request.correlationId,
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          ms: Math.round(durationMs * 10) / 10,
          user: request.user?.userId,
        }) + '\n',
      );
    });
    next();
  };
}
