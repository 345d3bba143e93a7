import { Check, Column, Entity, Index } from 'typeorm';
import { CreatedEntity } from '../common/base.entity';

export const PANEL_PLAN_STATUSES = ['preview', 'committed', 'superseded'] as const;
export type PanelPlanStatus = (typeof PANEL_PLAN_STATUSES)[number];

/** One entry's panel: the judges who score it. */
export interface PanelRow {
  entryId: string;
  judgeIds: string[];
}

/** What the organisers see of a plan before committing it (engine/panels.ts). */
export interface PanelSummary {
  loads: { judgeId: string; entries: number }[];
  loadSpread: number;
  balanced: boolean;
  maxPairCount: number;
  idealPairCount: number;
}

/**
 * A panel plan of the preliminary round (issue 24): k judges per entry drawn from a pool,
 * deterministically from a seed the server chose and recorded. A preview is stored as it was
 * shown; committing it turns it into the contest's judging mode (at most one committed plan
 * per contest; none means "every judge scores every entry") and writes its assignment rows.
 * A later commit supersedes the earlier plan.
 */
@Entity('judging_panel_plans')
@Index('uq_judging_panel_plans_committed', ['contestId'], {
  unique: true,
  where: `"status" = 'committed'`,
})
@Check('ck_judging_panel_plans_status', `"status" IN ('preview','committed','superseded')`)
export class PanelPlan extends CreatedEntity {
  @Index('ix_judging_panel_plans_contest')
  @Column({ type: 'uuid' })
  contestId: string;

  @Column({ type: 'text', default: 'preview' })
  status: PanelPlanStatus;

  /** k: judges per entry */
  @Column({ type: 'integer' })
  panelSize: number;

  /** the pool, in id order */
  @Column({ type: 'uuid', array: true })
  judgeIds: string[];

  /** the judgeable entries the plan was drawn for, in id order (a change makes it outdated) */
  @Column({ type: 'uuid', array: true })
  entryIds: string[];

  /** chosen by the server at preview time; the same inputs and seed give the same plan */
  @Column({ type: 'text' })
  seed: string;

  @Column({ type: 'jsonb' })
  panels: PanelRow[];

  @Column({ type: 'jsonb' })
  summary: PanelSummary;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  committedAt: Date | null;
}
