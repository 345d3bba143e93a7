import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContestsService } from '../contests/contests.service';
import { selectFinalists } from '../engine';
import { computePreliminaryRound } from './preliminary-round';
import { ResultsLoader } from './results-loader';

/**
 * What the preliminary round produced (official interaction counts, submitted scorecards,
 * recusals), computed exactly as the results compute it, and the finalists it selects.
 * Stores nothing.
 */
@Injectable()
export class PreliminaryResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly loader: ResultsLoader,
  ) {}

  async compute(contestId: string) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const contest = await this.contests.get(contestId, em);
      const { interaction, judges, preliminary } = computePreliminaryRound(
        await this.loader.load(em, contestId),
      );
      return {
        contest,
        interaction,
        judges,
        preliminary,
        selection: selectFinalists(contest.rules.finalists, preliminary),
      };
    });
  }
}
