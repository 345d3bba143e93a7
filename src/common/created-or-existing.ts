import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';

@Injectable()
class CreatedOrExistingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next
      .handle()
      .pipe(tap((answer?: { created?: boolean }) => res.status(answer?.created ? 201 : 200)));
  }
}

/**
 * An idempotent POST: 201 when its answer says it created something (`created: true`), 200 when
 * the same thing was already there and nothing was written.
 */
export const CreatedOrExisting = () => UseInterceptors(CreatedOrExistingInterceptor);
