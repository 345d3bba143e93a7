import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Initial schema: accounts, contests and their rules history, units, teams and members,
 * and the append-only audit log. Table DDL matches the entities exactly (a test checks
 * that TypeORM sees no pending difference); the rest is what entities cannot express.
 */
export class Init1763900000000 implements MigrationInterface {
  name = 'Init1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "contest_id" uuid, "actor_id" uuid, "actor_name" text, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text, "before" jsonb, "after" jsonb, "reason" text, "request_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_audit_log_contest" ON "audit_log" ("contest_id", "id") `);
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "username" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "is_admin" boolean NOT NULL DEFAULT false, "must_change_password" boolean NOT NULL DEFAULT false, "token_version" integer NOT NULL DEFAULT '0', "disabled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "contests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "slug" text NOT NULL, "name" text NOT NULL, "description" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'draft', "fanpage_url" text, "rules" jsonb NOT NULL, "rules_version" integer NOT NULL DEFAULT '1', "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_contests_status" CHECK ("status" IN ('draft','registration','submission','moderation','published','judging','final','results_published','archived')), CONSTRAINT "PK_0b8012f5cf6f444a52179e1227a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_contests_slug" ON "contests" ("slug") `);
    await q.query(
      `CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_units_kind" CHECK ("kind" IN ('phong','ban','nganh','xa','phuong','khac')), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_units_name" ON "units" ("contest_id", "name") `);
    await q.query(
      `CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "number" integer NOT NULL, "name" text NOT NULL, "unit_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'active', CONSTRAINT "ck_teams_number" CHECK ("number" > 0), CONSTRAINT "ck_teams_status" CHECK ("status" IN ('active','withdrawn')), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_teams_unit_id" ON "teams" ("unit_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_teams_number" ON "teams" ("contest_id", "number") `);
    await q.query(
      `CREATE TABLE "contest_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "team_id" uuid, "unit_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contest_members_team" CHECK (("role" = 'team') = ("team_id" IS NOT NULL)), CONSTRAINT "ck_contest_members_role" CHECK ("role" IN ('organiser','judge','team')), CONSTRAINT "PK_ab92ae43e76c53e4ff167f22d3b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_contest_members_user_id" ON "contest_members" ("user_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_contest_members_team" ON "contest_members" ("team_id") WHERE "role" = 'team'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_contest_members_user" ON "contest_members" ("contest_id", "user_id") `,
    );
    await q.query(
      `CREATE TABLE "contest_rules_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contest_id" uuid NOT NULL, "version" integer NOT NULL, "rules" jsonb NOT NULL, "kind" text NOT NULL, "reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_32f23f35ba3c4cbfdbe5d8cf44c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_rules_version" ON "contest_rules_versions" ("contest_id", "version") `,
    );
    await q.query(
      `CREATE TABLE "team_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "contest_id" uuid NOT NULL, "team_id" uuid NOT NULL, "full_name" text NOT NULL, "position" text NOT NULL DEFAULT '', "unit_name" text NOT NULL DEFAULT '', "is_leader" boolean NOT NULL DEFAULT false, "person_key" text NOT NULL, CONSTRAINT "PK_ca3eae89dcf20c9fd95bf7460aa" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_team_members_team_id" ON "team_members" ("team_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_team_members_leader" ON "team_members" ("team_id") WHERE "is_leader"`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_team_members_person" ON "team_members" ("contest_id", "person_key") `,
    );
    await q.query(
      `ALTER TABLE "units" ADD CONSTRAINT "FK_1b41498bb6129042f2f6f8d418d" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_9895f273236244a2b0a97bc1fa7" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "teams" ADD CONSTRAINT "FK_1539b00ca413c1da53e472d51aa" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contest_members" ADD CONSTRAINT "FK_8504bc5f625e81297628e8c11a6" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contest_members" ADD CONSTRAINT "FK_ed6e21b77efdcabf6f0b8d20648" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contest_members" ADD CONSTRAINT "FK_bac77bb0f277707b6f3ec3585d7" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contest_members" ADD CONSTRAINT "FK_63ad117d8efd862adef6970adb7" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "contest_rules_versions" ADD CONSTRAINT "FK_a44dc496075257bf71b83dcb37e" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "FK_e8b6cf3d06082325e4b72ec402e" FOREIGN KEY ("contest_id") REFERENCES "contests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_members" ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Usernames are unique regardless of case ("BTC.Nguyen" = "btc.nguyen").
    await q.query(`CREATE UNIQUE INDEX "uq_users_username" ON "users" (lower("username"))`);

    // The audit log is append-only, enforced by the database itself so that no code path
    // (nor the application's own role) can rewrite or erase history.
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS audit_log_no_truncate ON "audit_log"`);
    await q.query(`DROP TRIGGER IF EXISTS audit_log_no_update_delete ON "audit_log"`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_is_append_only()`);
    await q.query(`DROP TABLE IF EXISTS "team_members"`);
    await q.query(`DROP TABLE IF EXISTS "contest_rules_versions"`);
    await q.query(`DROP TABLE IF EXISTS "contest_members"`);
    await q.query(`DROP TABLE IF EXISTS "teams"`);
    await q.query(`DROP TABLE IF EXISTS "units"`);
    await q.query(`DROP TABLE IF EXISTS "contests"`);
    await q.query(`DROP TABLE IF EXISTS "users"`);
    await q.query(`DROP TABLE IF EXISTS "audit_log"`);
  }
}
