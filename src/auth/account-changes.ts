import type { EntityManager } from 'typeorm';

/** The PostgreSQL channel on which instances hear that an account's tokens were revoked. */
export const ACCOUNT_CHANNEL = 'account_changed';

/**
 * Inside the transaction that changes a password or disables an account: once it commits,
 * every instance forgets the remembered caller (AccountsService), so the old tokens stop
 * working everywhere at once, not after AUTH_CALLER_CACHE_MS.
 */
export async function notifyAccountChanged(em: EntityManager, userId: string): Promise<void> {
  await em.query('SELECT pg_notify($1, $2)', [ACCOUNT_CHANNEL, userId]);
}
