import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login attempts, kept about as long as the longest rate-limit window (LoginThrottle), so the
 * per-address and per-account limits hold across instances and restarts.
 */
export class LoginAttempts1764330000000 implements MigrationInterface {
  name = 'LoginAttempts1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "login_attempts" ("id" BIGSERIAL NOT NULL, "address" text NOT NULL, "username" text NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "succeeded" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_070e613c8f768b1a70742705c5b" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_login_attempts_address" ON "login_attempts" ("address", "attempted_at") `,
    );
    await q.query(`CREATE INDEX "ix_login_attempts_time" ON "login_attempts" ("attempted_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "login_attempts"`);
  }
}
