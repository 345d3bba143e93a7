import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import {
  CardChange,
  CardWriteTail,
  insertStatement,
  loadStatement,
  ScoringState,
  Statement,
  StateRow,
  toScoringState,
  updateStatement,
} from './scorecard-statements';

/**
 * Runs the judges' save path: a save is two round trips. One query reads the contest, the
 * entry, the judge's relation to it and the card; one statement writes the card, its audit row
 * and the idempotency answer together (a single statement is atomic, so no BEGIN/COMMIT). The
 * write only happens if the card still has the version and draft status that were read and the
 * round is still open, so a change by another tablet in between makes it write nothing rather
 * than overwrite. Both statements stay prepared on each connection: planning them on every
 * request cost more than running them.
 */
@Injectable()
export class ScorecardStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** null: no such contest. */
  async load(contestId: string, judgeId: string, entryId: string): Promise<ScoringState | null> {
    const [row] = await this.run<StateRow>(loadStatement(contestId, judgeId, entryId));
    return toScoringState(row);
  }

  /** The new version, or null when nothing was written (the caller finds out why). */
  async update(
    contestId: string,
    card: { id: string; version: number },
    change: CardChange,
    tail: CardWriteTail,
  ): Promise<number | null> {
    return this.written(updateStatement(contestId, card, change, tail));
  }

  /** The new card's version (1), or null when a twin request created the card first. */
  async insert(
    contestId: string,
    card: { id: string; entryId: string; judgeId: string },
    change: CardChange,
    tail: CardWriteTail,
  ): Promise<number | null> {
    return this.written(insertStatement(contestId, card, change, tail));
  }

  private async written(statement: Statement): Promise<number | null> {
    const [row] = await this.run<{ version: number }>(statement);
    return row?.version ?? null;
  }

  private run<Row>(statement: Statement): Promise<Row[]> {
    return preparedQuery<Row>(this.dataSource, statement.name, statement.text, statement.values);
  }
}
