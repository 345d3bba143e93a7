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
import type { ScorecardStatus } from '../judging/scorecard.entity';

/** One judge's score for one part (presentation, debate, questions) of one finalist. */
@Entity('part_scorecards')
@Index('uq_part_scorecards', ['entryId', 'judgeId', 'partCode'], { unique: true })
@Index('ix_part_scorecards_contest', ['contestId'])
@Check('ck_part_scorecards_status', `"status" IN ('draft','submitted')`)
export class PartScorecard extends ContestScopedEntity {
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

  @Column({ type: 'text' })
  partCode: string;

  @Column({ type: 'numeric', precision: 6, scale: 2 })
  points: string;

  @Column({ type: 'text', default: 'draft' })
  status: ScorecardStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
