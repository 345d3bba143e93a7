import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The account slips' contents (names, login names, temporary passwords) are stored only sealed:
 * AES-256-GCM
 * under a fresh key that the server hands to the organiser's browser (inside the download
 * token) and does not keep. Stored bytes are iv (12) | tag (16) | ciphertext. Without the
 * token, the database holds nothing readable; with a token but a tampered row, opening fails.
 */
export function seal(plain: Buffer): { sealed: Buffer; key: Buffer } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]), key };
}

/** The plain bytes, or null when the key does not open them. */
export function open(sealed: Buffer, key: Buffer): Buffer | null {
  if (key.length !== 32 || sealed.length < 28) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
}

/** "<slips id>.<key, base64url>": what the commit answers and the download sends back. */
export function slipsToken(id: string, key: Buffer): string {
  return `${id}.${key.toString('base64url')}`;
}

export function parseSlipsToken(token: string): { id: string; key: Buffer } | null {
  // the id as a UUID, so a token of the DTO's shape but no UUID is "not found", not a bad query
  const match =
    /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/.exec(
      token,
    );
  return match ? { id: match[1]!, key: Buffer.from(match[2]!, 'base64url') } : null;
}
