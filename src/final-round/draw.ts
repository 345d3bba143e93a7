import { createHash } from 'node:crypto';

/**
 * Deterministic shuffle from a recorded seed (SHA-256 counter stream + Fisher–Yates), so the
 * order of appearance drawn in the hall can be re-derived and checked afterwards.
 */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  let counter = 0;
  const random = (bound: number) => {
    // rejection sampling over 32-bit words: no modulo bias
    const limit = Math.floor(0x100000000 / bound) * bound;
    for (;;) {
      const word = createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0);
      if (word < limit) return word % bound;
    }
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface DebatePair {
  asker: string;
  answerer: string;
}

/**
 * Debate pairing (phản biện): every finalist asks exactly one other team and answers exactly
 * one. Teams ask the next one in the order of appearance, the last asks the first: a single
 * cycle, so for 3 or more teams nobody asks the team that asks it. With 2 teams the mutual
 * pair cannot be avoided; with 1 there is no debate.
 */
export function debatePairing(order: readonly string[]): DebatePair[] {
  if (order.length < 2) return [];
  return order.map((asker, i) => ({ asker, answerer: order[(i + 1) % order.length]! }));
}
