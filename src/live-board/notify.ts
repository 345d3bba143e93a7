import type { EntityManager } from 'typeorm';

/** The PostgreSQL channel every app instance listens on for live-board changes. */
export const LIVE_BOARD_CHANNEL = 'live_board';

/**
 * Tells every app instance that a contest's live board changed. Called inside the transaction
 * that makes the change: PostgreSQL delivers the notification only if and when it commits,
 * so viewers never see a change that was rolled back. The payload is only the contest id;
 * each instance rebuilds its own snapshot from the database.
 */
export async function notifyBoardChanged(em: EntityManager, contestId: string): Promise<void> {
  await em.query('SELECT pg_notify($1, $2)', [LIVE_BOARD_CHANNEL, contestId]);
}
