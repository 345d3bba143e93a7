import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { actorDisplayName } from '../auth/display-name';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { allocatePrizes, EngineError } from '../engine';
import { notifyBoardChanged } from '../live-board/notify';
import { TeamMember } from '../teams/team-member.entity';
import { ConfirmedAward } from './confirmed-award.entity';
import { ResultsComputationService } from './results-computation.service';
import { assertNoPendingVersion, assertResultsPhase } from './results-phase';
import { ResultsVersionsService } from './results-versions.service';
import { TieDecision } from './tie-decision.entity';
import { UnawardedPrize } from './unawarded-prize.entity';

export interface AwardInput {
  prizeCode: string;
  entryId: string;
  memberId?: string;
}

/**
 * What the organisers decide before freezing: the order of teams tied after the whole
 * tie-break chain, and the side and sponsor prizes.
 */
@Injectable()
export class ResultsDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly computation: ResultsComputationService,
    private readonly versions: ResultsVersionsService,
    private readonly audit: AuditService,
  ) {}

  /** Records the organisers' order for teams tied after the whole tie-break chain. */
  async decideTie(actor: Actor, contestId: string, input: { entryIds: string[]; reason: string }) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      assertNoPendingVersion(await this.versions.pendingVersion(em, contestId));
      if (new Set(input.entryIds).size !== input.entryIds.length)
        throw DomainError.invalid('DUPLICATE_ENTRY', 'Mỗi đội chỉ được ghi một lần.', 'entryIds');
      const { document } = await this.computation.compute(em, contestId);
      const tied = groupsNeedingDecision(document.teams);
      const group = tied.find(
        (g) => g.length === input.entryIds.length && g.every((id) => input.entryIds.includes(id)),
      );
      if (!group)
        throw DomainError.conflict(
          'NO_SUCH_TIE',
          'Các đội này không phải một nhóm đồng hạng đang chờ quyết định.',
          'entryIds',
          { tiedGroups: tied },
        );
      const saved = await em.getRepository(TieDecision).save(
        em.getRepository(TieDecision).create({
          contestId,
          entryIds: input.entryIds,
          reason: input.reason,
          decidedBy: actor.userId,
          decidedByName: actorDisplayName(actor, contestId),
        }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'results.tie_decided',
        entityType: 'tie_decision',
        entityId: saved.id,
        after: { entryIds: saved.entryIds },
        reason: input.reason,
      });
      await notifyBoardChanged(em, contestId);
      return saved;
    });
  }

  /**
   * Replaces the confirmed side prizes and sponsor prizes, and the side prizes recorded as not
   * awarded with their reason (the audit row keeps every list before and after).
   */
  async setAwards(
    actor: Actor,
    contestId: string,
    input: {
      side: AwardInput[];
      sponsor: AwardInput[];
      notAwarded?: { prizeCode: string; reason: string }[];
    },
  ) {
    const notAwarded = input.notAwarded ?? [];
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      assertNoPendingVersion(await this.versions.pendingVersion(em, contestId));
      await this.checkAwards(em, contest, input);
      checkNotAwarded(contest, input.side, notAwarded);
      const repo = em.getRepository(ConfirmedAward);
      const before = await repo.find({
        where: { contestId },
        order: { kind: 'ASC', position: 'ASC' },
      });
      const unawarded = em.getRepository(UnawardedPrize);
      const unawardedBefore = await unawarded.find({
        where: { contestId },
        order: { prizeCode: 'ASC' },
      });
      await repo.delete({ contestId });
      await unawarded.delete({ contestId });
      await unawarded.save(notAwarded.map((n) => unawarded.create({ contestId, ...n })));
      const rows = (['side', 'sponsor'] as const).flatMap((kind) =>
        input[kind].map((a, position) =>
          repo.create({
            contestId,
            kind,
            prizeCode: a.prizeCode,
            entryId: a.entryId,
            memberId: a.memberId ?? null,
            position,
          }),
        ),
      );
      await repo.save(rows);
      await this.audit.record(em, actor, {
        contestId,
        action: 'results.awards_set',
        entityType: 'confirmed_awards',
        entityId: contestId,
        before: {
          awards: before.map(awardView),
          notAwarded: unawardedBefore.map((n) => ({ prizeCode: n.prizeCode, reason: n.reason })),
        },
        after: { awards: rows.map(awardView), notAwarded },
      });
      return { side: input.side, sponsor: input.sponsor, notAwarded };
    });
  }

  /** Prize codes, counts and members checked by the engine; entries must be finalists. */
  private async checkAwards(
    em: EntityManager,
    contest: Contest,
    input: { side: AwardInput[]; sponsor: AwardInput[] },
  ) {
    const finalists: { entry_order: string[] }[] = await em.query(
      `SELECT entry_order FROM final_states WHERE contest_id = $1`,
      [contest.id],
    );
    const order = finalists[0]?.entry_order ?? [];
    for (const list of ['side', 'sponsor'] as const)
      input[list].forEach((a, i) => {
        if (!order.includes(a.entryId))
          throw DomainError.invalid(
            'NOT_A_FINALIST',
            'Giải chỉ trao cho đội thi chung khảo.',
            `${list}[${i}].entryId`,
          );
      });
    for (const list of ['side', 'sponsor'] as const)
      for (const [i, a] of input[list].entries()) {
        if (!a.memberId) continue;
        // A collective prize honours the team: a name given with it would be printed on the
        // certificate instead of the team's.
        const prize = contest.rules.prizes.find((p) => p.code === a.prizeCode && p.kind === list);
        if (prize?.sideFor === 'collective')
          throw DomainError.invalid(
            'MEMBER_NOT_ALLOWED',
            `${prize.name} trao cho cả đội: không ghi tên cá nhân.`,
            `${list}[${i}].memberId`,
          );
        const member = await em
          .getRepository(TeamMember)
          .createQueryBuilder('m')
          .innerJoin('entries', 'e', 'e.team_id = m.team_id')
          .where('m.id = :member AND e.id = :entry', { member: a.memberId, entry: a.entryId })
          .getExists();
        if (!member)
          throw DomainError.invalid(
            'MEMBER_NOT_IN_TEAM',
            'Cá nhân được trao giải phải là thành viên của đội.',
            `${list}[${i}].memberId`,
          );
      }
    try {
      allocatePrizes(
        contest.rules,
        order.map((entryId) => ({ entryId, rank: 1 })),
        { sideAwards: input.side, sponsorAwards: input.sponsor },
      );
    } catch (error) {
      if (error instanceof EngineError)
        throw DomainError.invalid(error.code, error.message, error.field ?? 'awards');
      throw error;
    }
  }
}

function awardView(a: ConfirmedAward) {
  return { kind: a.kind, prizeCode: a.prizeCode, entryId: a.entryId, memberId: a.memberId };
}

function groupsNeedingDecision(
  teams: { entryId: string; rank: number | null; needsDecision: boolean }[],
) {
  const groups = new Map<number, string[]>();
  for (const t of teams)
    if (t.needsDecision && t.rank !== null)
      groups.set(t.rank, [...(groups.get(t.rank) ?? []), t.entryId]);
  return [...groups.values()];
}

/** Only side prizes of the rules, each once, and not when its awards already fill it. */
function checkNotAwarded(
  contest: Contest,
  side: AwardInput[],
  notAwarded: { prizeCode: string; reason: string }[],
) {
  const seen = new Set<string>();
  notAwarded.forEach((n, i) => {
    const field = `notAwarded[${i}].prizeCode`;
    const prize = contest.rules.prizes.find((p) => p.code === n.prizeCode && p.kind === 'side');
    if (!prize)
      throw DomainError.invalid(
        'NOT_A_SIDE_PRIZE',
        'Đây không phải một giải phụ của thể lệ.',
        field,
      );
    if (seen.has(n.prizeCode))
      throw DomainError.invalid('DUPLICATE_PRIZE', 'Mỗi giải phụ chỉ ghi một lần.', field);
    seen.add(n.prizeCode);
    if (side.filter((a) => a.prizeCode === n.prizeCode).length >= prize.count)
      throw DomainError.invalid(
        'PRIZE_AWARDED',
        `${prize.name} đã có đủ người/đội nhận: không thể ghi là không trao.`,
        field,
      );
  });
}
