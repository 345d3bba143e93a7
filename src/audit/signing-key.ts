import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, parsePrivateKey, rawPublicKey } from './checkpoint';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** raw 32-byte public key, base64: what is published and given to the offline verifier */
  publicKeyBase64: string;
  publicKeyPem: string;
  /** where it came from, for the start-up log */
  source: string;
}

export const SIGNING_KEY_FILE = 'audit-signing.key';

/**
 * The audit checkpoints' Ed25519 key: AUDIT_SIGNING_KEY, or DATA_DIR/audit-signing.key,
 * generated on first start with mode 0600. It lives outside the database on purpose: whoever
 * holds the database alone cannot sign a checkpoint.
 */
export function loadSigningKey(configured: string | undefined, dataDir: string): SigningKey {
  const path = join(dataDir, SIGNING_KEY_FILE);
  const text = configured ?? readOrCreateKeyFile(path);
  let privateKey: KeyObject;
  try {
    privateKey = parsePrivateKey(text);
  } catch (error) {
    throw new Error(
      `Khoá ký nhật ký kiểm toán không hợp lệ (${configured ? 'AUDIT_SIGNING_KEY' : path}): ${(error as Error).message}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyBase64: rawPublicKey(publicKey),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    source: configured ? 'AUDIT_SIGNING_KEY' : path,
  };
}

function readOrCreateKeyFile(path: string): string {
  if (!existsSync(path)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      // 'wx': two processes starting on one DATA_DIR keep the first key
      writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(path).mode & 0o077) !== 0)
    process.stderr.write(
      `Cảnh báo: ${path} có thể được người khác đọc; nên đặt quyền 600 (chmod 600).\n`,
    );
  return readFileSync(path, 'utf8');
}
