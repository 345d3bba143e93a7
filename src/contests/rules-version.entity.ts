import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Contest } from './contest.entity';
import type { ContestRules } from '../engine';
import { CreatedEntity } from '../common/base.entity';

/** Every version of a contest's rules is kept; versions after judging starts carry a reason. */
@Entity('contest_rules_versions')
@Index('uq_rules_version', ['contestId', 'version'], { unique: true })
export class RulesVersion extends CreatedEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  rules: ContestRules;

  /** 'initial', 'edit' or 'amendment' (after judging started). */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
