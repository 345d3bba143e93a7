import { bool, dateTime, enumOf, int, named, nullable, object } from '../common/api-schema';

const CHECK = enumOf(['ok', 'down']);

/** Sent with 200 when everything answers, and with the same shape (status "degraded") on 503. */
export const HealthView = named(
  'HealthView',
  object({
    status: enumOf(['ok', 'degraded']),
    database: CHECK,
    uploads: { ...CHECK, description: 'The upload disk is writable' },
    disk: object({
      freeBytes: { ...nullable(int), description: 'Free space on the disk of DATA_DIR' },
      minFreeBytes: { ...int, description: 'UPLOAD_MIN_FREE_DISK_BYTES' },
      acceptingUploads: { ...bool, description: 'false below the floor: new uploads are refused' },
    }),
    time: dateTime,
  }),
);
