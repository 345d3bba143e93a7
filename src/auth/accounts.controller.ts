import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { AccountsService } from './accounts.service';
import type { Actor } from './actor';
import { Allow } from './allow.decorator';
import { AccountStatusDto, CreateAccountDto } from './auth.dto';
import { CurrentActor } from './current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import { AccountView, CreatedAccountView, TemporaryPasswordView } from './auth.responses';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('contests/:contestId/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ schema: arrayOf(AccountView) })
  @Allow('organiser')
  list(@Param('contestId', uuidPipe('contestId')) contestId: string) {
    return this.accounts.listAccounts(contestId);
  }

  /** Returns the temporary password once; it is not stored in clear anywhere. */
  @Post()
  @ApiCreatedResponse({ schema: CreatedAccountView })
  @Allow('organiser')
  create(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Body() body: CreateAccountDto,
  ) {
    return this.accounts.createAccount(actor, contestId, body);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ schema: AccountView })
  @Allow('organiser')
  deactivate(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('userId', uuidPipe('userId')) userId: string,
    @Body() body: AccountStatusDto,
  ) {
    return this.accounts.setActive(actor, contestId, userId, false, body.reason);
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @ApiOkResponse({ schema: AccountView })
  @Allow('organiser')
  reactivate(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('userId', uuidPipe('userId')) userId: string,
    @Body() body: AccountStatusDto,
  ) {
    return this.accounts.setActive(actor, contestId, userId, true, body.reason);
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  @ApiOkResponse({ schema: TemporaryPasswordView })
  @Allow('organiser')
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('userId', uuidPipe('userId')) userId: string,
  ) {
    return this.accounts.resetPassword(actor, contestId, userId);
  }
}
