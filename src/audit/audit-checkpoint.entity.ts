import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement about one audit chain: "at `signedAt` it had `rowCount` sealed rows and
 * its head hash was `headHash`", signed with the Ed25519 key the database never holds
 * (see checkpoint.ts). Append-only like the log. A copy of every checkpoint also goes to
 * DATA_DIR/audit-checkpoints.jsonl, so deleting rows here is noticed too.
 */
@Entity('audit_checkpoints')
@Index('ix_audit_checkpoints_chain', ['chain', 'rowCount'])
export class AuditCheckpoint {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** the contest id, or "global" */
  @Column({ type: 'text' })
  chain: string;

  @Column({ type: 'bigint' })
  rowCount: string;

  @Column({ type: 'text' })
  headHash: string;

  @Column({ type: 'timestamptz' })
  signedAt: Date;

  /** first 16 hex digits of the SHA-256 of the raw public key */
  @Column({ type: 'text' })
  keyId: string;

  /** Ed25519 signature of checkpointMessage(), base64 */
  @Column({ type: 'text' })
  signature: string;
}
