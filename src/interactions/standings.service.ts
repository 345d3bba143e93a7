import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeInteractionPoints, hundredthsToString } from '../engine';
import {
  AnomalyOptions,
  DEFAULT_ANOMALY_OPTIONS,
  findAnomalies,
  SnapshotCounts,
} from './anomalies';
import { InteractionExclusion } from './interaction-exclusion.entity';
import { activeExclusions, publishedEntries } from './interaction-queries';
import { officialSnapshot } from './reading-time';
import { InteractionSnapshot } from './interaction-snapshot.entity';
import { readCounts, snapshotCounts } from './snapshot-counts';

/**
 * What the stored snapshots say: the official one (the last at or before the cut-off) and its
 * points per entry with anomaly flags and exclusions, the counts over time, and the inputs the
 * results are computed from.
 */
@Injectable()
export class InteractionStandingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  /** Per entry: official counts, raw interactions, points, rank, anomaly flags, exclusions. */
  /** Interaction points from the official snapshot (what the preliminary score uses). */
  async officialPoints(contestId: string) {
    const contest = await this.contests.get(contestId);
    return (await this.official(contest)).computed;
  }

  /**
   * What the results are computed from: the official snapshot and, per published entry, its
   * counts and the active exclusions with their reasons (the engine scores them).
   */
  async officialInputs(contestId: string, em: EntityManager = this.dataSource.manager) {
    const contest = await this.contests.get(contestId, em);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId }, order: { takenAt: 'ASC', createdAt: 'ASC' } });
    const official = officialSnapshot(snapshots, contest.rules.dates.interactionCutoff);
    const counts = await snapshotCounts(em, official?.id ?? null);
    const exclusions = await em.getRepository(InteractionExclusion).find({
      where: { contestId, withdrawnAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
    return { official, counts, exclusions };
  }

  private async official(contest: Contest) {
    const em = this.dataSource.manager;
    const entries = await publishedEntries(em, contest.id);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId: contest.id }, order: { takenAt: 'ASC', createdAt: 'ASC' } });
    const official = officialSnapshot(snapshots, contest.rules.dates.interactionCutoff);
    const counts = await snapshotCounts(em, official?.id ?? null);
    const exclusions = await activeExclusions(em, contest.id);
    const countOf = new Map(counts.map((c) => [c.entryId, c]));
    const computed = computeInteractionPoints(
      contest.rules.interaction,
      entries.map((e) => {
        const c = countOf.get(e.entryId);
        return {
          entryId: e.entryId,
          reactions: c?.reactions ?? 0,
          shares: c?.shares ?? 0,
          comments: c?.comments ?? 0,
          excluded: exclusions.get(e.entryId),
        };
      }),
    );
    return { entries, snapshots, official, countOf, exclusions, computed };
  }

  async standings(contestId: string, anomalyOptions: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS) {
    const contest = await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const { entries, snapshots, official, countOf, exclusions, computed } =
      await this.official(contest);
    const computedOf = new Map(computed.map((c) => [c.entryId, c]));
    // Grouped per entry once (in their order) rather than filtered again for every entry.
    const flags = groupBy(
      findAnomalies(await this.allCounts(em, snapshots), anomalyOptions),
      (f) => f.entryId,
    );
    const exclusionRows = groupBy(
      await em
        .getRepository(InteractionExclusion)
        .find({ where: { contestId }, order: { createdAt: 'ASC' } }),
      (x) => x.entryId,
    );
    return {
      officialSnapshot: official
        ? { id: official.id, takenAt: official.takenAt, source: official.source }
        : null,
      interactionCutoff: contest.rules.dates.interactionCutoff,
      anomalyOptions,
      snapshots: snapshots.map((s) => ({ ...s, official: s.id === official?.id })),
      entries: entries.map((e) => {
        const c = countOf.get(e.entryId);
        const r = computedOf.get(e.entryId)!;
        return {
          entryId: e.entryId,
          teamNumber: e.teamNumber,
          counts: c ? { reactions: c.reactions, shares: c.shares, comments: c.comments } : null,
          excluded: exclusions.get(e.entryId) ?? null,
          raw: r.raw,
          points: hundredthsToString(r.points),
          rank: r.rank,
          flags: flags.get(e.entryId) ?? [],
          exclusions: exclusionRows.get(e.entryId) ?? [],
        };
      }),
    };
  }

  /** Counts over time per entry, ready for a chart. */
  async history(contestId: string) {
    await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const entries = await publishedEntries(em, contestId);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId }, order: { takenAt: 'ASC' } });
    const all = await this.allCounts(em, snapshots);
    return entries.map((e) => ({
      entryId: e.entryId,
      teamNumber: e.teamNumber,
      series: all
        .filter((s) => s.counts.has(e.entryId))
        .map((s) => ({
          snapshotId: s.snapshotId,
          takenAt: s.takenAt,
          ...s.counts.get(e.entryId)!,
        })),
    }));
  }

  private async allCounts(
    em: EntityManager,
    snapshots: InteractionSnapshot[],
  ): Promise<SnapshotCounts[]> {
    const counts = await readCounts(
      em,
      snapshots.map((s) => s.id),
    );
    return snapshots.map((s) => ({
      snapshotId: s.id,
      takenAt: s.takenAt,
      counts: new Map((counts.get(s.id) ?? []).map(({ entryId, ...c }) => [entryId, c])),
    }));
  }
}

/** Items by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
