import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, membershipIn } from '../auth/actor';
import { DomainError, ErrorDetail } from '../common/domain-error';
import { CONTEST_STATUSES } from '../contests/contest-status';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { Unit } from '../units/unit.entity';
import { personKey } from './person-key';
import { TeamMember } from './team-member.entity';
import { Team } from './team.entity';
import { CreateTeamDto, MemberDto, UpdateTeamDto } from './teams.dto';

export interface TeamView extends Team {
  unitName: string;
  members: TeamMember[];
}

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  /** Organisers and judges see all teams; a team account sees only its own. */
  async list(actor: Actor, contestId: string): Promise<TeamView[]> {
    await this.contests.get(contestId);
    const own = ownTeamId(actor, contestId);
    const teams = await this.dataSource.getRepository(Team).find({
      where: own === undefined ? { contestId } : { contestId, id: own ?? undefined },
      order: { number: 'ASC' },
    });
    return this.withDetails(teams);
  }

  async get(actor: Actor, contestId: string, teamId: string): Promise<TeamView> {
    const own = ownTeamId(actor, contestId);
    const team = await this.dataSource.getRepository(Team).findOneBy({ id: teamId, contestId });
    if (!team || (own !== undefined && own !== teamId)) {
      throw DomainError.notFound('TEAM', 'Không tìm thấy đội thi.');
    }
    return (await this.withDetails([team]))[0]!;
  }

  async create(
    actor: Actor,
    contestId: string,
    input: CreateTeamDto,
    manager?: EntityManager,
  ): Promise<TeamView> {
    const work = async (em: EntityManager) => {
      const contest = await this.contests.lock(em, contestId);
      assertTeamsEditable(contest);
      await this.ensureUnit(em, contestId, input.unitId);
      await this.ensureNumberFree(em, contestId, input.number);
      const team = await em.getRepository(Team).save(
        em.getRepository(Team).create({
          contestId,
          number: input.number,
          name: input.name.trim(),
          unitId: input.unitId,
          status: 'active',
        }),
      );
      const members = input.members?.length ? await this.writeMembers(em, team, input.members) : [];
      await this.audit.record(em, actor, {
        contestId,
        action: 'team.create',
        entityType: 'team',
        entityId: team.id,
        after: { ...team, members },
      });
      return (await this.withDetails([team], em))[0]!;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(
    actor: Actor,
    contestId: string,
    teamId: string,
    input: UpdateTeamDto,
  ): Promise<TeamView> {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const team = await this.findTeam(em, contestId, teamId);
      const before = { ...team };
      const statusOnly =
        input.number === undefined && input.name === undefined && input.unitId === undefined;
      // Withdrawing a team stays possible later on; its data is kept, never deleted.
      if (!statusOnly) assertTeamsEditable(contest);
      if (input.number !== undefined && input.number !== team.number) {
        await this.ensureNumberFree(em, contestId, input.number);
        team.number = input.number;
      }
      if (input.unitId !== undefined) {
        await this.ensureUnit(em, contestId, input.unitId);
        team.unitId = input.unitId;
      }
      if (input.name !== undefined) team.name = input.name.trim();
      if (input.status !== undefined) team.status = input.status;
      const saved = await em.getRepository(Team).save(team);
      await this.audit.record(em, actor, {
        contestId,
        action: 'team.update',
        entityType: 'team',
        entityId: teamId,
        before,
        after: saved,
      });
      return (await this.withDetails([saved], em))[0]!;
    });
  }

  /** Replaces the member list (exactly one leader). Teams may edit their own until submission closes. */
  async replaceMembers(
    actor: Actor,
    contestId: string,
    teamId: string,
    members: MemberDto[],
  ): Promise<TeamView> {
    const own = ownTeamId(actor, contestId);
    if (own !== undefined && own !== teamId)
      throw DomainError.notFound('TEAM', 'Không tìm thấy đội thi.');
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertTeamsEditable(contest);
      if (
        own !== undefined &&
        CONTEST_STATUSES.indexOf(contest.status) > CONTEST_STATUSES.indexOf('submission')
      ) {
        throw DomainError.conflict(
          'MEMBERS_LOCKED',
          'Đã hết thời hạn đội thi tự cập nhật thành viên.',
        );
      }
      const team = await this.findTeam(em, contestId, teamId);
      const before = await em
        .getRepository(TeamMember)
        .find({ where: { teamId }, order: { createdAt: 'ASC' } });
      await em.getRepository(TeamMember).delete({ teamId });
      const after = await this.writeMembers(em, team, members);
      await this.audit.record(em, actor, {
        contestId,
        action: 'team.members.replace',
        entityType: 'team',
        entityId: teamId,
        before: before.map(memberSummary),
        after: after.map(memberSummary),
      });
      return (await this.withDetails([team], em))[0]!;
    });
  }

  private async writeMembers(
    em: EntityManager,
    team: Team,
    members: MemberDto[],
  ): Promise<TeamMember[]> {
    const details: ErrorDetail[] = [];
    const leaders = members.filter((m) => m.isLeader).length;
    if (leaders !== 1) {
      details.push({
        field: 'members',
        code: 'ONE_LEADER_REQUIRED',
        message: 'Mỗi đội có đúng một trưởng nhóm.',
      });
    }
    const keys = members.map((m) => personKey(m.fullName, m.unitName ?? ''));
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) {
        details.push({
          field: `members[${i}]`,
          code: 'DUPLICATE_MEMBER',
          message: 'Thành viên bị lặp trong danh sách.',
        });
      }
    });
    if (details.length)
      throw new DomainError(
        'invalid',
        'INVALID_MEMBERS',
        'Danh sách thành viên không hợp lệ.',
        details,
      );

    const elsewhere = await em
      .getRepository(TeamMember)
      .createQueryBuilder('m')
      .addSelect('m.personKey')
      .where({ contestId: team.contestId, personKey: In(keys), teamId: Not(team.id) })
      .getMany();
    if (elsewhere.length) {
      throw new DomainError(
        'conflict',
        'MEMBER_ON_OTHER_TEAM',
        'Một người không thể tham gia hai đội trong cùng hội thi.',
        elsewhere.map((m) => ({
          field: `members[${keys.indexOf(m.personKey)}]`,
          code: 'MEMBER_ON_OTHER_TEAM',
          message: `${m.fullName} đã thuộc một đội khác.`,
        })),
      );
    }
    const rows = members.map((m, i) =>
      em.getRepository(TeamMember).create({
        contestId: team.contestId,
        teamId: team.id,
        fullName: m.fullName.trim(),
        position: (m.position ?? '').trim(),
        unitName: (m.unitName ?? '').trim(),
        isLeader: m.isLeader ?? false,
        personKey: keys[i]!,
      }),
    );
    return em.getRepository(TeamMember).save(rows);
  }

  private async withDetails(teams: Team[], manager?: EntityManager): Promise<TeamView[]> {
    if (!teams.length) return [];
    const em = manager ?? this.dataSource.manager;
    const ids = teams.map((t) => t.id);
    const [members, units] = await Promise.all([
      em
        .getRepository(TeamMember)
        .find({ where: { teamId: In(ids) }, order: { isLeader: 'DESC', createdAt: 'ASC' } }),
      em.getRepository(Unit).find({ where: { id: In(teams.map((t) => t.unitId)) } }),
    ]);
    return teams.map((t) => ({
      ...t,
      unitName: units.find((u) => u.id === t.unitId)?.name ?? '',
      members: members.filter((m) => m.teamId === t.id),
    }));
  }

  private async findTeam(em: EntityManager, contestId: string, teamId: string): Promise<Team> {
    const team = await em.getRepository(Team).findOneBy({ id: teamId, contestId });
    if (!team) throw DomainError.notFound('TEAM', 'Không tìm thấy đội thi.');
    return team;
  }

  private async ensureUnit(em: EntityManager, contestId: string, unitId: string) {
    const unit = await em.getRepository(Unit).findOneBy({ id: unitId, contestId });
    if (!unit)
      throw DomainError.invalid(
        'UNIT_NOT_FOUND',
        'Không tìm thấy đơn vị trong hội thi này.',
        'unitId',
      );
    if (!unit.active)
      throw DomainError.invalid('UNIT_INACTIVE', 'Đơn vị đã ngừng sử dụng.', 'unitId');
  }

  private async ensureNumberFree(em: EntityManager, contestId: string, number: number) {
    if (await em.getRepository(Team).existsBy({ contestId, number })) {
      throw DomainError.conflict('TEAM_NUMBER_TAKEN', `Số đội ${number} đã được dùng.`, 'number');
    }
  }
}

/** undefined = may see every team; otherwise the caller's own team id. */
function ownTeamId(actor: Actor, contestId: string): string | null | undefined {
  if (actor.isAdmin) return undefined;
  const membership = membershipIn(actor, contestId);
  return membership?.role === 'team' ? membership.teamId : undefined;
}

function assertTeamsEditable(contest: Contest) {
  if (CONTEST_STATUSES.indexOf(contest.status) >= CONTEST_STATUSES.indexOf('judging')) {
    throw DomainError.conflict(
      'TEAMS_LOCKED',
      'Không thể sửa đội thi sau khi việc chấm điểm đã bắt đầu.',
    );
  }
}

function memberSummary(m: TeamMember) {
  return { fullName: m.fullName, position: m.position, unitName: m.unitName, isLeader: m.isLeader };
}
