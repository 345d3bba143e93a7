import { hash, parseOptions, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { FifoLimiter } from './fifo-limiter';

/**
 * argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet): 19 MiB,
 * 2 passes, 1 lane. About 13 ms per hash on one core here, so a hall of judges signing in at
 * once is answered in well under a second while each guess still costs an attacker 19 MiB.
 * `@node-rs/argon2` ships a prebuilt binary per platform: installing never compiles.
 */
export const PASSWORD_HASH = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum: not importable under swc)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashing runs on libuv's thread pool. At most one hash per core runs at a time (and never
 * all of the pool's threads, so file I/O always has one); the others wait their turn, first
 * come first served. Without this bound, 16 sign-ins at once each took 64 MiB and all the
 * threads, and every one of them finished late.
 */
const uvThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
export const hashingPool = new FifoLimiter(
  Math.max(1, Math.min(availableParallelism(), uvThreads - 1)),
);

export function hashPassword(plain: string): Promise<string> {
  return hashingPool.run(() => hash(plain, PASSWORD_HASH));
}

/** Checks a password against any argon2 PHC string (older parameters included). */
export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await hashingPool.run(() => verify(stored, plain));
  } catch {
    return false; // not a hash we can read: no password matches it
  }
}

/**
 * True when a stored hash was made with other parameters than PASSWORD_HASH (e.g. the
 * 64 MiB / 3 passes / 4 lanes of the earlier `argon2` package): it is replaced by a new hash
 * of the same password at the next successful sign-in.
 */
export function needsRehash(stored: string): boolean {
  try {
    const current = parseOptions(stored);
    return (
      current.algorithm !== PASSWORD_HASH.algorithm ||
      current.memoryCost !== PASSWORD_HASH.memoryCost ||
      current.timeCost !== PASSWORD_HASH.timeCost ||
      current.parallelism !== PASSWORD_HASH.parallelism
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | null = null;
/**
 * Verifying against a throw-away hash when the user does not exist keeps the response time
 * the same, so timing does not reveal which usernames exist.
 */
export async function burnVerification(plain: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, plain);
}

/** Readable temporary password (no 0/O/1/l), ~71 bits. */
export function generatePassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
