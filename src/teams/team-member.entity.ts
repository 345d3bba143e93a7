import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Team } from './team.entity';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

@Entity('team_members')
@Index('uq_team_members_person', ['contestId', 'personKey'], { unique: true })
@Index('uq_team_members_leader', ['teamId'], { unique: true, where: '"is_leader"' })
export class TeamMember extends ContestScopedEntity {
  @Index('ix_team_members_team_id')
  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @Column({ type: 'text' })
  fullName: string;

  /** Chức vụ */
  @Column({ type: 'text', default: '' })
  position: string;

  /** Đơn vị công tác of the member (may differ from the team's unit). */
  @Column({ type: 'text', default: '' })
  unitName: string;

  @Column({ type: 'boolean', default: false })
  isLeader: boolean;

  /**
   * Normalised identity of a person within a contest (name + unit, case/diacritic-folded),
   * so one person cannot sit on two teams of one contest.
   */
  @Column({ type: 'text', select: false })
  personKey: string;
}
