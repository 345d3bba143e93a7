import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { uuidPipe } from '../common/uuid.pipe';
import {
  ContestNotificationsQuery,
  MarkBouncedDto,
  PageQuery,
  SetAddressDto,
  UpdateNotificationSettingsDto,
} from './notifications.dto';
import {
  MarkedReadView,
  MemberAddressView,
  MyNotificationPage,
  MyNotificationView,
  NotificationSettingsView,
  SentNotificationPage,
  SentNotificationView,
  UnreadCountView,
} from './notifications.responses';
import { NotificationsService } from './notifications.service';

const DEFAULT_PAGE = 20;

/** The caller's own notifications (in-app list, read marks) and settings. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ schema: MyNotificationPage, description: 'Newest first' })
  @Allow('authenticated')
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.notifications.mine(actor, {
      limit: query.limit ?? DEFAULT_PAGE,
      offset: query.offset ?? 0,
    });
  }

  @Get('unread-count')
  @ApiOkResponse({ schema: UnreadCountView })
  @Allow('authenticated')
  unread(@CurrentActor() actor: Actor) {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ schema: MarkedReadView })
  @Allow('authenticated')
  readAll(@CurrentActor() actor: Actor) {
    return this.notifications.markAllRead(actor);
  }

  @Get('settings')
  @ApiOkResponse({ schema: NotificationSettingsView })
  @Allow('authenticated')
  settings(@CurrentActor() actor: Actor) {
    return this.notifications.mySettings(actor);
  }

  @Put('settings')
  @ApiOkResponse({ schema: NotificationSettingsView })
  @Allow('authenticated')
  updateSettings(@CurrentActor() actor: Actor, @Body() body: UpdateNotificationSettingsDto) {
    return this.notifications.updateMySettings(actor, body);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOkResponse({ schema: MyNotificationView })
  @Allow('authenticated')
  read(
    @CurrentActor() actor: Actor,
    @Param('notificationId', uuidPipe('notificationId')) id: string,
  ) {
    return this.notifications.markRead(actor, id);
  }
}

/** What the contest sent to whom, with the mail server's answers; resend; members' addresses. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('contests/:contestId/notifications')
export class ContestNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ schema: SentNotificationPage, description: 'Newest first' })
  @Allow('organiser')
  list(
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Query() query: ContestNotificationsQuery,
  ) {
    const limit = query.limit ?? 50;
    return this.notifications.ofContest(contestId, {
      limit,
      offset: query.page ? (query.page - 1) * limit : (query.offset ?? 0),
      status: query.status,
      channel: query.channel,
      eventType: query.eventType,
      q: query.q,
    });
  }

  @Post(':notificationId/resend')
  @HttpCode(200)
  @ApiOkResponse({ schema: SentNotificationView })
  @Allow('organiser')
  resend(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('notificationId', uuidPipe('notificationId')) id: string,
  ) {
    return this.notifications.resend(actor, contestId, id);
  }

  @Post(':notificationId/bounce')
  @HttpCode(200)
  @ApiOkResponse({ schema: SentNotificationView })
  @Allow('organiser')
  bounce(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('notificationId', uuidPipe('notificationId')) id: string,
    @Body() body: MarkBouncedDto,
  ) {
    return this.notifications.markBounced(actor, contestId, id, body.reason);
  }

  @Put('people/:userId/address')
  @ApiOkResponse({ schema: MemberAddressView })
  @Allow('organiser')
  setAddress(
    @CurrentActor() actor: Actor,
    @Param('contestId', uuidPipe('contestId')) contestId: string,
    @Param('userId', uuidPipe('userId')) userId: string,
    @Body() body: SetAddressDto,
  ) {
    return this.notifications.setAddress(actor, contestId, userId, body.email);
  }
}
