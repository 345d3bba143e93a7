import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestRules, defaultRules } from '../engine';
import { validateRules } from './validate-rules';
import {
  allowedTransitions,
  CONTEST_STATUS_LABELS,
  ContestStatus,
  isBackward,
  rulesLocked,
} from './contest-status';
import { Contest } from './contest.entity';
import { CreateContestDto, UpdateContestDto } from './contests.dto';
import { RulesVersion } from './rules-version.entity';

@Injectable()
export class ContestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<Contest[]> {
    const repo = this.dataSource.getRepository(Contest);
    if (actor.isAdmin) return repo.find({ order: { createdAt: 'DESC' } });
    const ids = actor.memberships.map((m) => m.contestId);
    return ids.length ? repo.find({ where: { id: In(ids) }, order: { createdAt: 'DESC' } }) : [];
  }

  async get(contestId: string, manager?: EntityManager): Promise<Contest> {
    const contest = await (manager ?? this.dataSource.manager)
      .getRepository(Contest)
      .findOneBy({ id: contestId });
    if (!contest) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return contest;
  }

  /** Same as `get`, holding a row lock until the transaction ends (serialises state changes). */
  async lock(manager: EntityManager, contestId: string): Promise<Contest> {
    const contest = await manager
      .getRepository(Contest)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :contestId', { contestId })
      .getOne();
    if (!contest) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return contest;
  }

  async create(actor: Actor, input: CreateContestDto, manager?: EntityManager): Promise<Contest> {
    const rules = input.rules === undefined ? defaultRules() : checkRules(input.rules);
    const work = async (em: EntityManager) => {
      const slugTaken = await em.getRepository(Contest).existsBy({ slug: input.slug });
      if (slugTaken)
        throw DomainError.conflict('SLUG_TAKEN', 'Mã rút gọn (slug) đã được dùng.', 'slug');
      const contest = await em.getRepository(Contest).save(
        em.getRepository(Contest).create({
          slug: input.slug,
          name: input.name,
          description: input.description ?? '',
          fanpageUrl: input.fanpageUrl ?? null,
          rules,
          rulesVersion: 1,
          status: 'draft',
        }),
      );
      await em.insert(RulesVersion, {
        contestId: contest.id,
        version: 1,
        rules,
        kind: 'initial',
        reason: null,
        createdBy: actor.userId,
      });
      await this.audit.record(em, actor, {
        contestId: contest.id,
        action: 'contest.create',
        entityType: 'contest',
        entityId: contest.id,
        after: contest,
      });
      return contest;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  async update(actor: Actor, contestId: string, input: UpdateContestDto): Promise<Contest> {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.lock(em, contestId);
      if (input.version !== undefined && input.version !== contest.version) {
        throw staleVersion(contest.version);
      }
      const before = { ...contest };
      if (input.name !== undefined) contest.name = input.name;
      if (input.description !== undefined) contest.description = input.description;
      if (input.fanpageUrl !== undefined) contest.fanpageUrl = input.fanpageUrl;
      if (input.finalAt !== undefined)
        contest.finalAt = input.finalAt === null ? null : new Date(input.finalAt);
      if (input.finalVenue !== undefined) contest.finalVenue = input.finalVenue?.trim() || null;
      const saved = await em.getRepository(Contest).save(contest);
      await this.audit.record(em, actor, {
        contestId,
        action: 'contest.update',
        entityType: 'contest',
        entityId: contestId,
        before: pick(before, DETAILS),
        after: pick(saved, DETAILS),
      });
      return saved;
    });
  }

  async transition(
    actor: Actor,
    contestId: string,
    to: ContestStatus,
    reason?: string,
  ): Promise<Contest> {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.lock(em, contestId);
      if (contest.status === 'judging' && to === 'final') {
        throw DomainError.conflict(
          'USE_CLOSE_JUDGING',
          'Kết thúc vòng sơ khảo bằng thao tác "Đóng vòng chấm" (kiểm tra phiếu chấm còn thiếu).',
          'to',
          { endpoint: `POST /api/contests/${contestId}/judging/close` },
        );
      }
      await refuseSkippedPublication(em, contest, to);
      return this.moveTo(em, actor, contest, to, { reason });
    });
  }

  /**
   * The one place a contest changes state: the lifecycle's allowed moves, a reason for going
   * back, and the audit row. Callers that move it as part of a larger step (publish-all,
   * closing judging) pass their own action name and details. `contest` must be locked.
   */
  async moveTo(
    em: EntityManager,
    actor: Actor,
    contest: Contest,
    to: ContestStatus,
    options: { reason?: string; action?: string; details?: Record<string, unknown> } = {},
  ): Promise<Contest> {
    const from = contest.status;
    const allowed = allowedTransitions(from);
    if (!allowed.includes(to)) {
      throw DomainError.conflict(
        'INVALID_TRANSITION',
        `Không thể chuyển hội thi từ "${CONTEST_STATUS_LABELS[from]}" sang "${CONTEST_STATUS_LABELS[to]}".`,
        'to',
        { currentStatus: from, allowed },
      );
    }
    if (isBackward(from, to) && !options.reason) {
      throw DomainError.invalid(
        'REASON_REQUIRED',
        'Quay lại bước trước cần ghi rõ lý do.',
        'reason',
      );
    }
    contest.status = to;
    const saved = await em.getRepository(Contest).save(contest);
    await this.audit.record(em, actor, {
      contestId: contest.id,
      action: options.action ?? 'contest.transition',
      entityType: 'contest',
      entityId: contest.id,
      before: { status: from },
      after: { status: to, ...options.details },
      reason: options.reason ?? null,
    });
    return saved;
  }

  async getRules(contestId: string) {
    const contest = await this.get(contestId);
    return {
      rulesVersion: contest.rulesVersion,
      locked: rulesLocked(contest.status),
      rules: contest.rules,
    };
  }

  /** Free edits before judging starts; afterwards only `amendRules` (with a reason). */
  async putRules(actor: Actor, contestId: string, input: unknown, expectedVersion?: number) {
    return this.changeRules(actor, contestId, input, expectedVersion, null);
  }

  async amendRules(
    actor: Actor,
    contestId: string,
    input: unknown,
    reason: string,
    expectedVersion?: number,
  ) {
    return this.changeRules(actor, contestId, input, expectedVersion, reason);
  }

  async rulesHistory(contestId: string): Promise<RulesVersion[]> {
    await this.get(contestId);
    return this.dataSource
      .getRepository(RulesVersion)
      .find({ where: { contestId }, order: { version: 'DESC' } });
  }

  private async changeRules(
    actor: Actor,
    contestId: string,
    input: unknown,
    expectedVersion: number | undefined,
    amendmentReason: string | null,
  ) {
    const rules = checkRules(input);
    return this.dataSource.transaction(async (em) => {
      const contest = await this.lock(em, contestId);
      const locked = rulesLocked(contest.status);
      if (locked && amendmentReason === null) {
        throw DomainError.conflict(
          'RULES_LOCKED',
          'Thể lệ đã khóa vì việc chấm điểm đã bắt đầu; hãy tạo bản sửa đổi có ghi lý do.',
          'rules',
        );
      }
      if (expectedVersion !== undefined && expectedVersion !== contest.rulesVersion) {
        throw DomainError.conflict(
          'STALE_RULES_VERSION',
          'Thể lệ vừa được người khác thay đổi.',
          'rulesVersion',
          {
            currentVersion: contest.rulesVersion,
          },
        );
      }
      const before = contest.rules;
      contest.rules = rules;
      contest.rulesVersion += 1;
      await em.getRepository(Contest).save(contest);
      await em.insert(RulesVersion, {
        contestId,
        version: contest.rulesVersion,
        rules,
        kind: locked ? 'amendment' : 'edit',
        reason: amendmentReason,
        createdBy: actor.userId,
      });
      await this.audit.record(em, actor, {
        contestId,
        action: locked ? 'rules.amend' : 'rules.update',
        entityType: 'rules',
        entityId: contestId,
        before,
        after: rules,
        reason: amendmentReason,
      });
      return { rulesVersion: contest.rulesVersion, locked, rules };
    });
  }
}

/**
 * Publishing the entries and publishing the results each have their own checked operation
 * (one common instant for every approved entry; results frozen, then approved by a second
 * organiser). A bare transition would leave approved entries unpublished for good, or put
 * unapproved results in front of citizens, so it is refused whenever there is something to
 * publish. (An empty contest may still step through.)
 */
async function refuseSkippedPublication(em: EntityManager, contest: Contest, to: ContestStatus) {
  const exists = async (status: string): Promise<boolean> => {
    const rows: { found: boolean }[] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM entries WHERE contest_id = $1 AND status = $2) AS found`,
      [contest.id, status],
    );
    return rows[0]!.found;
  };
  if (contest.status === 'moderation' && to === 'published' && (await exists('approved')))
    throw DomainError.conflict(
      'USE_PUBLISH_ALL',
      'Đăng tải các sản phẩm đã duyệt bằng thao tác "Đăng tải đồng loạt" (mọi sản phẩm cùng một thời điểm).',
      'to',
      { endpoint: `POST /api/contests/${contest.id}/publish-all` },
    );
  if (contest.status === 'final' && to === 'results_published' && (await exists('published')))
    throw DomainError.conflict(
      'USE_PUBLISH_RESULTS',
      'Công bố kết quả bằng cách chốt kết quả rồi để một thành viên Ban tổ chức khác phê duyệt.',
      'to',
      { endpoint: `POST /api/contests/${contest.id}/results/freeze` },
    );
}

/** The engine validates the rules document; its issues become 400 details under `rules.`. */
function checkRules(input: unknown): ContestRules {
  const result = validateRules(input);
  if (result.ok) return result.rules;
  throw new DomainError(
    'invalid',
    'INVALID_RULES',
    'Thể lệ không hợp lệ.',
    result.errors.map((issue) => ({
      field: `rules.${issue.field}`.replace(/\.$/, ''),
      code: issue.code,
      message: issue.message,
    })),
  );
}

function staleVersion(current: number) {
  return DomainError.conflict(
    'STALE_VERSION',
    'Dữ liệu vừa được người khác thay đổi, vui lòng tải lại.',
    'version',
    {
      currentVersion: current,
    },
  );
}

/** The details an organiser edits (PATCH), kept before and after in the audit row. */
const DETAILS: (keyof Contest)[] = ['name', 'description', 'fanpageUrl', 'finalAt', 'finalVenue'];

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = value[key];
  return out;
}
