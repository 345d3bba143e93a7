import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 25): the transactional outbox `notifications` (one row per message per
 * channel, unique per recipient, channel and event occurrence) and `notification_settings`
 * (a person's e-mail address and reminder choice). Nothing already stored changes; the
 * judging deadline the reminders use is an optional key of the rules' `dates`
 * (`judgingDeadline`), absent in rules stored before, which means "no reminders".
 */
export class Notifications1764700000000 implements MigrationInterface {
  name = 'Notifications1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "email" text, "reminders" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`,
    );
    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid, "recipient_id" uuid NOT NULL, "channel" text NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "dedupe_key" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "to_address" text, "message_id" text, "last_response" text, "resends" integer NOT NULL DEFAULT '0', "sent_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_notifications_status" CHECK ("status" IN ('pending','sent','failed')), CONSTRAINT "ck_notifications_channel" CHECK ("channel" IN ('email','in_app')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_contest" ON "notifications" ("contest_id", "created_at") `,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_inbox" ON "notifications" ("recipient_id", "created_at") WHERE "channel" = 'in_app'`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_due" ON "notifications" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_notifications_dedupe" ON "notifications" ("recipient_id", "channel", "dedupe_key") `,
    );
    await q.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_91a7ffebe8b406c4470845d4781" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_e7172e463df86072ffca296cf90" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "notification_settings"`);
  }
}
