import { Inject, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SETTINGS, Settings } from '../config/settings';
import { MailTransport } from './mail-transport';
import { setEmailEnabled } from './mail-switch';
import {
  ContestNotificationsController,
  MyNotificationsController,
} from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { ReminderJob } from './reminders.job';
import { NotificationSender } from './sender.worker';

/**
 * Notifications (issue 25): services call `enqueue(manager, event)` (events.ts) inside their
 * own transaction; the sender worker delivers e-mails; the controllers serve the in-app list.
 */
@Module({
  imports: [AuditModule],
  controllers: [MyNotificationsController, ContestNotificationsController],
  providers: [NotificationsService, MailTransport, NotificationSender, ReminderJob],
  exports: [NotificationSender, ReminderJob],
})
export class NotificationsModule {
  constructor(@Inject(SETTINGS) settings: Settings) {
    setEmailEnabled(!!settings.config.SMTP_URL);
  }
}
