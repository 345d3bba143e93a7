import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SETTINGS, Settings } from '../config/settings';
import { AccountsService } from './accounts.service';
import type { Actor } from './actor';

export interface TokenPayload {
  sub: string;
  tv: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(SETTINGS) settings: Settings,
    private readonly accounts: AccountsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: verifying against the raw string would rebuild it on every request.
      secretOrKey: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')) as unknown as string,
      // Only our own algorithm: rejects `alg: none` and algorithm-confusion tokens.
      algorithms: ['HS256'],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(
    request: { id?: string; correlationId?: string },
    payload: TokenPayload,
  ): Promise<Actor | false> {
    if (typeof payload?.sub !== 'string' || typeof payload.tv !== 'number') return false;
    const actor = await this.accounts.loadActor(payload.sub, payload.tv);
    if (!actor) return false;
    actor.requestId = request.id;
    actor.correlationId = request.correlationId;
    return actor;
  }
}
