import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SETTINGS, Settings } from '../config/settings';

/**
 * Where uploaded files live: local disk under DATA_DIR/uploads for now (outside any static
 * folder). Uploads and an S3-compatible adapter are built on this in the entries issue.
 */
@Injectable()
export class StorageService {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  get root(): string {
    return this.settings.uploadDir;
  }

  /** Health probe: creates, writes and removes a small file. */
  async checkWritable(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.probe-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  }
}
