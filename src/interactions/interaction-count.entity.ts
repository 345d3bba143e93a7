import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { Entry } from '../entries/entry.entity';
import { InteractionSnapshot } from './interaction-snapshot.entity';

/** One entry's counts in one snapshot. */
@Entity('interaction_counts')
@Check('ck_interaction_counts_nonneg', `"reactions" >= 0 AND "shares" >= 0 AND "comments" >= 0`)
@Index('ix_interaction_counts_entry', ['entryId'])
export class InteractionCount {
  @PrimaryColumn({ type: 'uuid' })
  snapshotId: string;

  @ManyToOne(() => InteractionSnapshot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: Relation<InteractionSnapshot>;

  @PrimaryColumn({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Relation<Entry>;

  @Column({ type: 'integer' })
  reactions: number;

  @Column({ type: 'integer' })
  shares: number;

  @Column({ type: 'integer' })
  comments: number;
}
