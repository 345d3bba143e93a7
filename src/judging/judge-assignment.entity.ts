import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { User } from '../auth/user.entity';
import { Entry } from '../entries/entry.entity';
import { CreatedEntity } from '../common/base.entity';

/** Which judge scores which entry in the preliminary round. */
@Entity('judge_assignments')
@Index('uq_judge_assignments', ['entryId', 'judgeId'], { unique: true })
export class JudgeAssignment extends CreatedEntity {
  @Index('ix_judge_assignments_contest')
  @Column({ type: 'uuid' })
  contestId: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @ManyToOne(() => Entry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id' })
  entry?: Relation<Entry>;

  @Column({ type: 'uuid' })
  judgeId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'judge_id' })
  judge?: Relation<User>;

  /** the committed panel plan that made this row; null: the every-judge matrix or a custom row */
  @Column({ type: 'uuid', nullable: true })
  panelPlanId: string | null;
}
