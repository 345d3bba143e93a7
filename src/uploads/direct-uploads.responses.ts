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
  uuid,
} from '../common/api-schema';
import { UPLOAD_KINDS } from './upload.entity';

/** A direct (S3 multipart) upload: what is stored and what the browser still has to send. */
export const DirectUploadView = named(
  'DirectUploadView',
  object({
    id: uuid,
    kind: enumOf(UPLOAD_KINDS),
    status: enumOf(['pending', 'ready', 'failed', 'expired', 'cancelled', 'superseded']),
    size: int,
    partSize: { ...int, description: 'Bytes per part; the last part may be shorter' },
    partCount: int,
    parts: arrayOf(object({ partNumber: int, size: int, etag: str() })),
    received: { ...int, description: 'Bytes in the parts recorded so far' },
    verifying: {
      ...bool,
      description: 'Parts assembled; the server is checking size, type and SHA-256',
    },
    sha256: nullable(str('Set once the upload is ready')),
    failureCode: nullable(str('Why the upload failed, was cancelled or expired')),
  }),
);

export const PartUrlsView = named(
  'PartUrlsView',
  object({
    urls: arrayOf(object({ partNumber: int, url: str('Presigned UploadPart URL: PUT the bytes') })),
    expiresAt: dateTime,
  }),
);

export const StorageModeView = named(
  'StorageModeView',
  object({
    storage: { ...enumOf(['local', 's3']), description: 's3: upload with direct-uploads' },
    maxPartUrls: int,
  }),
);

export const DownloadLinkView = named(
  'DownloadLinkView',
  object({
    url: str('Presigned GET (STORAGE=s3) or the app’s own content path'),
    direct: { ...bool, description: 'true: usable as a <video> src without a token' },
    expiresAt: nullable(dateTime),
  }),
);
