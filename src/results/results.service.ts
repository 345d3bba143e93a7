import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { allocatePrizes, EngineError } from '../engine';
import { notifyBoardChanged } from '../live-board/notify';
import { TeamMember } from '../teams/team-member.entity';
import { buildResults, ResultsComputation } from './build-results';
import { ConfirmedAward } from './confirmed-award.entity';
import { fingerprint } from './fingerprint';
import type { ResultsVersionMeta } from './results-document';
import { ResultsLoader } from './results-loader';
import { ResultsVersion } from './results-version.entity';
import { TieDecision } from './tie-decision.entity';
import { enqueue } from '../notifications/events';

/** Results are worked on from the final round on, and corrected after publication. */
const RESULTS_STATUSES = ['final', 'results_published'];

export interface AwardInput {
  prizeCode: string;
  entryId: string;
  memberId?: string;
}

/**
 * Rankings, prizes and results versions. Loads the inputs, lets the engine compute
 * (build-results.ts), and stores frozen versions: freeze by one organiser, publish by a
 * second one (four-eyes), corrections as version N+1 with a reason.
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly loader: ResultsLoader,
    private readonly audit: AuditService,
  ) {}

  /**
   * The organiser's full computation, from the current data (nothing stored), with where each
   * number came from: the official snapshot and the id of every scorecard counted, so the
   * console can link a figure to `GET …/judging/scorecards/:id` or the snapshot history.
   */
  async computation(contestId: string) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const contest = await this.contests.get(contestId, em);
      assertResultsPhase(contest);
      const computed = await this.compute(em, contestId);
      const cards: { id: string; entry_id: string; judge_id: string }[] = await em.query(
        `SELECT id, entry_id, judge_id FROM scorecards WHERE contest_id = $1 AND status = 'submitted'`,
        [contestId],
      );
      const parts: { id: string; entry_id: string; judge_id: string; part_code: string }[] =
        await em.query(
          `SELECT id, entry_id, judge_id, part_code FROM part_scorecards
            WHERE contest_id = $1 AND status = 'submitted'`,
          [contestId],
        );
      return {
        ...computed,
        sources: {
          interactionSnapshotId: computed.document.interactionSnapshot?.id ?? null,
          scorecards: cards.map((c) => ({ id: c.id, entryId: c.entry_id, judgeId: c.judge_id })),
          partScorecards: parts.map((p) => ({
            id: p.id,
            entryId: p.entry_id,
            judgeId: p.judge_id,
            partCode: p.part_code,
          })),
        },
      };
    });
  }

  /** Records the organisers' order for teams tied after the whole tie-break chain. */
  async decideTie(actor: Actor, contestId: string, input: { entryIds: string[]; reason: string }) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      assertNoPendingVersion(await this.pendingVersion(em, contestId));
      if (new Set(input.entryIds).size !== input.entryIds.length)
        throw DomainError.invalid('DUPLICATE_ENTRY', 'Mỗi đội chỉ được ghi một lần.', 'entryIds');
      const { document } = await this.compute(em, contestId);
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
          decidedByName: actor.username,
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

  /** Replaces the confirmed side prizes and sponsor prizes (the audit row keeps both lists). */
  async setAwards(
    actor: Actor,
    contestId: string,
    input: { side: AwardInput[]; sponsor: AwardInput[] },
  ) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      assertNoPendingVersion(await this.pendingVersion(em, contestId));
      await this.checkAwards(em, contest, input);
      const repo = em.getRepository(ConfirmedAward);
      const before = await repo.find({
        where: { contestId },
        order: { kind: 'ASC', position: 'ASC' },
      });
      await repo.delete({ contestId });
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
        before: before.map(awardView),
        after: rows.map(awardView),
      });
      return { side: input.side, sponsor: input.sponsor };
    });
  }

  /**
   * Freezes the current figures as version N+1. Refused while something blocks the results
   * (incomplete final, undecided tie), while another version waits for approval, and when the
   * figures equal the published ones. After publication a reason (the correction) is required.
   */
  async freeze(actor: Actor, contestId: string, input: { reason?: string }) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      const repo = em.getRepository(ResultsVersion);
      assertNoPendingVersion(await this.pendingVersion(em, contestId));
      const { document, problems } = await this.compute(em, contestId);
      const blocking = problems.filter((p) => p.blocking);
      if (blocking.length)
        throw DomainError.conflict(
          'RESULTS_NOT_READY',
          `Chưa thể chốt kết quả: ${blocking.map((p) => p.message).join(' ')}`,
          undefined,
          { problems: blocking },
        );
      const published = await repo.findOneBy({ contestId, status: 'published' });
      if (published && !input.reason)
        throw DomainError.invalid(
          'REASON_REQUIRED',
          'Kết quả đã công bố: đính chính cần ghi rõ lý do.',
          'reason',
        );
      const print = fingerprint(document);
      if (published?.fingerprint === print)
        throw DomainError.conflict(
          'RESULTS_UNCHANGED',
          'Số liệu không thay đổi so với phiên bản đã công bố.',
        );
      const last = await repo.findOne({ where: { contestId }, order: { version: 'DESC' } });
      const saved = await repo.save(
        repo.create({
          contestId,
          version: (last?.version ?? 0) + 1,
          status: 'frozen',
          document,
          fingerprint: print,
          frozenBy: actor.userId,
          frozenByName: actor.username,
          frozenAt: new Date(),
          correctionReason: published ? input.reason! : null,
          approvedBy: null,
          approvedByName: null,
          publishedAt: null,
          rejectionReason: null,
        }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'results.frozen',
        entityType: 'results_version',
        entityId: saved.id,
        after: { version: saved.version, fingerprint: print, status: 'frozen' },
        reason: input.reason ?? null,
      });
      return versionView(saved);
    });
  }

  /**
   * Publishes a frozen version: only a second organiser may (four-eyes), and only when the
   * database still gives the same figures (otherwise the version is stale: reject, refreeze).
   */
  async approve(actor: Actor, contestId: string, version: number) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      const repo = em.getRepository(ResultsVersion);
      const row = await this.pendingVersionNumbered(em, contestId, version);
      if (row.frozenBy === actor.userId)
        throw DomainError.forbidden(
          'FOUR_EYES_REQUIRED',
          'Người chốt kết quả không được tự phê duyệt công bố: cần một thành viên Ban tổ chức khác.',
        );
      const { document } = await this.compute(em, contestId);
      if (fingerprint(document) !== row.fingerprint)
        throw DomainError.conflict(
          'RESULTS_CHANGED_SINCE_FREEZE',
          'Dữ liệu đã thay đổi sau khi chốt: hãy từ chối phiên bản này và chốt lại.',
          'version',
        );
      const previous = await repo.findOneBy({ contestId, status: 'published' });
      if (previous) {
        previous.status = 'superseded';
        await repo.save(previous);
      }
      row.status = 'published';
      row.approvedBy = actor.userId;
      row.approvedByName = actor.username;
      row.publishedAt = new Date();
      const saved = await repo.save(row);
      await this.audit.record(em, actor, {
        contestId,
        action: 'results.published',
        entityType: 'results_version',
        entityId: saved.id,
        before: { status: 'frozen', supersedes: previous?.version ?? null },
        after: { version: saved.version, fingerprint: saved.fingerprint, status: 'published' },
        reason: saved.correctionReason,
      });
      await enqueue(em, { type: 'results.published', contestId, version: saved.version }); // notifications (issue 25)
      if (contest.status === 'final')
        await this.contests.moveTo(em, actor, contest, 'results_published', {
          details: { resultsVersion: saved.version },
        });
      await notifyBoardChanged(em, contestId);
      return versionView(saved);
    });
  }

  /** The approver sends a frozen version back (with a reason); it stays readable. */
  async reject(actor: Actor, contestId: string, version: number, reason: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      const row = await this.pendingVersionNumbered(em, contestId, version);
      row.status = 'rejected';
      row.rejectionReason = reason;
      const saved = await em.getRepository(ResultsVersion).save(row);
      await this.audit.record(em, actor, {
        contestId,
        action: 'results.rejected',
        entityType: 'results_version',
        entityId: saved.id,
        before: { status: 'frozen' },
        after: { version: saved.version, status: 'rejected' },
        reason,
      });
      return versionView(saved);
    });
  }

  async versions(contestId: string) {
    await this.contests.get(contestId);
    const rows = await this.dataSource
      .getRepository(ResultsVersion)
      .find({ where: { contestId }, order: { version: 'ASC' } });
    return rows.map(versionView);
  }

  async version(contestId: string, version: number) {
    const row = await this.findVersion(this.dataSource.manager, contestId, version);
    return { ...versionView(row), document: row.document };
  }

  /** Recomputes from the stored inputs and compares with the frozen fingerprint. */
  async verify(contestId: string, version: number) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const row = await this.findVersion(em, contestId, version);
      const recomputed = fingerprint((await this.compute(em, contestId)).document);
      return {
        version: row.version,
        fingerprint: row.fingerprint,
        recomputedFingerprint: recomputed,
        matches: recomputed === row.fingerprint,
        // what the stored document itself hashes to: proves the row was not altered
        storedDocumentMatches: fingerprint(row.document) === row.fingerprint,
      };
    });
  }

  // ---- public side: published versions only -------------------------------------------

  async publicContestId(slug: string): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM contests WHERE slug = $1`,
      [slug],
    );
    if (!rows[0]) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return rows[0].id;
  }

  /** Published and superseded versions, newest first. 404 before the first publication. */
  async publishedVersions(slug: string) {
    const contestId = await this.publicContestId(slug);
    const rows = await this.dataSource.getRepository(ResultsVersion).find({
      where: { contestId, status: In(['published', 'superseded']) },
      order: { version: 'DESC' },
    });
    if (!rows.length) throw notPublished();
    return rows.map(versionView);
  }

  /** A published (or superseded) version; `null` version: the current one. */
  async publishedVersion(slug: string, version: number | null): Promise<ResultsVersion> {
    const contestId = await this.publicContestId(slug);
    const row = await this.dataSource.getRepository(ResultsVersion).findOne({
      where:
        version === null
          ? { contestId, status: 'published' }
          : { contestId, version, status: In(['published', 'superseded']) },
    });
    if (!row) throw notPublished();
    return row;
  }

  /** A version for documents: organisers may read any version except a rejected one. */
  async versionForDocuments(contestId: string, version: number): Promise<ResultsVersion> {
    const row = await this.findVersion(this.dataSource.manager, contestId, version);
    if (row.status === 'rejected')
      throw DomainError.conflict('VERSION_REJECTED', 'Phiên bản này đã bị từ chối.', 'version');
    return row;
  }

  // ---- internals ------------------------------------------------------------------------

  private async compute(em: EntityManager, contestId: string): Promise<ResultsComputation> {
    const inputs = await this.loader.load(em, contestId);
    try {
      return buildResults(inputs);
    } catch (error) {
      // Stored inputs the engine refuses (e.g. an award for a prize later removed from the
      // rules) are a state problem the organiser can fix, not a server error.
      if (error instanceof EngineError)
        throw DomainError.conflict('RESULTS_INPUT_INVALID', error.message, error.field, {
          engineCode: error.code,
        });
      throw error;
    }
  }

  private pendingVersion(em: EntityManager, contestId: string) {
    return em.getRepository(ResultsVersion).findOneBy({ contestId, status: 'frozen' });
  }

  /** Version `version`, which must be waiting for approval (frozen, not yet decided). */
  private async pendingVersionNumbered(em: EntityManager, contestId: string, version: number) {
    const row = await this.findVersion(em, contestId, version);
    if (row.status !== 'frozen')
      throw DomainError.conflict(
        'VERSION_NOT_PENDING',
        'Phiên bản này không ở trạng thái chờ phê duyệt.',
        'version',
        { status: row.status },
      );
    return row;
  }

  private async findVersion(em: EntityManager, contestId: string, version: number) {
    const row = await em.getRepository(ResultsVersion).findOneBy({ contestId, version });
    if (!row) throw DomainError.notFound('RESULTS_VERSION', 'Không tìm thấy phiên bản kết quả.');
    return row;
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
    for (const [i, a] of input.side.entries()) {
      if (!a.memberId) continue;
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
          `side[${i}].memberId`,
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

export function versionMeta(row: ResultsVersion): ResultsVersionMeta {
  return {
    version: row.version,
    fingerprint: row.fingerprint,
    frozenAt: row.frozenAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    correctionReason: row.correctionReason,
  };
}

function versionView(row: ResultsVersion) {
  return {
    ...versionMeta(row),
    status: row.status,
    frozenBy: row.frozenByName,
    approvedBy: row.approvedByName,
    rejectionReason: row.rejectionReason,
  };
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

function assertResultsPhase(contest: Contest) {
  if (!RESULTS_STATUSES.includes(contest.status))
    throw DomainError.conflict(
      'NOT_IN_RESULTS_PHASE',
      'Kết quả chỉ được tính từ vòng chung khảo trở đi.',
      'status',
      { contestStatus: contest.status },
    );
}

function assertNoPendingVersion(pending: ResultsVersion | null) {
  if (pending)
    throw DomainError.conflict(
      'VERSION_PENDING_APPROVAL',
      `Phiên bản ${pending.version} đang chờ phê duyệt: hãy phê duyệt hoặc từ chối trước.`,
      'version',
      { version: pending.version },
    );
}

function notPublished() {
  return DomainError.notFound('RESULTS', 'Kết quả chưa được công bố.');
}
