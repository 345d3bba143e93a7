import { Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

/**
 * An organiser's recorded order (best first) for teams still tied after the whole tie-break
 * chain. Never changed: a later decision covering the same teams supersedes it (the engine
 * applies the newest one that covers a tied group).
 */
@Entity('tie_decisions')
@Index('ix_tie_decisions_contest', ['contestId', 'createdAt'])
export class TieDecision extends ContestScopedEntity {
  /** Entry ids in the decided order, best first. */
  @Column({ type: 'jsonb' })
  entryIds: string[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @Column({ type: 'text' })
  decidedByName: string;
}
