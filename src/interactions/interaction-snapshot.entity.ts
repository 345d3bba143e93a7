import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Contest } from '../contests/contest.entity';
import { CreatedEntity } from '../common/base.entity';

export const SNAPSHOT_SOURCES = [
  'template_csv',
  'template_xlsx',
  'insights_csv',
  'insights_xlsx',
  'form',
  /** read from the Graph API by src/fanpage (raw answers kept with the reading) */
  'graph',
] as const;
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];

/**
 * The fanpage's counts at one moment. Never overwritten: a new reading is a new snapshot.
 * Importing the same file twice gives the same snapshot (unique file fingerprint and time: a
 * file of several readings makes one snapshot per reading).
 *
 * The counts are in the row, as parallel arrays: element i of `reactions`, `shares` and
 * `comments` belongs to `entryIds[i]` (see migration 1763970000000 for why, and for the
 * triggers that keep the entry ids honest and the row immutable). They are not loaded by
 * `find`: read them through `snapshot-counts.ts`.
 */
@Entity('interaction_snapshots')
@Check(
  'ck_interaction_snapshots_counts',
  `cardinality("entry_ids") = "row_count" AND cardinality("reactions") = "row_count" AND cardinality("shares") = "row_count" AND cardinality("comments") = "row_count" AND array_position("entry_ids", NULL) IS NULL AND (0 <= ALL ("reactions")) IS TRUE AND (0 <= ALL ("shares")) IS TRUE AND (0 <= ALL ("comments")) IS TRUE`,
)
@Index('uq_snapshots_file', ['contestId', 'fileSha256', 'takenAt'], { unique: true })
@Index('ix_snapshots_taken', ['contestId', 'takenAt'])
export class InteractionSnapshot extends CreatedEntity {
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

  @Column({ type: 'uuid', array: true, select: false })
  entryIds: string[];

  @Column({ type: 'integer', array: true, select: false })
  reactions: number[];

  @Column({ type: 'integer', array: true, select: false })
  shares: number[];

  @Column({ type: 'integer', array: true, select: false })
  comments: number[];

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
