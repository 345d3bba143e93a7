import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { Actor, membershipIn } from './actor';
import { ALLOW_KEY, BEFORE_PASSWORD_CHANGE_KEY, Permission } from './allow.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard, step 2: authorisation from the route's @Allow. Deny by default.
 * A caller with no role in the contest gets 404 (the contest's existence is not revealed);
 * a member whose role is not allowed gets 403.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const allow = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!allow || allow.length === 0) {
      throw DomainError.forbidden('ROUTE_NOT_ALLOWED', 'Thao tác này chưa được cấp quyền cho ai.');
    }
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const actor = request.user;
    // A temporary password opens nothing but its own change (public routes included: the
    // token is what is refused, not the page).
    if (actor?.mustChangePassword && !this.allowedBeforePasswordChange(context)) {
      throw DomainError.forbidden(
        'PASSWORD_CHANGE_REQUIRED',
        'Bạn cần đổi mật khẩu tạm trước khi tiếp tục.',
      );
    }
    if (allow.includes('public')) return true;
    if (!actor) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Bạn cần đăng nhập.');
    if (actor.isAdmin || allow.includes('authenticated')) return true;

    const contestId = request.params?.contestId;
    if (typeof contestId !== 'string') {
      throw DomainError.forbidden('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
    }
    if (!UUID.test(contestId)) {
      throw DomainError.invalid('INVALID_ID', 'Mã hội thi không hợp lệ.', 'contestId');
    }
    const membership = membershipIn(actor, contestId);
    if (!membership) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    if (!allow.includes(membership.role)) {
      throw DomainError.forbidden(
        'ROLE_NOT_ALLOWED',
        'Vai trò của bạn trong hội thi không được phép thực hiện thao tác này.',
      );
    }
    return true;
  }

  private allowedBeforePasswordChange(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? false
    );
  }
}
