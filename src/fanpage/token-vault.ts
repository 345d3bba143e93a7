import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecret } from '../config/secrets';

/** The file under DATA_DIR holding the key when FANPAGE_TOKEN_KEY is not set. */
export const TOKEN_KEY_FILE = 'fanpage-token.key';

/**
 * Page access tokens encrypted at rest with AES-256-GCM: the database holds only
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The key is FANPAGE_TOKEN_KEY (32 bytes, base64)
 * or a file under DATA_DIR made at first start (mode 0600); several instances must share it.
 * A token that no longer decrypts (key changed) reads as null: the organisers reconnect.
 */
export class TokenVault {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('FANPAGE_TOKEN_KEY must be 32 bytes');
    this.key = key;
  }

  static fromSettings(configured: string | undefined, dataDir: string): TokenVault {
    const text = configured ?? readOrCreateSecret(join(dataDir, TOKEN_KEY_FILE), 32);
    return new TokenVault(Buffer.from(text, configured ? 'base64' : 'base64url'));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return `v1.${parts.join('.')}`;
  }

  open(sealed: string): string | null {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return null;
    }
  }
}
