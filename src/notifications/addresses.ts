import type { EntityManager } from 'typeorm';

/** Records a person's e-mail address in the caller's transaction (null removes it). */
export async function saveAddress(
  em: EntityManager,
  userId: string,
  email: string | null,
): Promise<void> {
  await em.query(
    `INSERT INTO notification_settings (user_id, email) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()`,
    [userId, email],
  );
}
