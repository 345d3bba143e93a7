import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

/**
 * Limits login attempts per client address and username, so guessing one account's password
 * and spraying many accounts from one address are both slowed down.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = (req.body ?? {}) as { username?: unknown };
    const username =
      typeof body.username === 'string' ? body.username.toLowerCase().slice(0, 200) : '';
    return `${String(req.ip)}|${username}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new DomainError(
      'rate_limited',
      'LOGIN_RATE_LIMITED',
      'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
      [],
      { retryAfterSeconds: Math.ceil(detail.timeToBlockExpire) },
    );
  }
}
