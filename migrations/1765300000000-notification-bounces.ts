import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bounces after acceptance (issue 25): a message the mail server accepted (250) can come
 * back later as a delivery-status notification to the sender's mailbox, which the app does
 * not read. An organiser who learns of it records it: the row becomes `failed` with when and
 * why. Two nullable columns; rows already stored keep their meaning (never bounced).
 */
export class NotificationBounces1765300000000 implements MigrationInterface {
  name = 'NotificationBounces1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "notifications" ADD "bounced_at" TIMESTAMP WITH TIME ZONE, ADD "bounce_reason" text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "notifications" DROP COLUMN "bounce_reason", DROP COLUMN "bounced_at"`,
    );
  }
}
