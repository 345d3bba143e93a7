import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error';
import { LoginThrottle } from './login-throttle';

export type LoginRequest = Request & { loginAttemptId?: string };

/**
 * Runs before the password check: refuses (429) a client address that has failed too often,
 * for this username or across all usernames (password spraying), and records the attempt.
 * Counted in PostgreSQL, so the limits hold across instances and restarts (LoginThrottle).
 * A body without a usable username/password is left to LocalAuthGuard's 400 and not counted.
 */
@Injectable()
export class LoginThrottlerGuard implements CanActivate {
  constructor(private readonly throttle: LoginThrottle) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LoginRequest>();
    const body = (request.body ?? {}) as { username?: unknown; password?: unknown };
    const wellFormed = (v: unknown): v is string =>
      typeof v === 'string' && v.length > 0 && v.length <= 200;
    if (!wellFormed(body.username) || !wellFormed(body.password)) return true;
    request.loginAttemptId = await admitAttempt(
      this.throttle,
      request,
      context.switchToHttp().getResponse<Response>(),
      body.username,
    );
    return true;
  }
}

/**
 * Records one password check for `username` from the request's address (LoginThrottle.admit);
 * when a limit is reached, refuses with 429 and a Retry-After header. Sign-in and the password
 * change (whose current password is as good an oracle) share the same limits.
 */
export async function admitAttempt(
  throttle: LoginThrottle,
  request: Request,
  response: Response,
  username: string,
): Promise<string> {
  try {
    return await throttle.admit(String(request.ip), username);
  } catch (error) {
    const wait = error instanceof DomainError ? error.extra.retryAfterSeconds : undefined;
    if (typeof wait === 'number') response.setHeader('Retry-After', String(wait));
    throw error;
  }
}
