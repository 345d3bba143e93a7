import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { arrayOf } from '../common/api-schema';
import { AccountListQueryDto } from '../common/list-queries.dto';
import { PagedList, paginate, totalCountHeader } from '../common/paging';
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
  @ApiOkResponse({
    schema: arrayOf(AccountView),
    headers: totalCountHeader,
    description:
      'By role, then login name; search by name and login name; one page (total in X-Total-Count)',
  })
  @Allow('organiser')
  @PagedList()
  async list(
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Query() query: AccountListQueryDto,
  ) {
    const accounts = await this.accounts.listAccounts(contestId);
    return paginate(
      accounts.filter((a) => !query.role || a.role === query.role),
      query,
      (a) => [a.displayName, a.username],
    );
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
