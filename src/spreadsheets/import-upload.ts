import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  PayloadTooLargeException,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor, MulterModule } from '@nestjs/platform-express';
import type { Request } from 'express';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { diskStorage } from 'multer';
import { catchError, finalize, throwError } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { SETTINGS, type Settings } from '../config/settings';

/** Spreadsheets are small (a 100.000-row CSV is ~5 MB); anything above 10 MB is refused (413). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Files older than this in the folder at boot were left by a process that stopped mid-request. */
const STALE_AFTER_MS = 3600_000;

export const importUploadDir = (settings: Settings) => join(settings.dataDir, 'tmp', 'imports');

/**
 * Imported spreadsheets are written to disk while they arrive (multer's disk storage), then
 * parsed from there piece by piece: a 10 MB upload never sits whole in memory. The folder is
 * emptied of stale files at boot.
 */
export const ImportUploadModule = MulterModule.registerAsync({
  inject: [SETTINGS],
  useFactory: (settings: Settings) => {
    const dir = importUploadDir(settings);
    mkdirSync(dir, { recursive: true });
    removeStale(dir, Date.now() - STALE_AFTER_MS);
    return { storage: diskStorage({ destination: dir }) };
  },
});

export function removeStale(dir: string, before: number) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs < before) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by its own request
    }
  }
}

/**
 * Deletes the request's uploaded file once the handler has finished, whatever the outcome
 * (answered, refused by a pipe or by the service, failed). Multer itself removes a file whose
 * upload failed (too large, aborted). The response does not wait for it: unlinking a 5 MB
 * file took 10–15 ms on the benchmark machine. A file whose removal fails is removed at the
 * next boot (see removeStale).
 */
@Injectable()
export class RemoveUploadedFile implements NestInterceptor {
  private readonly logger = new Logger('Imports');

  intercept(context: ExecutionContext, next: CallHandler) {
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      finalize(() => {
        const path = request.file?.path;
        if (path)
          rm(path, { force: true }).catch((error: unknown) =>
            this.logger.warn(`could not remove ${path}: ${String(error)}`),
          );
      }),
    );
  }
}

/**
 * Multer's "file too large" (a bare 413 from the framework) as our own error: the field, the
 * limit, a Vietnamese message that says what to do.
 */
@Injectable()
export class ImportTooLarge implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => tooLargeImport(error))));
  }
}

const tooLargeImport = (error: unknown) =>
  error instanceof PayloadTooLargeException
    ? new DomainError(
        'too_large',
        'FILE_TOO_LARGE',
        `Tệp quá lớn: tối đa ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Hãy bỏ các cột, trang tính không cần thiết hoặc chia tệp thành nhiều phần.`,
        [{ field: 'file', code: 'FILE_TOO_LARGE', message: `Tối đa ${MAX_IMPORT_BYTES} byte.` }],
        { maxBytes: MAX_IMPORT_BYTES },
      )
    : error;

/** The `file` field of an import, on disk for the duration of the request. */
export const ImportUpload = () =>
  applyDecorators(
    UseInterceptors(
      ImportTooLarge,
      FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } }),
      RemoveUploadedFile,
    ),
  );

/** The request's uploaded file (its name cut to 200 characters), or 400 FILE_REQUIRED. */
export function uploadedFile(file: Express.Multer.File | undefined, missing: string) {
  if (!file) throw DomainError.invalid('FILE_REQUIRED', missing, 'file');
  return { path: file.path, originalName: file.originalname.slice(0, 200) };
}
