import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** A secret kept in a file of DATA_DIR (mode 0600): read it, or create it on first use. */
export function readOrCreateSecret(path: string, bytes: number): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
