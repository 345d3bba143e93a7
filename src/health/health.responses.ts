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
    uploads: {
      ...CHECK,
      description:
        'The file store: the upload disk is writable, or the bucket answers (HeadBucket, checked at most every 5 s)',
    },
    storage: { ...enumOf(['local', 's3']), description: 'STORAGE: local disk or an S3 bucket' },
    disk: object({
      freeBytes: { ...nullable(int), description: 'Free space on the disk of DATA_DIR' },
      minFreeBytes: { ...int, description: 'UPLOAD_MIN_FREE_DISK_BYTES' },
      acceptingUploads: { ...bool, description: 'false below the floor: new uploads are refused' },
    }),
    warnings: arrayOf(
      object(
        {
          code: enumOf(['FILES_MISSING', 'STORAGE_UNREACHABLE']),
          message: str('In Vietnamese, for the operator'),
          count: { ...int, description: 'FILES_MISSING: reads that found no file' },
          lastKey: str('FILES_MISSING: storage key of the last file found missing'),
          lastAt: dateTime,
          error: str('STORAGE_UNREACHABLE: what the store answered (for the operator)'),
          since: { ...dateTime, description: 'STORAGE_UNREACHABLE: first failed check' },
        },
        { optional: ['count', 'lastKey', 'lastAt', 'error', 'since'] },
      ),
    ),
    time: dateTime,
  }),
);
