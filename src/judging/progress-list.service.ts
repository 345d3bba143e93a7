import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { User } from '../auth/user.entity';
import { ContestsService } from '../contests/contests.service';
import { hundredthsToString, toHundredths } from '../engine';
import { Entry } from '../entries/entry.entity';
import { Team } from '../teams/team.entity';
import { Unit } from '../units/unit.entity';
import { JudgeAssignment } from './judge-assignment.entity';
import type { ProgressListQuery } from './judging.dto';
import { outliersOf } from './judging-progress.service';
import { PanelPlan } from './panel-plan.entity';
import { JUDGEABLE } from './scorecard-rules';
import { Scorecard } from './scorecard.entity';
import { foldText } from '../common/paging';

type CellStatus = 'missing' | 'draft' | 'submitted';

/**
 * Judging progress as a list the organisers can work through at 400+ entries: one row per
 * entry with its panel (each judge's card status and total), the spread and the outliers of
 * that panel; a page at a time, searched and filtered. Counts per state and per judge cover
 * the whole contest, whatever the page.
 */
@Injectable()
export class ProgressListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  async list(contestId: string, query: ProgressListQuery) {
    await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const [entries, teams, units, assignments, cards, plan] = await Promise.all([
      em.getRepository(Entry).find({
        where: { contestId, status: In(JUDGEABLE) },
        select: { id: true, teamId: true, name: true },
      }),
      em.getRepository(Team).find({ where: { contestId } }),
      em.getRepository(Unit).find({ where: { contestId } }),
      em.getRepository(JudgeAssignment).find({ where: { contestId } }),
      em.getRepository(Scorecard).find({
        where: { contestId },
        select: { judgeId: true, entryId: true, status: true, total: true },
      }),
      em.getRepository(PanelPlan).findOneBy({ contestId, status: 'committed' }),
    ]);
    const judgeIds = [...new Set(assignments.map((a) => a.judgeId))];
    const users = judgeIds.length
      ? await em.getRepository(User).find({ where: { id: In(judgeIds) } })
      : [];
    const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
    const teamOf = new Map(teams.map((t) => [t.id, t]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const cardOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c]));
    const panelOf = new Map<string, string[]>();
    for (const a of assignments)
      panelOf.set(a.entryId, [...(panelOf.get(a.entryId) ?? []), a.judgeId]);

    const perJudge = new Map<string, Record<CellStatus, number>>();
    const rows = entries.map((entry) => {
      const team = teamOf.get(entry.teamId);
      const judges = (panelOf.get(entry.id) ?? []).map((judgeId) => {
        const card = cardOf.get(`${judgeId}|${entry.id}`);
        const status: CellStatus = card?.status ?? 'missing';
        const counts = perJudge.get(judgeId) ?? { missing: 0, draft: 0, submitted: 0 };
        counts[status]++;
        perJudge.set(judgeId, counts);
        const total =
          status === 'submitted' && card?.total !== null && card?.total !== undefined
            ? toHundredths(card.total)
            : null;
        return { judgeId, displayName: nameOf.get(judgeId) ?? '', status, total };
      });
      judges.sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'));
      const totals = judges.filter((j) => j.total !== null) as { judgeId: string; total: number }[];
      const outliers = outliersOf(totals);
      const values = totals.map((t) => t.total);
      return {
        entryId: entry.id,
        teamNumber: team?.number ?? 0,
        teamName: team?.name ?? '',
        unitName: unitName.get(team?.unitId ?? '') ?? '',
        entryName: entry.name ?? '',
        judges: judges.map((j) => ({
          ...j,
          total: j.total === null ? null : hundredthsToString(j.total),
          outlier: outliers.includes(j.judgeId),
        })),
        assigned: judges.length,
        submitted: totals.length,
        spread: values.length
          ? hundredthsToString(Math.max(...values) - Math.min(...values))
          : null,
        outliers,
      };
    });
    rows.sort((a, b) => a.teamNumber - b.teamNumber);

    const stateOf = (r: (typeof rows)[number]) => ({
      all: true,
      complete: r.assigned > 0 && r.submitted === r.assigned,
      incomplete: r.submitted < r.assigned || r.assigned === 0,
      outliers: r.outliers.length > 0,
    });
    const counts = { all: 0, complete: 0, incomplete: 0, outliers: 0 };
    for (const r of rows)
      for (const [k, v] of Object.entries(stateOf(r))) if (v) counts[k as keyof typeof counts]++;

    const state = query.state ?? 'all';
    // the phrase as typed (spaces collapsed), within one field: "hiep thanh" is one place
    const phrase = foldText(query.search ?? '')
      .trim()
      .replace(/\s+/g, ' ');
    const number = /^\d+$/.test((query.search ?? '').trim()) ? Number(query.search!.trim()) : null;
    const matching = rows.filter((r) => {
      if (!stateOf(r)[state]) return false;
      if (query.judgeId && !r.judges.some((j) => j.judgeId === query.judgeId)) return false;
      if (number !== null) return r.teamNumber === number;
      const text = foldText(
        [r.teamName, r.unitName, r.entryName, ...r.judges.map((j) => j.displayName)].join('\n'),
      );
      return text.includes(phrase);
    });
    const limit = query.limit ?? 50;
    const page = query.page ?? 1;
    return {
      mode: plan ? ('panels' as const) : ('all' as const),
      panelSize: plan?.panelSize ?? null,
      items: matching.slice((page - 1) * limit, page * limit),
      total: matching.length,
      page,
      limit,
      counts,
      judges: [...perJudge]
        .map(([judgeId, c]) => ({ judgeId, displayName: nameOf.get(judgeId) ?? '', ...c }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi')),
    };
  }
}
