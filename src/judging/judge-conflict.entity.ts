import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedEntity } from '../common/base.entity';

export const CONFLICT_KINDS = ['declared', 'recusal'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * A reason a judge must not score an entry: declared by an organiser (conflict) or by the
 * judge (recusal). Same-unit conflicts need no row: they are derived from the units.
 */
@Entity('judge_conflicts')
@Index('uq_judge_conflicts', ['entryId', 'judgeId'], { unique: true })
@Check('ck_judge_conflicts_kind', `"kind" IN ('declared','recusal')`)
export class JudgeConflict extends CreatedEntity {
  @Index('ix_judge_conflicts_contest')
  @Column({ type: 'uuid' })
  contestId: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'uuid' })
  judgeId: string;

  @Column({ type: 'text' })
  kind: ConflictKind;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
