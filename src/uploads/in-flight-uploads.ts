import { Inject, Injectable } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { FILE_STORE, FileStore } from '../storage/file-store';

/**
 * What this instance knows of the uploads it is writing: which have a PATCH in progress (one
 * writer per upload) and each one's running SHA-256, so a PATCH does not hash the stored bytes
 * again. Shared by the tus, completion and cleanup services.
 */
/** How long a newer PATCH waits for the one it interrupts to let go of the upload. */
const TAKE_OVER_WAIT_MS = 10_000;

interface Holder {
  /** Stops the holder's request early (a PATCH: its body); a no-op for other work. */
  interrupt: () => void;
  released: Promise<void>;
}

@Injectable()
export class InFlightUploads {
  /** Uploads with a PATCH (or their completion) in progress on this instance: one at a time. */
  readonly busy = new Map<string, Holder>();
  /** Running SHA-256 per upload, valid at `offset`; rebuilt from disk when missing. */
  readonly hashes = new Map<string, { offset: number; hash: Hash }>();

  constructor(@Inject(FILE_STORE) private readonly store: FileStore) {}

  async hashAt(id: string, key: string, offset: number): Promise<Hash> {
    const known = this.hashes.get(id);
    if (known && known.offset === offset) return known.hash;
    const hash = createHash('sha256');
    if (offset > 0) {
      for await (const chunk of this.store.read(key, { start: 0, end: offset - 1 }))
        hash.update(chunk as Buffer);
    }
    return hash;
  }

  async digest(id: string, key: string, size: number): Promise<string> {
    return (await this.hashAt(id, key, size)).copy().digest('hex');
  }

  async withLock<T>(id: string, work: () => Promise<T>, interrupt = () => {}): Promise<T> {
    if (this.busy.has(id)) {
      throw DomainError.conflict(
        'UPLOAD_BUSY',
        'Tệp đang được ghi bởi một kết nối khác, vui lòng thử lại sau giây lát.',
      );
    }
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.busy.set(id, { interrupt, released });
    try {
      return await work();
    } finally {
      this.busy.delete(id);
      release();
    }
  }

  /**
   * The lock for a team's newer request (tus PATCH or DELETE): a PATCH still holding the
   * upload is interrupted first, keeping the bytes it stored. When a ward office's line
   * drops, the server may never see the old connection close; without this, every resume
   * would be refused (409 UPLOAD_BUSY) until HTTP_REQUEST_TIMEOUT_SECONDS. Work that is not
   * a transfer (checking a complete file) is waited for, up to TAKE_OVER_WAIT_MS.
   */
  async takeOver<T>(
    id: string,
    interrupt: (() => void) | null,
    work: () => Promise<T>,
  ): Promise<T> {
    const holder = this.busy.get(id);
    if (holder) {
      holder.interrupt();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        holder.released,
        new Promise((resolve) => (timer = setTimeout(resolve, TAKE_OVER_WAIT_MS))),
      ]).finally(() => clearTimeout(timer));
    }
    return this.withLock(id, work, interrupt ?? undefined);
  }
}
