import {
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  arrayOf,
  str,
  uuid,
} from '../common/api-schema';
import { EVENT_TYPES } from './events';
import { CHANNELS, NOTIFICATION_STATUSES } from './notification.entity';

export const MyNotificationView = named(
  'MyNotificationView',
  object({
    id: uuid,
    contestId: nullable(uuid),
    eventType: enumOf(EVENT_TYPES),
    title: str('Vietnamese subject line'),
    lines: arrayOf(str()),
    path: str('Path of the page in the web app, e.g. /c/nga-bay-2022/ket-qua'),
    linkLabel: str(),
    createdAt: dateTime,
    readAt: nullable(dateTime),
  }),
);

export const MyNotificationPage = named(
  'MyNotificationPage',
  object({ items: arrayOf(MyNotificationView), total: int, unread: int }),
);

export const UnreadCountView = named('UnreadCountView', object({ unread: int }));

export const MarkedReadView = named('MarkedReadView', object({ marked: int }));

export const NotificationSettingsView = named(
  'NotificationSettingsView',
  object({ email: nullable(str()), reminders: bool, emailEnabled: bool }),
);

export const SentNotificationView = named(
  'SentNotificationView',
  object({
    id: uuid,
    recipientId: uuid,
    recipientName: str('Display name'),
    channel: enumOf(CHANNELS),
    eventType: enumOf(EVENT_TYPES),
    title: str(),
    status: enumOf(NOTIFICATION_STATUSES),
    attempts: int,
    toAddress: nullable(str()),
    messageId: nullable(str()),
    lastResponse: nullable(str('The mail server answer, e.g. "550 5.1.1 …"')),
    resends: int,
    nextAttemptAt: dateTime,
    sentAt: nullable(dateTime),
    readAt: nullable(dateTime),
    createdAt: dateTime,
    bouncedAt: nullable({ ...dateTime, description: 'When an organiser recorded a bounce' }),
    bounceReason: nullable(str('Why it came back, as the organiser recorded it')),
  }),
);

export const SentNotificationPage = named(
  'SentNotificationPage',
  object({
    items: arrayOf(SentNotificationView),
    total: { ...int, description: 'Rows matching every filter' },
    limit: int,
    offset: int,
    counts: {
      ...object({ pending: int, sent: int, failed: int }),
      description: 'Rows per status under the other filters (channel, event, search)',
    },
  }),
);

export const MemberAddressView = named(
  'MemberAddressView',
  object({ userId: uuid, email: nullable(str()) }),
);
