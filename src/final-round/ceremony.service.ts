import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { notifyBoardChanged } from '../live-board/notify';
import type { ResultsDocument } from '../results/results-document';
import { ceremonyAwards } from './ceremony-order';
import type { CeremonyAction } from './final-round.dto';
import { FinalState } from './final-state.entity';

/**
 * The award ceremony on the live board, once the results are published: the organiser clears
 * the stage, then reveals the prizes one by one from the last place to the first (or all at
 * once); the board ends on the link to the published results. Only the count of revealed
 * prizes is stored: the prizes themselves are the published version's, never recomputed.
 */
@Injectable()
export class CeremonyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  async view(contestId: string) {
    await this.contests.get(contestId);
    const state = await this.dataSource.getRepository(FinalState).findOneBy({ contestId });
    if (!state) throw DomainError.notFound('FINAL', 'Vòng chung khảo chưa được thiết lập.');
    const awards = await publishedAwards(this.dataSource.manager, contestId);
    return ceremonyView(state, awards ?? []);
  }

  async act(actor: Actor, contestId: string, input: { action: CeremonyAction; version: number }) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      const state = await em
        .getRepository(FinalState)
        .findOne({ where: { contestId }, lock: { mode: 'pessimistic_write' } });
      if (!state) throw DomainError.notFound('FINAL', 'Vòng chung khảo chưa được thiết lập.');
      const awards = await publishedAwards(em, contestId);
      if (contest.status !== 'results_published' || !awards)
        throw DomainError.conflict(
          'CEREMONY_NOT_READY',
          'Lễ trao giải chỉ bắt đầu khi kết quả đã được phê duyệt và công bố.',
          'action',
        );
      if (state.version !== input.version)
        throw DomainError.conflict(
          'STALE_VERSION',
          'Trạng thái sân khấu vừa thay đổi từ một máy khác.',
          'version',
          { current: ceremonyView(state, awards) },
        );
      const before = state.ceremonyRevealed;
      state.ceremonyRevealed = nextRevealed(input.action, before, awards.length);
      const saved = await em.getRepository(FinalState).save(state);
      await this.audit.record(em, actor, {
        contestId,
        action: 'final.ceremony',
        entityType: 'final_state',
        entityId: contestId,
        before: { ceremonyRevealed: before },
        after: { ceremonyRevealed: saved.ceremonyRevealed, action: input.action },
      });
      await notifyBoardChanged(em, contestId);
      return ceremonyView(saved, awards);
    });
  }
}

function nextRevealed(action: CeremonyAction, revealed: number | null, total: number) {
  switch (action) {
    case 'start':
      return 0;
    case 'end':
      return null;
    case 'all':
      return total;
    case 'next':
      if (revealed === null)
        throw DomainError.conflict(
          'CEREMONY_NOT_STARTED',
          'Chưa bắt đầu lễ trao giải: bấm “Bắt đầu lễ trao giải” trước.',
          'action',
        );
      if (revealed >= total)
        throw DomainError.conflict('CEREMONY_DONE', 'Đã công bố hết các giải.', 'action');
      return revealed + 1;
  }
}

/** The ceremony's prizes from the published version; null when nothing is published. */
export async function publishedAwards(em: EntityManager, contestId: string) {
  const [row] = (await em.query(
    `SELECT document FROM results_versions WHERE contest_id = $1 AND status = 'published'`,
    [contestId],
  )) as { document: ResultsDocument }[];
  return row ? ceremonyAwards(row.document) : null;
}

function ceremonyView(state: FinalState, awards: ReturnType<typeof ceremonyAwards>) {
  return {
    version: state.version,
    running: state.ceremonyRevealed !== null,
    revealed: Math.min(state.ceremonyRevealed ?? 0, awards.length),
    awards,
  };
}
