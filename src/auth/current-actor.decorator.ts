import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

/** The signed-in caller (null on public routes without a token). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor | null =>
    (ctx.switchToHttp().getRequest<{ user?: Actor }>().user ?? null) as Actor | null,
);
