import { Body, Controller, Get, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { SETTINGS, Settings } from '../config/settings';
import { AccountsService } from './accounts.service';
import type { Actor } from './actor';
import { Allow, AllowBeforePasswordChange } from './allow.decorator';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { CurrentActor } from './current-actor.decorator';
import { LocalAuthGuard } from './local-auth.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { LoginView, MeView } from './auth.responses';
import type { User } from './user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ schema: LoginView })
  @Allow('public')
  @AllowBeforePasswordChange()
  @Throttle({ login: {} })
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  async login(@Body() _body: LoginDto, @Req() request: { user: User }) {
    const user = request.user;
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
    const { requestId: _requestId, ...rest } = actor;
    return rest;
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every earlier token stops working' })
  @ApiBearerAuth()
  @Allow('authenticated')
  @AllowBeforePasswordChange()
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto) {
    await this.accounts.changePassword(actor, body.currentPassword, body.newPassword);
  }
}
