import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit hash chain (see AuditChainService): append-only like the audit log itself. */
export class AuditChain1763960000000 implements MigrationInterface {
  name = 'AuditChain1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_chain" ("audit_id" bigint NOT NULL, "chain" text NOT NULL, "seq" bigint NOT NULL, "prev_hash" text NOT NULL, "hash" text NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_914d608ee5e80972bb3dc1a366a" PRIMARY KEY ("audit_id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_audit_chain_seq" ON "audit_chain" ("chain", "seq") `);
    // Reuses the audit log's guard function: no UPDATE, DELETE or TRUNCATE of a link.
    await q.query(`
      CREATE TRIGGER audit_chain_no_update_delete BEFORE UPDATE OR DELETE ON "audit_chain"
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON "audit_chain"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "audit_chain"`);
  }
}
