import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError, ErrorDetail } from '../common/domain-error';

/**
 * Runs passport-local. The body is checked here because guards run before pipes; every
 * failed login (unknown user, wrong password, disabled account) gets the same answer.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest<Request>().body as unknown;
    const details: ErrorDetail[] = [];
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >;
    for (const field of ['username', 'password']) {
      const value = record[field];
      if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
        details.push({
          field,
          code: 'REQUIRED_STRING',
          message: `${field} phải là chuỗi 1-200 ký tự.`,
        });
      }
    }
    if (details.length)
      throw new DomainError('invalid', 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', details);
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err || !user) {
      throw new DomainError(
        'unauthenticated',
        'INVALID_CREDENTIALS',
        'Tên đăng nhập hoặc mật khẩu không đúng.',
      );
    }
    return user;
  }
}
