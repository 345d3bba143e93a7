import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification's dedupe key names an occurrence within its contest ("results:v1",
 * "judging.reminder:<deadline>:24h", the order of a draw), so the unique index takes the
 * contest too: a person in two contests hears of each contest's results. Rows already stored
 * keep their keys and stay unique (the new index is wider than the old one).
 */
export class NotificationDedupePerContest1765540000000 implements MigrationInterface {
  name = 'NotificationDedupePerContest1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_notifications_dedupe"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_notifications_dedupe" ON "notifications" ("recipient_id", "channel", "contest_id", "dedupe_key") `,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_notifications_dedupe"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_notifications_dedupe" ON "notifications" ("recipient_id", "channel", "dedupe_key") `,
    );
  }
}
