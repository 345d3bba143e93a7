import { Check, Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { ContestRules } from '../engine';
import type { ContestStatus } from './contest-status';

@Entity('contests')
@Check('ck_contests_final_venue', `char_length("final_venue") BETWEEN 1 AND 300`)
@Check(
  'ck_contests_status',
  `"status" IN ('draft','registration','submission','moderation','published','judging','final','results_published','archived')`,
)
export class Contest extends BaseEntity {
  /** Short URL-safe name for public pages, e.g. `nga-bay-2022`. */
  @Index('uq_contests_slug', { unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: 'draft' })
  status: ContestStatus;

  /** Address of the contest's fanpage; post addresses of entries must live under it. */
  @Column({ type: 'text', nullable: true })
  fanpageUrl: string | null;

  /** When the final round takes place, as announced to the public (null: not announced). */
  @Column({ type: 'timestamptz', nullable: true })
  finalAt: Date | null;

  /** Where the final round takes place, as announced to the public. */
  @Column({ type: 'text', nullable: true })
  finalVenue: string | null;

  @Column({ type: 'jsonb' })
  rules: ContestRules;

  @Column({ type: 'integer', default: 1 })
  rulesVersion: number;

  @VersionColumn({ default: 1 })
  version: number;
}
