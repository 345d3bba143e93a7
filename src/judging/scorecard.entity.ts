import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  Relation,
  VersionColumn,
} from 'typeorm';
import { User } from '../auth/user.entity';
import { ContestScopedEntity } from '../common/contest-scoped.entity';
import { Entry } from '../entries/entry.entity';

export const SCORECARD_STATUSES = ['draft', 'submitted'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

/**
 * One judge's scores for one entry in the preliminary round. Saved as a draft any number of
 * times, then submitted (locked). One row per judge × entry (unique), and every save checks
 * the version the tablet last saw, so two tablets can neither create two cards nor silently
 * overwrite each other.
 */
@Entity('scorecards')
@Index('uq_scorecards_judge_entry', ['entryId', 'judgeId'], { unique: true })
@Index('ix_scorecards_contest', ['contestId'])
@Check('ck_scorecards_status', `"status" IN ('draft','submitted')`)
export class Scorecard extends ContestScopedEntity {
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

  @Column({ type: 'text', default: 'draft' })
  status: ScorecardStatus;

  /** Points per criterion code, as exact decimal strings ("12.50"). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  scores: Record<string, string>;

  /** Sum of the criteria (numeric, exact); null while criteria are missing. */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  total: string | null;

  @Column({ type: 'text', default: '' })
  comment: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
