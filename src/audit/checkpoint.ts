import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
  verify,
} from 'node:crypto';
import type { SignedCheckpoint } from './signed-checkpoint';

/**
 * Audit checkpoints, without Nest or a database: used by the server and by the offline
 * verifier (`npm run audit:verify`). A checkpoint says "chain C had N sealed rows and its head
 * hash was H at time T", signed with an Ed25519 key the database never holds. Whoever changes
 * the database afterwards cannot make an earlier checkpoint agree with a shortened chain
 * (TRUNCATED) or with a chain rewritten and re-hashed (REWRITTEN).
 */

/** The hash before the first link of every chain. */
export const GENESIS = '0'.repeat(64);

export type { SignedCheckpoint };

export type CheckpointProblem = 'TRUNCATED' | 'REWRITTEN' | 'CHECKPOINT_INVALID';

/** One link of a chain, as stored: its sequence number (1-based) and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Link hash: SHA-256 of the previous hash, a newline and the row's canonical content. */
export const linkHash = (prev: string, content: string): string =>
  createHash('sha256').update(`${prev}\n${content}`, 'utf8').digest('hex');

/** Exactly the bytes that are signed: a fixed, line-based text (no JSON canonicalisation). */
export function checkpointMessage(c: Omit<SignedCheckpoint, 'signature' | 'keyId'>): Buffer {
  return Buffer.from(
    `cchc-audit-checkpoint/v1\n${c.chain}\n${c.rowCount}\n${c.headHash}\n${c.signedAt}`,
    'utf8',
  );
}

/** The raw 32-byte Ed25519 public key, base64. */
export function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

/** First 16 hex digits of the SHA-256 of the raw public key: names the key in checkpoints. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(Buffer.from(rawPublicKey(publicKey), 'base64'))
    .digest('hex')
    .slice(0, 16);
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A public key given as PEM (SPKI) or as the raw 32 bytes in base64 / base64url / hex. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.includes('BEGIN')) return createPublicKey(trimmed);
  const raw = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (raw.length !== 32) throw new Error('An Ed25519 public key is 32 bytes (base64 or PEM).');
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

/** A private key given as PEM (PKCS#8, "\n" escapes allowed) or as the 32-byte seed in base64. */
export function parsePrivateKey(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  const key = trimmed.includes('BEGIN')
    ? createPrivateKey(trimmed)
    : (() => {
        const seed = Buffer.from(trimmed, 'base64');
        if (seed.length !== 32)
          throw new Error('AUDIT_SIGNING_KEY: a PEM Ed25519 key or its 32-byte seed in base64.');
        return createPrivateKey({
          key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
          format: 'der',
          type: 'pkcs8',
        });
      })();
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be Ed25519.');
  return key;
}

export function signCheckpoint(
  statement: Omit<SignedCheckpoint, 'signature' | 'keyId'>,
  privateKey: KeyObject,
): SignedCheckpoint {
  const publicKey = createPublicKey(privateKey);
  return {
    ...statement,
    keyId: keyIdOf(publicKey),
    signature: sign(null, checkpointMessage(statement), privateKey).toString('base64'),
  };
}

export function isSignedBy(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

export interface CheckpointFinding {
  problem: CheckpointProblem;
  /** the row count the checkpoint vouches for */
  seq: number;
  checkpoint: SignedCheckpoint;
}

/**
 * Compares a chain as stored now with the checkpoints signed earlier. `headAt(n)` is the hash
 * of link n (null when the chain is shorter). Checkpoints of another key are not evidence and
 * are skipped; those claiming our key with a bad signature are forgeries (CHECKPOINT_INVALID).
 * A chain shorter than a checkpoint says was TRUNCATED; a link whose hash differs from the
 * signed head was REWRITTEN (even when every later hash was recomputed to match).
 * Reports the largest truncation and the earliest rewrite.
 */
export function checkChainAgainstCheckpoints(
  chain: string,
  length: number,
  headAt: (seq: number) => string | null,
  checkpoints: SignedCheckpoint[],
  publicKey: KeyObject,
): { findings: CheckpointFinding[]; checked: number; latest: SignedCheckpoint | null } {
  const keyId = keyIdOf(publicKey);
  const findings: CheckpointFinding[] = [];
  let truncated: CheckpointFinding | null = null;
  let rewritten: CheckpointFinding | null = null;
  let checked = 0;
  let latest: SignedCheckpoint | null = null;
  for (const checkpoint of checkpoints) {
    if (checkpoint.chain !== chain || checkpoint.keyId !== keyId) continue;
    if (!isSignedBy(checkpoint, publicKey)) {
      findings.push({ problem: 'CHECKPOINT_INVALID', seq: checkpoint.rowCount, checkpoint });
      continue;
    }
    checked++;
    if (!latest || checkpoint.rowCount >= latest.rowCount) latest = checkpoint;
    if (checkpoint.rowCount > length) {
      if (!truncated || checkpoint.rowCount > truncated.seq)
        truncated = { problem: 'TRUNCATED', seq: checkpoint.rowCount, checkpoint };
    } else {
      const hash = checkpoint.rowCount === 0 ? GENESIS : headAt(checkpoint.rowCount);
      if (hash !== checkpoint.headHash && (!rewritten || checkpoint.rowCount < rewritten.seq))
        rewritten = { problem: 'REWRITTEN', seq: checkpoint.rowCount, checkpoint };
    }
  }
  if (truncated) findings.push(truncated);
  if (rewritten) findings.push(rewritten);
  return { findings, checked, latest };
}

/** A checkpoint read from JSON (export, journal, a results page): shape-checked. */
export function asCheckpoint(value: unknown): SignedCheckpoint | null {
  const v = value as Record<string, unknown> | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.chain !== 'string' ||
    typeof v.rowCount !== 'number' ||
    !Number.isSafeInteger(v.rowCount) ||
    typeof v.headHash !== 'string' ||
    typeof v.signedAt !== 'string' ||
    typeof v.keyId !== 'string' ||
    typeof v.signature !== 'string'
  )
    return null;
  return {
    chain: v.chain,
    rowCount: v.rowCount,
    headHash: v.headHash,
    signedAt: v.signedAt,
    keyId: v.keyId,
    signature: v.signature,
  };
}
