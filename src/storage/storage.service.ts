import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { FILE_STORE, FileStore } from './file-store';

export type StorageWarning =
  | { code: 'FILES_MISSING'; message: string; count: number; lastKey: string; lastAt: string }
  | { code: 'STORAGE_UNREACHABLE'; message: string; error: string; since: string };

/** How long one health probe of the store is reused (balancer checks come every second). */
export const STORAGE_CHECK_CACHE_MS = 5000;
/** Failed probes in a row before the store is reported down (one slow answer is not an outage). */
const FAILURES_BEFORE_DOWN = 2;

interface StoreCheck {
  state: 'ok' | 'down';
  /** probes failed in a row, and the last one's error */
  failures: number;
  error?: string;
  /** the first failure of this run of failures */
  failingSince?: Date;
  at: number;
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
  private lastCheck: StoreCheck | null = null;
  private checking: Promise<StoreCheck> | null = null;

  constructor(@Inject(FILE_STORE) private readonly store: FileStore) {}

  get kind(): FileStore['kind'] {
    return this.store.kind;
  }

  /**
   * The store's health as /api/health reports it. A probe (local disk: a small write; bucket:
   * HeadBucket, no write) runs at most once per STORAGE_CHECK_CACHE_MS per instance, in the
   * background: a check answers from the last probe (only the very first one waits), so a
   * slow bucket never slows the balancer's health checks. The store is "down" after
   * FAILURES_BEFORE_DOWN failed probes in a row (or a failed first one); the change is logged
   * once each way.
   */
  async check(): Promise<'ok' | 'down'> {
    const last = this.lastCheck;
    if (!last || Date.now() - last.at >= STORAGE_CHECK_CACHE_MS)
      this.checking ??= this.probe().finally(() => (this.checking = null));
    return last ? last.state : (await this.checking!).state;
  }

  private async probe(): Promise<StoreCheck> {
    const before = this.lastCheck;
    let check: StoreCheck;
    try {
      await this.store.checkHealth();
      check = { state: 'ok', failures: 0, at: Date.now() };
      if (before?.state === 'down') this.log.log(`the ${this.store.kind} store answers again`);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const failures = (before?.failures ?? 0) + 1;
      check = {
        state: !before || failures >= FAILURES_BEFORE_DOWN ? 'down' : before.state,
        failures,
        error: message.slice(0, 300),
        failingSince: before?.failingSince ?? new Date(),
        at: Date.now(),
      };
      if (check.state === 'down' && before?.state !== 'down')
        this.log.error(`the ${this.store.kind} store does not answer: ${check.error}`);
    }
    this.lastCheck = check;
    return check;
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
    const warnings: StorageWarning[] = [];
    const check = this.lastCheck;
    if (check?.state === 'down')
      warnings.push({
        code: 'STORAGE_UNREACHABLE',
        message:
          this.store.kind === 's3'
            ? 'Không kết nối được kho lưu trữ (bucket S3): không tải lên, tải xuống hay xem được video; chấm điểm và bảng trực tiếp vẫn chạy. Kiểm tra S3_ENDPOINT, khóa truy cập và mạng.'
            : 'Không ghi được vào thư mục lưu tệp (DATA_DIR/uploads) của máy chủ này.',
        error: check.error ?? '',
        since: (check.failingSince ?? new Date(check.at)).toISOString(),
      });
    if (this.missing)
      warnings.push({
        code: 'FILES_MISSING',
        message: `${this.missing.count} lần đọc tệp không thấy trong kho lưu trữ (tệp có trong cơ sở dữ liệu nhưng kho không có); xem nhật ký lỗi.`,
        count: this.missing.count,
        lastKey: this.missing.lastKey,
        lastAt: this.missing.lastAt.toISOString(),
      });
    return warnings;
  }
}
