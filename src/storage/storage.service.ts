import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { FILE_STORE, FileStore } from './file-store';

export interface StorageWarning {
  code: 'FILES_MISSING';
  message: string;
  count: number;
  lastKey: string;
  lastAt: string;
}

/**
 * The health of the file store as this instance sees it: whether it accepts writes, and the
 * files the database knows but the store lacked when someone asked for them (e.g. an instance
 * whose local disk does not hold what another instance received). Those are logged one by one
 * and shown by /api/health as a warning until the process restarts.
 */
@Injectable()
export class StorageService {
  private readonly log = new Logger('Storage');
  private missing: { count: number; lastKey: string; lastAt: Date } | null = null;

  constructor(@Inject(FILE_STORE) private readonly store: FileStore) {}

  get kind(): FileStore['kind'] {
    return this.store.kind;
  }

  /** Health probe: the store accepts a write and its removal. */
  checkWritable(): Promise<void> {
    return this.store.checkWritable();
  }

  /**
   * A `ready` file must be in the store with its recorded size; otherwise this is logged and
   * answered 503 FILE_MISSING (the request is not the client's fault, and may work on another
   * instance or after a restore).
   */
  async assertStored(key: string, size: number): Promise<void> {
    const stored = await this.store.stat(key);
    if (stored === size) return;
    const at = new Date();
    this.missing = { count: (this.missing?.count ?? 0) + 1, lastKey: key, lastAt: at };
    this.log.error(
      `file ${key} is ${stored === null ? 'missing from' : `${stored} bytes instead of ${size} in`} the ${this.store.kind} store`,
    );
    throw new DomainError(
      'unavailable',
      'FILE_MISSING',
      'Không đọc được tệp này trên máy chủ lưu trữ. Ban tổ chức đã được ghi nhận lỗi; vui lòng thử lại sau.',
    );
  }

  warnings(): StorageWarning[] {
    if (!this.missing) return [];
    return [
      {
        code: 'FILES_MISSING',
        message: `${this.missing.count} lần đọc tệp không thấy trong kho lưu trữ (tệp có trong cơ sở dữ liệu nhưng kho không có); xem nhật ký lỗi.`,
        count: this.missing.count,
        lastKey: this.missing.lastKey,
        lastAt: this.missing.lastAt.toISOString(),
      },
    ];
  }
}
