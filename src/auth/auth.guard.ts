import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { isDatabaseUnavailable } from '../common/http-exception.filter';
import { DomainError } from '../common/domain-error';
import type { Actor } from './actor';
import { ALLOW_KEY, Permission } from './allow.decorator';

/**
 * Global guard, step 1: authentication. Validates the bearer token when there is one;
 * public routes also accept no token. Step 2 (who may do what) is `AccessGuard`.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.isPublic(context) && !request.headers.authorization) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T = Actor>(err: unknown, user: T | false, info: unknown): T {
    // A failure to look the user up (database down) is not a bad token: let it surface as
    // 503, so a judge's tablet retries instead of signing the judge out.
    if (err instanceof Error && isDatabaseUnavailable(err)) throw err;
    if (err || !user) {
      const name = (info as { name?: string } | undefined)?.name;
      if (name === 'TokenExpiredError') {
        throw new DomainError(
          'unauthenticated',
          'TOKEN_EXPIRED',
          'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
        );
      }
      if (info instanceof Error && /No auth token/i.test(info.message)) {
        throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Bạn cần đăng nhập.');
      }
      throw new DomainError(
        'unauthenticated',
        'TOKEN_INVALID',
        'Mã đăng nhập không hợp lệ, vui lòng đăng nhập lại.',
      );
    }
    return user;
  }

  private isPublic(context: ExecutionContext): boolean {
    const allow = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return allow?.includes('public') ?? false;
  }
}
