import { Check, Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

/**
 * A side prize the organisers confirmed (from the judges' nominations) or a sponsor prize they
 * attached to a team. The current list is replaced as a whole; the audit log keeps each list.
 */
@Entity('confirmed_awards')
@Index('ix_confirmed_awards_contest', ['contestId'])
@Check('ck_confirmed_awards_kind', `"kind" IN ('side','sponsor')`)
export class ConfirmedAward extends ContestScopedEntity {
  @Column({ type: 'text' })
  kind: 'side' | 'sponsor';

  @Column({ type: 'text' })
  prizeCode: string;

  @Column({ type: 'uuid' })
  entryId: string;

  /** The person honoured by an individual side prize. */
  @Column({ type: 'uuid', nullable: true })
  memberId: string | null;

  /** Position in the list (keeps the organisers' order). */
  @Column({ type: 'integer' })
  position: number;
}
