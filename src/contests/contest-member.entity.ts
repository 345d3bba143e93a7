import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { User } from '../auth/user.entity';
import { Team } from '../teams/team.entity';
import { Unit } from '../units/unit.entity';
import { Contest } from './contest.entity';
import { CreatedEntity } from '../common/base.entity';

export const CONTEST_ROLES = ['organiser', 'judge', 'team'] as const;
export type ContestRole = (typeof CONTEST_ROLES)[number];

/**
 * A user's role in one contest. One role per user per contest; a team account belongs to
 * exactly one team; a judge may carry the unit they work in (conflict-of-interest checks).
 */
@Entity('contest_members')
@Check('ck_contest_members_role', `"role" IN ('organiser','judge','team')`)
@Check('ck_contest_members_team', `("role" = 'team') = ("team_id" IS NOT NULL)`)
@Index('uq_contest_members_user', ['contestId', 'userId'], { unique: true })
@Index('uq_contest_members_team', ['teamId'], { unique: true, where: `"role" = 'team'` })
export class ContestMember extends CreatedEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  @Index('ix_contest_members_user_id')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  role: ContestRole;

  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit>;
}
