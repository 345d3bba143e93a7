import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFileStore } from './local-file-store';

/**
 * Kept files (an import's preview waiting for its commit) on local disk: there is one DATA_DIR,
 * so there is nothing to share. The preview stays where PreviewFiles put it; the store neither
 * copies it nor pretends to have one to give back.
 */
describe('LocalFileStore kept files', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'local-store-'));
    outside = mkdtempSync(join(tmpdir(), 'local-store-preview-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const key = 'previews/import-previews/0b6f2c1e-8a9d-4c3b-9f1e-2d7a5b6c8e90';

  it('says it shares nothing, and keeping, fetching and removing touch no file', async () => {
    const store = new LocalFileStore(root);
    expect(store.sharesKeptFiles).toBe(false);
    const preview = join(outside, 'preview.csv');
    writeFileSync(preview, 'Đội số;Lượt thích\r\n1;10\r\n');

    await expect(store.putKept(key, preview)).resolves.toBeUndefined();
    expect(readdirSync(root)).toEqual([]);
    expect(readdirSync(outside)).toEqual(['preview.csv']);

    const target = join(outside, 'fetched.csv');
    await expect(store.fetchKept(key, target)).resolves.toBe(false);
    expect(readdirSync(outside)).toEqual(['preview.csv']);

    await expect(store.removeKept(key)).resolves.toBeUndefined();
    expect(readdirSync(outside)).toEqual(['preview.csv']);
  });
});
