import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Entry } from './entry.entity';
import { CreatedEntity } from '../common/base.entity';

/** Every moderation decision on an entry, kept in order (approve / return with reasons). */
@Entity('entry_reviews')
export class EntryReview extends CreatedEntity {
  @Index('ix_entry_reviews_entry_id')
  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Relation<Entry>;

  /** 'approve' or 'return' */
  @Column({ type: 'text' })
  decision: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  reasons: string[];

  /** The checklist the organiser saw when deciding. */
  @Column({ type: 'jsonb', nullable: true })
  checklist: object | null;

  @Column({ type: 'uuid', nullable: true })
  reviewerId: string | null;
}
