import type { Actor } from './actor';

interface Cached {
  actor: Actor;
  tokenVersion: number;
  expiresAt: number;
}

/**
 * The callers behind tokens, kept for a few seconds: every API request needs its caller, and a
 * judge's tablet autosaving sends many requests a minute. A password change or reset forgets
 * the user at once (`forget`), so a revoked token stops working immediately in this process;
 * other instances hear of it through PostgreSQL (account-changes.ts); the time limit bounds how
 * long a change made around the application (by hand in SQL) can take to be noticed.
 *
 * A lookup that started before a `forget` and ends after it must not store what it read before
 * the change: each user has a generation that `forget` moves, and `store` only keeps an actor
 * read in the current generation.
 */
export class ActorCache {
  private readonly entries = new Map<string, Cached>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy each time: the caller stamps its request id on the actor. */
  get(userId: string, tokenVersion: number): Actor | undefined {
    const hit = this.entries.get(userId);
    if (!hit || hit.tokenVersion !== tokenVersion) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(userId);
      return undefined;
    }
    return { ...hit.actor };
  }

  generation(userId: string): number {
    return this.generations.get(userId) ?? 0;
  }

  store(userId: string, tokenVersion: number, actor: Actor, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.generation(userId)) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(userId, {
      actor: { ...actor },
      tokenVersion,
      expiresAt: this.now() + this.ttlMs,
    });
  }

  /** Forgets everyone (what was read before now may be stale). */
  clear(): void {
    for (const userId of this.entries.keys()) this.forget(userId);
  }

  forget(userId: string): void {
    this.entries.delete(userId);
    this.generations.set(userId, this.generation(userId) + 1);
  }
}
