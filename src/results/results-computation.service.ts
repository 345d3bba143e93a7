import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ContestsService } from '../contests/contests.service';
import { EngineError } from '../engine';
import { buildResults, ResultsComputation } from './build-results';
import { ResultsLoader } from './results-loader';
import { legacyNames, withShownNames } from './shown-names';
import { assertResultsPhase } from './results-phase';

/**
 * The results computed from the current data: the stored inputs (results-loader.ts) through
 * the engine (build-results.ts). Stores nothing; freezing, decisions and verification start
 * from here.
 */
@Injectable()
export class ResultsComputationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly loader: ResultsLoader,
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
        document: withShownNames(computed.document, await legacyNames(em, contestId)),
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

  async compute(em: EntityManager, contestId: string): Promise<ResultsComputation> {
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
}
