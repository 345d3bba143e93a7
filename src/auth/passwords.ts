import { hash, parseOptions, verify } from '@node-rs/argon2';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
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

/**
 * Checks a password against any argon2 PHC string (older parameters included), or against a
 * temporary password's fast hash (see hashTemporaryPassword).
 */
export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  if (isTemporaryHash(stored)) return verifyTemporaryPassword(stored, plain);
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
  // A temporary password is replaced by the person's own (argon2) at first sign-in anyway.
  if (isTemporaryHash(stored)) return false;
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

/**
 * Temporary passwords handed out in bulk (registration workbook, issue 24) are random, not
 * chosen by a person: 16 characters from a 54-letter alphabet are 92 bits, and each was drawn
 * uniformly (rejection sampling, `randomInt`). A guess-per-hash attack on such a secret is
 * hopeless even at 10^12 SHA-256 per second (2^92 / 10^12 s ≈ 10^8 years), so the slow argon2
 * hash, whose point is to slow down guessing of human passwords, buys nothing here and would
 * cost ~13-230 ms per account (106 s for 436 accounts in the issue's measurement). They are
 * stored as `$tmp-sha256$<salt>$<hash>`; verifyPassword recognises the marker. The person's own
 * password, chosen at the forced first change, gets argon2 as always. The salt keeps two
 * accounts' hashes apart even if two passwords were ever equal.
 */
export const TEMPORARY_HASH_PREFIX = '$tmp-sha256$';
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const TEMPORARY_PASSWORD_BITS = 16 * Math.log2(TEMPORARY_ALPHABET.length);

/** 16 random characters in four groups ("Kq7m-Xr2d-…"): easy to read off a slip and type. */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

export function isTemporaryHash(stored: string): boolean {
  return stored.startsWith(TEMPORARY_HASH_PREFIX);
}

function sha256(salt: Buffer, plain: string): Buffer {
  return createHash('sha256').update(salt).update(plain.normalize('NFC'), 'utf8').digest();
}

/** Only for generateTemporaryPassword's output: never for a password a person chose. */
export function hashTemporaryPassword(plain: string): string {
  const salt = randomBytes(16);
  return `${TEMPORARY_HASH_PREFIX}${salt.toString('base64url')}$${sha256(salt, plain).toString('base64url')}`;
}

function verifyTemporaryPassword(stored: string, plain: string): boolean {
  const [salt, digest] = stored.slice(TEMPORARY_HASH_PREFIX.length).split('$');
  if (!salt || !digest) return false;
  const expected = Buffer.from(digest, 'base64url');
  const actual = sha256(Buffer.from(salt, 'base64url'), plain);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Readable temporary password (no 0/O/1/l), ~71 bits. */
export function generatePassword(length = 14): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}
