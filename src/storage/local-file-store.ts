import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore } from './file-store';

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Files on the local disk under one root folder, outside anything served statically. */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  constructor(private readonly root: string) {}

  // ---- kept files: one DATA_DIR, nothing to share (see KeptFiles) ----

  readonly sharesKeptFiles = false;

  async putKept(_key: string, _path: string): Promise<void> {}

  async fetchKept(_key: string, _path: string): Promise<boolean> {
    return false;
  }

  async removeKept(_key: string): Promise<void> {}

  // ---- FileStore ----

  async stat(key: string): Promise<number | null> {
    try {
      return (await stat(this.localPath(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Creates, writes and removes a small file. */
  async checkHealth(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const probe = join(this.root, `.probe-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  }

  localPath(key: string): string {
    // Keys are server-made UUID pairs; anything else is a bug, not a path to follow.
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    const path = resolve(this.root, key);
    if (!path.startsWith(resolve(this.root) + sep)) throw new Error('storage key escapes the root');
    return path;
  }

  async create(key: string): Promise<void> {
    const path = this.localPath(key);
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'wx');
    await handle.close();
  }

  async size(key: string): Promise<number> {
    return (await this.stat(key)) ?? 0;
  }

  async appendStream(key: string) {
    const stream = createWriteStream(this.localPath(key), {
      flags: 'a',
      highWaterMark: 1024 * 1024,
    });
    await new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', fail);
    });
    return stream;
  }

  async sync(key: string): Promise<void> {
    const handle = await open(this.localPath(key), 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async truncate(key: string, length: number): Promise<void> {
    await truncate(this.localPath(key), length);
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.localPath(key), { ...range, highWaterMark: 256 * 1024 });
  }

  async head(key: string, length: number): Promise<Buffer> {
    const handle = await open(this.localPath(key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  async list(): Promise<{ key: string; modifiedAt: Date }[]> {
    const out: { key: string; modifiedAt: Date }[] = [];
    await mkdir(this.root, { recursive: true });
    for (const dir of await readdir(this.root, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const file of await readdir(join(this.root, dir.name), { withFileTypes: true })) {
        if (!file.isFile()) continue;
        const key = relative(this.root, join(this.root, dir.name, file.name))
          .split(sep)
          .join('/');
        if (!KEY.test(key)) continue;
        out.push({ key, modifiedAt: (await stat(join(this.root, key))).mtime });
      }
    }
    return out;
  }
}
