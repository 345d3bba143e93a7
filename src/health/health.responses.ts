import { dateTime, enumOf, named, object } from '../common/api-schema';

const CHECK = enumOf(['ok', 'down']);

/** Sent with 200 when everything answers, and with the same shape (status "degraded") on 503. */
export const HealthView = named(
  'HealthView',
  object({
    status: enumOf(['ok', 'degraded']),
    database: CHECK,
    uploads: { ...CHECK, description: 'The upload disk is writable' },
    time: dateTime,
  }),
);
