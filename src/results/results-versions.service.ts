import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditCheckpointService } from '../audit/audit-checkpoint.service';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { actorDisplayName, shownName } from '../auth/display-name';
import { DomainError } from '../common/domain-error';
import { enqueue } from '../notifications/events';
import { ContestsService } from '../contests/contests.service';
import { notifyBoardChanged } from '../live-board/notify';
import { fingerprint } from './fingerprint';
import type { ResultsVersionMeta } from './results-document';
import { ResultsComputationService } from './results-computation.service';
import { assertNoPendingVersion, assertResultsPhase } from './results-phase';
import { ResultsVersion } from './results-version.entity';
import { legacyNames, shownVersion, withShownNames } from './shown-names';

/**
 * Results versions: freeze the figures as version N+1 (fingerprinted), publish by a second
 * organiser (four-eyes) or send back, corrections after publication as a new version with
 * its reason, and verification of a frozen version against the current data.
 */
@Injectable()
export class ResultsVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly computation: ResultsComputationService,
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointService,
  ) {}

  /**
   * Freezes the current figures as version N+1. Refused while something blocks the results
   * (incomplete final, undecided tie), while another version waits for approval, and when the
   * figures equal the published ones. After publication a reason (the correction) is required.
   */
  async freeze(actor: Actor, contestId: string, input: { reason?: string }) {
    // signed before the transaction (it seals and signs on its own connections)
    const auditCheckpoint = await this.checkpoints.stamp(contestId);
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertResultsPhase(contest);
      const repo = em.getRepository(ResultsVersion);
      assertNoPendingVersion(await this.pendingVersion(em, contestId));
      const { document, problems } = await this.computation.compute(em, contestId);
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
          frozenByName: actorDisplayName(actor, contestId),
          frozenAt: new Date(),
          correctionReason: published ? input.reason! : null,
          approvedBy: null,
          approvedByName: null,
          publishedAt: null,
          rejectionReason: null,
          auditCheckpoint,
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
      return versionView(saved, new Map());
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
      const { document } = await this.computation.compute(em, contestId);
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
      row.approvedByName = actorDisplayName(actor, contestId);
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
      return versionView(saved, await legacyNames(em, contestId));
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
      return versionView(saved, await legacyNames(em, contestId));
    });
  }

  /**
   * The organisers' list; `frozenByYou` lets the desk disable approval for the organiser who
   * froze a version (four eyes) and say why, instead of waiting for the 403.
   */
  async versions(actor: Actor, contestId: string) {
    await this.contests.get(contestId);
    const rows = await this.dataSource
      .getRepository(ResultsVersion)
      .find({ where: { contestId }, order: { version: 'ASC' } });
    const legacy = await legacyNames(this.dataSource.manager, contestId);
    return rows.map((row) => ({
      ...versionView(row, legacy),
      frozenByYou: row.frozenBy === actor.userId,
    }));
  }

  /** The frozen document as stored; `verify` proves it against its fingerprint. */
  async version(contestId: string, version: number) {
    const row = await this.findVersion(this.dataSource.manager, contestId, version);
    const legacy = await legacyNames(this.dataSource.manager, contestId);
    return { ...versionView(row, legacy), document: withShownNames(row.document, legacy) };
  }

  /** Recomputes from the stored inputs and compares with the frozen fingerprint. */
  async verify(contestId: string, version: number) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const row = await this.findVersion(em, contestId, version);
      const recomputed = fingerprint((await this.computation.compute(em, contestId)).document);
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

  /** A version for documents: organisers may read any version except a rejected one. */
  async versionForDocuments(contestId: string, version: number): Promise<ResultsVersion> {
    const row = await this.findVersion(this.dataSource.manager, contestId, version);
    if (row.status === 'rejected')
      throw DomainError.conflict('VERSION_REJECTED', 'Phiên bản này đã bị từ chối.', 'version');
    return shownVersion(this.dataSource.manager, row);
  }

  pendingVersion(em: EntityManager, contestId: string) {
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
}

export function versionMeta(row: ResultsVersion): ResultsVersionMeta {
  return {
    version: row.version,
    fingerprint: row.fingerprint,
    frozenAt: row.frozenAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    correctionReason: row.correctionReason,
    auditCheckpoint: row.auditCheckpoint,
  };
}

export function versionView(row: ResultsVersion, legacy: ReadonlyMap<string, string>) {
  return {
    ...versionMeta(row),
    status: row.status,
    frozenBy: shownName(row.frozenByName, legacy),
    approvedBy: row.approvedByName && shownName(row.approvedByName, legacy),
    rejectionReason: row.rejectionReason,
  };
}
