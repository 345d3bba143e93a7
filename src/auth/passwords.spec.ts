import { parseOptions } from '@node-rs/argon2';
import {
  generateTemporaryPassword,
  hashingPool,
  hashPassword,
  hashTemporaryPassword,
  isTemporaryHash,
  needsRehash,
  PASSWORD_HASH,
  TEMPORARY_PASSWORD_BITS,
  verifyPassword,
} from './passwords';

/** Hashes written by the `argon2` package (0.45, and older releases' parameter order). */
const LEGACY_HASHES = {
  password: 'mat-khau-cu-2022',
  current:
    '$argon2id$v=19$m=65536,p=4,t=3$pGeckvxo5l+ngyaEtuEGUg$L+dIgvWIH/3NwNudWusNq/hINDlrAdlNxxhXCfcosQA',
  olderOrder:
    '$argon2id$v=19$m=65536,t=3,p=4$pGeckvxo5l+ngyaEtuEGUg$L+dIgvWIH/3NwNudWusNq/hINDlrAdlNxxhXCfcosQA',
};

describe('password hashing', () => {
  it('hashes with argon2id at OWASP parameters (19 MiB, 2 passes, 1 lane)', async () => {
    const stored = await hashPassword('mot-mat-khau-dai');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(stored)).toMatchObject({
      memoryCost: PASSWORD_HASH.memoryCost,
      timeCost: PASSWORD_HASH.timeCost,
      parallelism: PASSWORD_HASH.parallelism,
    });
    expect(await verifyPassword(stored, 'mot-mat-khau-dai')).toBe(true);
    expect(await verifyPassword(stored, 'mot-mat-khau-khac')).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies the earlier 64 MiB / 3 passes / 4 lanes hashes, and marks them for rehash', async () => {
    for (const stored of [LEGACY_HASHES.current, LEGACY_HASHES.olderOrder]) {
      expect(await verifyPassword(stored, LEGACY_HASHES.password)).toBe(true);
      expect(await verifyPassword(stored, 'sai-mat-khau')).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('treats a damaged hash as matching no password', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$', 'x')).toBe(false);
    expect(needsRehash('not-a-hash')).toBe(true);
  });

  it('runs no more hashes at once than the pool allows; the rest wait their turn', async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashingPool.load.running)), 1);
    const hashes = await Promise.all(
      Array.from({ length: 3 * hashingPool.size + 1 }, (_, i) => hashPassword(`pw-${i}`)),
    );
    clearInterval(watch);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(most).toBeLessThanOrEqual(hashingPool.size);
    expect(hashingPool.load).toEqual({ running: 0, waiting: 0 });
  });

  it('temporary passwords: ≥ 80 random bits, readable, a salted fast hash that verifies', async () => {
    expect(TEMPORARY_PASSWORD_BITS).toBeGreaterThan(90);
    const passwords = Array.from({ length: 2000 }, generateTemporaryPassword);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords)
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){3}$/);
    // every letter of the alphabet turns up, none of 0 O 1 l I
    const letters = new Set(passwords.join('').replace(/-/g, ''));
    expect(letters.size).toBe(54);
    const stored = hashTemporaryPassword(passwords[0]!);
    expect(isTemporaryHash(stored)).toBe(true);
    expect(stored).not.toContain(passwords[0]);
    expect(hashTemporaryPassword(passwords[0]!)).not.toBe(stored); // salted
    expect(await verifyPassword(stored, passwords[0]!)).toBe(true);
    expect(await verifyPassword(stored, passwords[1]!)).toBe(false);
    expect(await verifyPassword(`${stored}x`, passwords[0]!)).toBe(false);
    expect(await verifyPassword('$tmp-sha256$', passwords[0]!)).toBe(false);
    // replaced by the person's own argon2 password at the forced change, never rehashed
    expect(needsRehash(stored)).toBe(false);
  });
});
