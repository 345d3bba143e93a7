import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

export const TEAM_STATUSES = ['active', 'withdrawn'] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];

@Entity('teams')
@Check('ck_teams_status', `"status" IN ('active','withdrawn')`)
@Check('ck_teams_number', `"number" > 0`)
@Index('uq_teams_number', ['contestId', 'number'], { unique: true })
export class Team extends ContestScopedEntity {
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
