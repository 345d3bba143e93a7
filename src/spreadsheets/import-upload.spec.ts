import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStale } from './import-upload';

describe('import uploads left on disk', () => {
  it('at boot, removes the files a stopped process left, not those of running requests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-imports-'));
    try {
      writeFileSync(join(dir, 'left-by-a-crash'), 'Đội số;Lượt thích\n1;2\n');
      writeFileSync(join(dir, 'uploading-now'), 'Đội số;Lượt thích\n');
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      utimesSync(join(dir, 'left-by-a-crash'), twoHoursAgo, twoHoursAgo);
      removeStale(dir, Date.now() - 3600_000);
      expect(readdirSync(dir)).toEqual(['uploading-now']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
