import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Contest } from '../contests/contest.entity';
import { BaseEntity } from '../common/base.entity';

export const UNIT_KINDS = ['phong', 'ban', 'nganh', 'xa', 'phuong', 'khac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An administrative unit (đơn vị) that teams and judges come from. */
@Entity('units')
@Check('ck_units_kind', `"kind" IN ('phong','ban','nganh','xa','phuong','khac')`)
@Index('uq_units_name', ['contestId', 'name'], { unique: true })
export class Unit extends BaseEntity {
  @Column({ type: 'uuid' })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  /** Units are never deleted (teams and conflicts refer to them); they can be retired. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
