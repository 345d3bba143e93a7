import { Column, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Contest } from '../contests/contest.entity';
import { BaseEntity } from './base.entity';

/** A row that belongs to one contest (foreign key, never cascaded: contests are not deleted). */
export abstract class ContestScopedEntity extends BaseEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;
}
