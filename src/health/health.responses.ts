import {
  arrayOf,
  bool,
  dateTime,
  enumOf,
  int,
  named,
  nullable,
  object,
  str,
} from '../common/api-schema';

const CHECK = enumOf(['ok', 'down']);

/** Sent with 200 when everything answers, and with the same shape (status "degraded") on 503. */
export const HealthView = named(
  'HealthView',
  object({
    status: enumOf(['ok', 'degraded']),
    database: CHECK,
    uploads: { ...CHECK, description: 'The file store (upload disk or bucket) is writable' },
    storage: { ...enumOf(['local', 's3']), description: 'STORAGE: local disk or an S3 bucket' },
    disk: object({
      freeBytes: { ...nullable(int), description: 'Free space on the disk of DATA_DIR' },
      minFreeBytes: { ...int, description: 'UPLOAD_MIN_FREE_DISK_BYTES' },
      acceptingUploads: { ...bool, description: 'false below the floor: new uploads are refused' },
    }),
    warnings: arrayOf(
      object({
        code: enumOf(['FILES_MISSING']),
        message: str('In Vietnamese, for the operator'),
        count: int,
        lastKey: str('Storage key of the last file found missing'),
        lastAt: dateTime,
      }),
    ),
    time: dateTime,
  }),
);
