import { Check, Column, Entity, Index } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';

export const UNIT_KINDS = ['phong', 'ban', 'nganh', 'xa', 'phuong', 'khac'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An administrative unit (đơn vị) that teams and judges come from. */
@Entity('units')
@Check('ck_units_kind', `"kind" IN ('phong','ban','nganh','xa','phuong','khac')`)
@Index('uq_units_name', ['contestId', 'name'], { unique: true })
export class Unit extends ContestScopedEntity {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: UnitKind;

  /** Units are never deleted (teams and conflicts refer to them); they can be retired. */
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
