import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Contest } from '../contests/contest.entity';
import { Unit } from '../units/unit.entity';
import { BaseEntity } from '../common/base.entity';

export type TeamStatus = 'active' | 'withdrawn';

@Entity('teams')
@Check('ck_teams_status', `"status" IN ('active','withdrawn')`)
@Check('ck_teams_number', `"number" > 0`)
@Index('uq_teams_number', ['contestId', 'number'], { unique: true })
export class Team extends BaseEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  /** "Đội số 5" */
  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  name: string;

  @Index('ix_teams_unit_id')
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;

  @Column({ type: 'text', default: 'active' })
  status: TeamStatus;
}
