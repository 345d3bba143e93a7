import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * One JSON line per request (method, path, status, duration, user, request id), so logs can
 * be searched and shipped. The request id is echoed in `X-Request-Id` and in error bodies.
 */
export function requestLogger(level: Level) {
  return (
    request: Request & { id?: string; user?: { userId?: string } },
    response: Response,
    next: NextFunction,
  ) => {
    const incoming = request.headers['x-request-id'];
    request.id =
      typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', request.id);
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
          requestId: request.id,
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
