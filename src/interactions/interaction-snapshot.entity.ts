import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Contest } from '../contests/contest.entity';

export const SNAPSHOT_SOURCES = [
  'template_csv',
  'template_xlsx',
  'insights_csv',
  'insights_xlsx',
  'form',
] as const;
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];

/**
 * The fanpage's counts at one moment. Never overwritten: a new reading is a new snapshot.
 * Importing the same file twice gives the same snapshot (unique file fingerprint).
 */
@Entity('interaction_snapshots')
@Index('uq_snapshots_file', ['contestId', 'fileSha256'], { unique: true })
@Index('ix_snapshots_taken', ['contestId', 'takenAt'])
export class InteractionSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  /** When the counts were read on the fanpage. */
  @Column({ type: 'timestamptz' })
  takenAt: Date;

  @Column({ type: 'text' })
  source: SnapshotSource;

  /** SHA-256 of the imported file (or of the canonical form data). */
  @Column({ type: 'text' })
  fileSha256: string;

  @Column({ type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'integer' })
  rowCount: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
