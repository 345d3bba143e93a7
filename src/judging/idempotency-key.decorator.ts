import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The optional Idempotency-Key header. Read through our own decorator (not `@Headers`) so the
 * OpenAPI document lists it once, as the route's `@ApiHeader` says: optional.
 */
export const IdempotencyKeyHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    return Array.isArray(value) ? value[0] : value;
  },
);
