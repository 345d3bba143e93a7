import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the audit hash chain: per contest ("global" for rows without one), each sealed
 * audit row gets the next sequence number and hash = SHA-256(previous hash + "\n" + the row's
 * canonical content). Changing, removing or reordering a sealed row breaks the chain from
 * there on, which `GET …/audit/verify` reports. Append-only (a trigger forbids changes).
 */
@Entity('audit_chain')
@Index('uq_audit_chain_seq', ['chain', 'seq'], { unique: true })
export class AuditChainLink {
  @PrimaryColumn({ type: 'bigint' })
  auditId: string;

  /** the contest id, or "global" */
  @Column({ type: 'text' })
  chain: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;
}
