import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { AccountsService } from './accounts.service';
import type { Actor } from './actor';
import { Allow, AllowBeforePasswordChange } from './allow.decorator';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { CurrentActor } from './current-actor.decorator';
import { LocalAuthGuard } from './local-auth.guard';
import { LoginThrottle } from './login-throttle';
import { admitAttempt, LoginRequest, LoginThrottlerGuard } from './login-throttler.guard';
import { LoginView, MeView } from './auth.responses';
import type { User } from './user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
    private readonly throttle: LoginThrottle,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: LoginView })
  @Allow('public')
  @AllowBeforePasswordChange()
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  async login(@Body() _body: LoginDto, @Req() request: LoginRequest & { user: User }) {
    const user = request.user;
    // a successful login does not count against the rate limits
    if (request.loginAttemptId) await this.throttle.succeeded(request.loginAttemptId);
    const ttl = this.settings.config.JWT_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id, tv: user.tokenVersion });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        isAdmin: user.isAdmin,
        mustChangePassword: user.mustChangePassword,
      },
    };
  }

  @Get('me')
  @ApiOkResponse({ schema: MeView })
  @ApiBearerAuth()
  @Allow('authenticated')
  @AllowBeforePasswordChange()
  me(@CurrentActor() actor: Actor) {
    const { requestId: _requestId, correlationId: _correlationId, ...rest } = actor;
    return rest;
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every earlier token stops working' })
  @ApiBearerAuth()
  @Allow('authenticated')
  @AllowBeforePasswordChange()
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    // a stolen token must not let anyone guess the current password without limit
    const attempt = await admitAttempt(this.throttle, request, response, actor.username);
    try {
      await this.accounts.changePassword(actor, body.currentPassword, body.newPassword);
    } catch (error) {
      // only a wrong current password counts against the limits (not a refused new one)
      if (!(error instanceof DomainError && error.code === 'WRONG_PASSWORD'))
        await this.throttle.succeeded(attempt);
      throw error;
    }
    await this.throttle.succeeded(attempt);
  }
}
