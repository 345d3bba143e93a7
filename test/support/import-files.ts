import { readdirSync } from 'node:fs';
import { importUploadDir } from '../../src/spreadsheets/import-upload';
import type { TestApp } from './test-app';

/**
 * The import files still on disk, once their removal has had a moment: the server deletes an
 * uploaded spreadsheet just after answering (multer, an aborted one), not before.
 */
export async function importFilesLeft(t: TestApp): Promise<string[]> {
  const left = () => readdirSync(importUploadDir(t.settings));
  for (let tries = 0; tries < 50 && left().length > 0; tries++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  return left();
}
