import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ContestsService } from '../contests/contests.service';
import { computeJudgePoints, computePreliminary, selectFinalists } from '../engine';
import { Entry } from '../entries/entry.entity';
import { InteractionsService } from '../interactions/interactions.service';
import { JudgeConflict } from '../judging/judge-conflict.entity';
import { Scorecard } from '../judging/scorecard.entity';

/**
 * Loads what the preliminary round produced (official interaction counts, submitted
 * scorecards, recusals) and lets the engine compute scores and finalists. Stores nothing.
 */
@Injectable()
export class PreliminaryResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly interactions: InteractionsService,
  ) {}

  async compute(contestId: string) {
    const contest = await this.contests.get(contestId);
    const entries = await this.dataSource
      .getRepository(Entry)
      .find({ where: { contestId, status: 'published' }, select: { id: true } });
    const entryIds = entries.map((e) => e.id);
    const interaction = await this.interactions.officialPoints(contestId);
    const cards = await this.dataSource
      .getRepository(Scorecard)
      .find({ where: { contestId, status: 'submitted' } });
    const recusals = await this.dataSource
      .getRepository(JudgeConflict)
      .find({ where: { contestId } });
    const recused = new Set(recusals.map((r) => `${r.judgeId}|${r.entryId}`));
    const published = new Set(entryIds);
    const judges = computeJudgePoints(
      contest.rules.judging,
      entryIds,
      cards
        .filter((c) => published.has(c.entryId))
        .map((c) => ({
          entryId: c.entryId,
          judgeId: c.judgeId,
          scores: c.scores,
          recused: recused.has(`${c.judgeId}|${c.entryId}`),
        })),
    );
    const preliminary = computePreliminary(interaction, judges);
    return {
      contest,
      interaction,
      judges,
      preliminary,
      selection: selectFinalists(contest.rules.finalists, preliminary),
    };
  }
}
