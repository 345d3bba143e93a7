import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { DomainError } from '../common/domain-error';
import { ContestMember } from '../contests/contest-member.entity';
import { ContestsService } from '../contests/contests.service';
import type { PanelPerson } from '../engine';
import { Entry } from '../entries/entry.entity';
import { enqueue } from '../notifications/events';
import { Team } from '../teams/team.entity';
import { Unit } from '../units/unit.entity';
import { JudgeAssignment } from './judge-assignment.entity';
import { JudgeConflict } from './judge-conflict.entity';
import { assertPlannable, draw, refuseShortUnits } from './panel-draw';
import { PanelPlan, PanelRow } from './panel-plan.entity';
import { JUDGEABLE } from './scorecard-rules';
import { Scorecard } from './scorecard.entity';

/** What committing a plan does to the assignment rows of the contest. */
interface PlanChanges {
  /** pairs the plan adds */
  added: number;
  /** pairs the plan takes away (no submitted card) */
  removed: number;
  /** pairs the plan takes away whose judge already submitted: they stay (see `commit`) */
  kept: { judgeId: string; entryId: string }[];
  /** pairs removed that had a draft card: the draft stays stored, no longer editable or counted */
  draftsLeft: number;
  /** plan pairs with a declared conflict or a recusal: not written */
  blocked: { judgeId: string; entryId: string }[];
}

/**
 * Judging panels (issue 24): instead of every judge scoring every entry, each entry gets k
 * judges from a pool, drawn by engine/panels.ts from a seed the server chooses and records.
 * The organiser previews a plan (stored as shown), then commits it: the assignment rows become
 * exactly the plan's pairs, in one audited transaction. Committing another plan later changes
 * the panels the same way; submitted scorecards are never touched.
 */
@Injectable()
export class PanelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  /** The contest's judging mode: its committed plan, or "every judge scores every entry". */
  async current(contestId: string) {
    await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const plan = await em.getRepository(PanelPlan).findOneBy({ contestId, status: 'committed' });
    return {
      mode: plan ? ('panels' as const) : ('all' as const),
      plan: plan ? await this.view(em, plan) : null,
    };
  }

  /** Draws a plan for k judges per entry from the pool (default: every judge), and stores it. */
  async preview(actor: Actor, contestId: string, k: number, judgeIds?: string[]) {
    return this.dataSource.transaction(async (em) => {
      // no lock: a preview assigns nobody (the commit locks the contest and checks the inputs)
      const contest = await this.contests.get(contestId, em);
      assertPlannable(contest.status);
      const { pool, entries, unitName } = await this.inputs(em, contestId, judgeIds);
      refuseShortUnits(entries, pool, k, unitName);
      const seed = randomBytes(8).toString('hex');
      const plan = draw(entries, pool, k, seed);
      const row = await em.getRepository(PanelPlan).save(
        em.getRepository(PanelPlan).create({
          contestId,
          status: 'preview',
          panelSize: k,
          judgeIds: pool.map((j) => j.id),
          entryIds: entries.map((e) => e.id),
          seed,
          panels: plan.panels,
          summary: {
            loads: plan.loads,
            loadSpread: plan.loadSpread,
            balanced: plan.balanced,
            maxPairCount: plan.maxPairCount,
            idealPairCount: plan.idealPairCount,
          },
          createdBy: actor.userId,
          committedAt: null,
        }),
      );
      return this.view(em, row);
    });
  }

  /**
   * Makes a previewed plan the contest's panels. Assignment rows not in the plan go, except
   * where the judge already submitted a card: that judge keeps the entry and the card counts
   * (a submitted card is never dropped behind the judges' backs; the organisers may reopen
   * it or declare a conflict to take it out). Drafts of removed pairs stay stored but are
   * neither editable nor counted. The previous plan, if any, is superseded. Audited.
   */
  async commit(actor: Actor, contestId: string, planId: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertPlannable(contest.status);
      const plan = await em.getRepository(PanelPlan).findOneBy({ id: planId, contestId });
      if (!plan) throw DomainError.notFound('PANEL_PLAN', 'Không tìm thấy phương án phân công.');
      if (plan.status !== 'preview')
        throw DomainError.conflict(
          'PLAN_NOT_PREVIEW',
          'Phương án này đã được áp dụng hoặc đã bị thay thế; hãy lập phương án mới.',
          'planId',
        );
      // every judge of the contest, then the plan's pool: a judge gone since is "outdated"
      const everyone = await this.inputs(em, contestId);
      const entries = everyone.entries;
      const pool = everyone.pool.filter((j) => plan.judgeIds.includes(j.id));
      if (
        !sameIds(
          entries.map((e) => e.id),
          plan.entryIds,
        ) ||
        pool.length !== plan.judgeIds.length
      )
        throw DomainError.conflict(
          'PLAN_OUTDATED',
          'Danh sách sản phẩm hoặc giám khảo đã thay đổi từ khi lập phương án; hãy lập phương án mới.',
          'planId',
        );
      const changes = await this.apply(em, contestId, plan);
      const previous = await em
        .getRepository(PanelPlan)
        .findOneBy({ contestId, status: 'committed' });
      if (previous) await em.update(PanelPlan, { id: previous.id }, { status: 'superseded' });
      await em.update(PanelPlan, { id: plan.id }, { status: 'committed', committedAt: new Date() });
      const assignments = await em.getRepository(JudgeAssignment).countBy({ contestId });
      await this.audit.record(em, actor, {
        contestId,
        action: previous ? 'judging.panels.change' : 'judging.panels.commit',
        entityType: 'judging_panel_plan',
        entityId: plan.id,
        before: previous
          ? { mode: 'panels', planId: previous.id, k: previous.panelSize, seed: previous.seed }
          : { mode: 'all' },
        after: {
          mode: 'panels',
          planId: plan.id,
          k: plan.panelSize,
          judgeIds: plan.judgeIds,
          seed: plan.seed,
          assignments,
          added: changes.added,
          removed: changes.removed,
          kept: changes.kept,
          draftsLeft: changes.draftsLeft,
          blocked: changes.blocked,
        },
      });
      await enqueue(em, { type: 'judge.assigned', contestId }); // notifications (issue 25)
      const committed = await em.getRepository(PanelPlan).findOneByOrFail({ id: plan.id });
      return { ...(await this.view(em, committed)), assignments, changes };
    });
  }

  /** Writes the plan's pairs and removes the others (see `commit`); returns what changed. */
  private async apply(em: EntityManager, contestId: string, plan: PanelPlan): Promise<PlanChanges> {
    const changes = await this.diff(em, contestId, plan.panels);
    const { existing, target, submitted, drafts } = changes.sets;
    const removed = existing.filter((a) => !target.has(key(a)) && !submitted.has(key(a)));
    for (const chunk of chunks(
      removed.map((a) => a.id),
      1000,
    ))
      await em.getRepository(JudgeAssignment).delete({ id: In(chunk) });
    const have = new Set(existing.map(key));
    const rows = [...target.values()]
      .filter((p) => !have.has(key(p)))
      .map((p) => ({ contestId, judgeId: p.judgeId, entryId: p.entryId, panelPlanId: plan.id }));
    for (const chunk of chunks(rows, 1000))
      await em.createQueryBuilder().insert().into(JudgeAssignment).values(chunk).execute();
    const stay = existing.filter((a) => target.has(key(a))).map((a) => a.id);
    for (const chunk of chunks(stay, 1000))
      await em.update(JudgeAssignment, { id: In(chunk) }, { panelPlanId: plan.id });
    return {
      added: rows.length,
      removed: removed.length,
      kept: changes.kept,
      draftsLeft: removed.filter((a) => drafts.has(key(a))).length,
      blocked: changes.blocked,
    };
  }

  /** The plan's pairs against the stored assignments and cards. */
  private async diff(em: EntityManager, contestId: string, panels: PanelRow[]) {
    const existing = await em.getRepository(JudgeAssignment).find({ where: { contestId } });
    const cards = await em.getRepository(Scorecard).find({
      where: { contestId },
      select: { judgeId: true, entryId: true, status: true },
    });
    const conflicts = await em.getRepository(JudgeConflict).find({ where: { contestId } });
    const refused = new Set(conflicts.map(key));
    const target = new Map<string, { judgeId: string; entryId: string }>();
    const blocked: { judgeId: string; entryId: string }[] = [];
    for (const p of panels)
      for (const judgeId of p.judgeIds) {
        const pair = { judgeId, entryId: p.entryId };
        if (refused.has(key(pair))) blocked.push(pair);
        else target.set(key(pair), pair);
      }
    const submitted = new Set(cards.filter((c) => c.status === 'submitted').map(key));
    const drafts = new Set(cards.filter((c) => c.status === 'draft').map(key));
    const leaving = existing.filter((a) => !target.has(key(a)));
    const have = new Set(existing.map(key));
    return {
      added: [...target.keys()].filter((k) => !have.has(k)).length,
      removed: leaving.filter((a) => !submitted.has(key(a))).length,
      kept: leaving
        .filter((a) => submitted.has(key(a)))
        .map((a) => ({ judgeId: a.judgeId, entryId: a.entryId })),
      draftsLeft: leaving.filter((a) => drafts.has(key(a))).length,
      blocked,
      sets: { existing, target, submitted, drafts },
    };
  }

  /** The judgeable entries (with their team's unit) and the pool (default: every judge). */
  private async inputs(em: EntityManager, contestId: string, judgeIds?: string[]) {
    const members = await em
      .getRepository(ContestMember)
      .find({ where: { contestId, role: 'judge' } });
    let chosen = members;
    if (judgeIds) {
      const wanted = new Set(judgeIds);
      chosen = members.filter((m) => wanted.has(m.userId));
      if (chosen.length !== wanted.size)
        throw DomainError.invalid(
          'NOT_A_JUDGE',
          'Có người trong danh sách không phải giám khảo của hội thi.',
          'judgeIds',
        );
    }
    const entries = await em
      .getRepository(Entry)
      .find({ where: { contestId, status: In(JUDGEABLE) }, order: { id: 'ASC' } });
    const teams = await em.getRepository(Team).find({ where: { contestId } });
    const unitOfTeam = new Map(teams.map((t) => [t.id, t.unitId]));
    const units = await em.getRepository(Unit).find({ where: { contestId } });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return {
      pool: chosen.map((m): PanelPerson => ({ id: m.userId, unitId: m.unitId })),
      entries: entries.map((e): PanelPerson => ({
        id: e.id,
        unitId: unitOfTeam.get(e.teamId) ?? null,
      })),
      unitName,
    };
  }

  /** A plan as the console shows it: judges with their loads, each entry's judges, changes. */
  private async view(em: EntityManager, plan: PanelPlan) {
    const users = plan.judgeIds.length
      ? await em.getRepository(User).find({ where: { id: In(plan.judgeIds) } })
      : [];
    const members = await em
      .getRepository(ContestMember)
      .find({ where: { contestId: plan.contestId, role: 'judge' } });
    const units = await em.getRepository(Unit).find({ where: { contestId: plan.contestId } });
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const unitOfJudge = new Map(members.map((m) => [m.userId, m.unitId]));
    const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
    const entries = plan.entryIds.length
      ? await em.getRepository(Entry).find({ where: { id: In(plan.entryIds) } })
      : [];
    const teams = await em.getRepository(Team).find({ where: { contestId: plan.contestId } });
    const teamOf = new Map(teams.map((t) => [t.id, t]));
    const entryOf = new Map(entries.map((e) => [e.id, e]));
    const changes =
      plan.status === 'preview' ? await this.diff(em, plan.contestId, plan.panels) : null;
    const panels = plan.panels
      .map((p) => {
        const team = teamOf.get(entryOf.get(p.entryId)?.teamId ?? '');
        return {
          entryId: p.entryId,
          teamNumber: team?.number ?? 0,
          teamName: team?.name ?? '',
          unitName: unitName.get(team?.unitId ?? '') ?? '',
          judgeIds: p.judgeIds,
        };
      })
      .sort((a, b) => a.teamNumber - b.teamNumber);
    return {
      id: plan.id,
      status: plan.status,
      panelSize: plan.panelSize,
      seed: plan.seed,
      createdAt: plan.createdAt,
      committedAt: plan.committedAt,
      judges: plan.summary.loads.map((l) => ({
        judgeId: l.judgeId,
        displayName: nameOf.get(l.judgeId) ?? '',
        unitName: unitName.get(unitOfJudge.get(l.judgeId) ?? '') ?? null,
        entries: l.entries,
      })),
      loadSpread: plan.summary.loadSpread,
      balanced: plan.summary.balanced,
      maxPairCount: plan.summary.maxPairCount,
      idealPairCount: plan.summary.idealPairCount,
      panels,
      changes: changes
        ? {
            added: changes.added,
            removed: changes.removed,
            kept: changes.kept,
            draftsLeft: changes.draftsLeft,
            blocked: changes.blocked,
          }
        : null,
    };
  }
}

function key(p: { judgeId: string; entryId: string }) {
  return `${p.judgeId}|${p.entryId}`;
}

function sameIds(a: string[], b: string[]) {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
