import { Inject, Injectable } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { FILE_STORE, FileStore } from '../storage/file-store';

/**
 * What this instance knows of the uploads it is writing: which have a PATCH in progress (one
 * writer per upload) and each one's running SHA-256, so a PATCH does not hash the stored bytes
 * again. Shared by the tus, completion and cleanup services.
 */
@Injectable()
export class InFlightUploads {
  /** Uploads with a PATCH in progress on this instance (one writer per upload). */
  readonly busy = new Set<string>();
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

  async withLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    if (this.busy.has(id)) {
      throw DomainError.conflict(
        'UPLOAD_BUSY',
        'Tệp đang được ghi bởi một kết nối khác, vui lòng thử lại sau giây lát.',
      );
    }
    this.busy.add(id);
    try {
      return await work();
    } finally {
      this.busy.delete(id);
    }
  }
}
