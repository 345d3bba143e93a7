import type { SchemaObject } from '@nestjs/swagger';
import { binary, enumOf, int, named, nullable, object, str, uuid } from '../common/api-schema';
import { MEDIA } from '../storage/sniff/types';
import { ALLOWED_TYPES } from './upload-kinds';
import { UPLOAD_KINDS, type UploadStatus } from './upload.entity';

const UPLOAD_STATUSES: UploadStatus[] = [
  'pending',
  'ready',
  'failed',
  'expired',
  'cancelled',
  'superseded',
];

/** Where a resumable upload stands (also sent as tus headers Upload-Offset / Upload-Length). */
export const UploadStateView = named(
  'UploadStateView',
  object({
    id: uuid,
    kind: enumOf(UPLOAD_KINDS),
    status: enumOf(UPLOAD_STATUSES),
    offset: { ...int, description: 'Bytes safely stored so far' },
    size: { ...int, description: 'Declared total size in bytes' },
    sha256: nullable(str('Set once the upload is ready')),
    failureCode: nullable(str('Why the upload failed, was cancelled or expired')),
  }),
);

/** The file's bytes, with the content type decided from its content. */
export const uploadContent: Record<string, { schema: SchemaObject }> = Object.assign(
  {},
  ...[...new Set(UPLOAD_KINDS.flatMap((kind) => ALLOWED_TYPES[kind]))].map((type) =>
    binary(MEDIA[type].mime),
  ),
  binary('application/octet-stream'),
);
