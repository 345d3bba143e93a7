import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Contest } from '../contests/contest.entity';

export interface DebatePairRow {
  asker: string;
  answerer: string;
}

/**
 * The live final round of a contest: finalists in order of appearance (drawn from a recorded
 * seed, or set by the organiser), the debate pairing, and what is on stage now (team, part,
 * timer). Judges' tablets and the projector follow this row.
 */
@Entity('final_states')
@Check('ck_final_states_timer', `"timer_elapsed_ms" >= 0`)
@Check('ck_final_states_ceremony', `"ceremony_revealed" >= 0`)
export class FinalState {
  @PrimaryColumn({ type: 'uuid' })
  contestId: string;

  @OneToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Relation<Contest>;

  /** Entry ids in order of appearance. */
  @Column({ type: 'jsonb' })
  entryOrder: string[];

  /** The seed the order was drawn from; null when the organiser set the order. */
  @Column({ type: 'text', nullable: true })
  drawSeed: string | null;

  @Column({ type: 'jsonb' })
  pairing: DebatePairRow[];

  @Column({ type: 'uuid', nullable: true })
  currentEntryId: string | null;

  @Column({ type: 'text', nullable: true })
  currentPart: string | null;

  /** When the running timer was (re)started; null when stopped. */
  @Column({ type: 'timestamptz', nullable: true })
  timerStartedAt: Date | null;

  /** Time accumulated before the last start (pause/resume). */
  @Column({ type: 'integer', default: 0 })
  timerElapsedMs: number;

  /** Parts whose results the organiser revealed on the live board: "entryId|partCode". */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  revealedParts: string[];

  /** The organiser revealed the (provisional) ranking on the live board. */
  @Column({ type: 'boolean', default: false })
  rankingRevealed: boolean;

  /** The award ceremony: how many prizes are revealed on the board; null: no ceremony. */
  @Column({ type: 'integer', nullable: true })
  ceremonyRevealed: number | null;

  @VersionColumn({ default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
