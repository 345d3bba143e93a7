import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Entry } from '../entries/entry.entity';
import { CreatedEntity } from '../common/base.entity';

/**
 * Interactions an organiser ruled invalid for an entry (e.g. a bought burst), with the reason.
 * Withdrawn exclusions keep their row (withdrawnAt set); the engine subtracts active ones.
 */
@Entity('interaction_exclusions')
@Check('ck_interaction_exclusions_nonneg', `"reactions" >= 0 AND "shares" >= 0 AND "comments" >= 0`)
export class InteractionExclusion extends CreatedEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @Index('ix_exclusions_entry')
  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Relation<Entry>;

  @Column({ type: 'integer', default: 0 })
  reactions: number;

  @Column({ type: 'integer', default: 0 })
  shares: number;

  @Column({ type: 'integer', default: 0 })
  comments: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
