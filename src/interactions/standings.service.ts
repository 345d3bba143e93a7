import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { groupBy } from '../common/group-by';
import { Paged, paginate } from '../common/paging';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeInteractionPoints, hundredthsToString } from '../engine';
import { type AnomalyOptions, DEFAULT_ANOMALY_OPTIONS, findAnomalies } from './anomalies';
import { type Counts, NO_COUNTS, sumExclusions } from './counts';
import { exclusionsOf, isActive, publishedEntries } from './interaction-queries';
import { InteractionSnapshot } from './interaction-snapshot.entity';
import type { StandingsQueryDto } from './interactions.dto';
import { officialSnapshot } from './reading-time';
import { readCounts } from './snapshot-counts';

type Standings = Awaited<ReturnType<InteractionStandingsService['standings']>>;
type StandingsRow = Standings['entries'][number];

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

  /**
   * What the results are computed from: the official snapshot and, per published entry, its
   * counts and the active exclusions with their reasons (the engine scores them).
   */
  async officialInputs(contestId: string, em: EntityManager = this.dataSource.manager) {
    const contest = await this.contests.get(contestId, em);
    const official = officialOf(contest, await snapshotsOf(em, contestId));
    const counts = official && (await readCounts(em, [official.id])).get(official.id);
    const exclusions = await exclusionsOf(em, contestId);
    return {
      official,
      counts: counts ?? [],
      exclusions: exclusions.filter(isActive),
    };
  }

  async standings(contestId: string, anomalyOptions: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS) {
    const contest = await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const entries = await competingEntries(em, contestId);
    const snapshots = await snapshotsOf(em, contestId);
    const official = officialOf(contest, snapshots);
    const history = await countsOverTime(em, snapshots);
    const countOf = history.find((s) => s.snapshotId === official?.id)?.counts ?? new Map();
    const exclusions = await exclusionsOf(em, contestId);
    const excludedOf = sumExclusions(exclusions.filter(isActive));
    const computed = computeInteractionPoints(
      contest.rules.interaction,
      entries.map(({ entryId }) => ({
        entryId,
        ...(countOf.get(entryId) ?? NO_COUNTS),
        excluded: excludedOf.get(entryId),
      })),
    );
    const computedOf = new Map(computed.map((c) => [c.entryId, c]));
    // Grouped per entry once (in their order) rather than filtered again for every entry.
    const flags = groupBy(findAnomalies(history, anomalyOptions), (f) => f.entryId);
    const exclusionRows = groupBy(exclusions, (x) => x.entryId);
    return {
      officialSnapshot: official
        ? { id: official.id, takenAt: official.takenAt, source: official.source }
        : null,
      interactionCutoff: contest.rules.dates.interactionCutoff,
      anomalyOptions,
      snapshots: snapshots.map((s) => ({ ...s, official: s.id === official?.id })),
      entries: entries.map((e) => {
        const r = computedOf.get(e.entryId)!;
        return {
          entryId: e.entryId,
          teamNumber: e.teamNumber,
          teamName: e.teamName,
          entryName: e.entryName,
          counts: countOf.get(e.entryId) ?? null,
          excluded: excludedOf.get(e.entryId) ?? null,
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
    const entries = await competingEntries(em, contestId);
    const history = await countsOverTime(em, await snapshotsOf(em, contestId));
    return entries.map(({ entryId, teamNumber }) => ({
      entryId,
      teamNumber,
      series: history
        .filter((s) => s.counts.has(entryId))
        .map((s) => ({ snapshotId: s.snapshotId, takenAt: s.takenAt, ...s.counts.get(entryId)! })),
    }));
  }
}

/**
 * The standings with `entries` cut to one page: filtered (anomalies, exclusions), searched
 * by team number, team and model name, in team or rank order. The snapshots and settings
 * around them stay whole.
 */
export function pageOfStandings(standings: Standings, query: StandingsQueryDto): Paged<Standings> {
  const rows = standings.entries.filter((r) =>
    query.filter === 'flagged'
      ? r.flags.length > 0
      : query.filter === 'excluded'
        ? r.exclusions.some(isActive)
        : true,
  );
  if (query.sort === 'rank') rows.sort(byRank);
  const page = paginate(rows, query, (r) => [r.teamNumber, r.teamName, r.entryName]);
  return new Paged({ ...standings, entries: page.body }, page.total);
}

/** Best first; entries without counts (no rank) last; then by team number. */
function byRank(a: StandingsRow, b: StandingsRow): number {
  const rank = (r: StandingsRow) => (r.counts === null || r.rank === null ? Infinity : r.rank);
  return rank(a) - rank(b) || a.teamNumber - b.teamNumber;
}

/** The entries scored, as in the results: a team that withdrew no longer competes. */
const competingEntries = async (em: EntityManager, contestId: string) =>
  (await publishedEntries(em, contestId)).filter((e) => !e.withdrawn);

/** A contest's snapshots, oldest first (their counts are not loaded). */
const snapshotsOf = (em: EntityManager, contestId: string) =>
  em
    .getRepository(InteractionSnapshot)
    .find({ where: { contestId }, order: { takenAt: 'ASC', createdAt: 'ASC' } });

const officialOf = (contest: Contest, snapshots: InteractionSnapshot[]) =>
  officialSnapshot(snapshots, contest.rules.dates.interactionCutoff);

/** The counts of each snapshot by entry id, in the snapshots' order. */
async function countsOverTime(em: EntityManager, snapshots: InteractionSnapshot[]) {
  const stored = await readCounts(
    em,
    snapshots.map((s) => s.id),
  );
  return snapshots.map((s) => ({
    snapshotId: s.id,
    takenAt: s.takenAt,
    counts: new Map(
      (stored.get(s.id) ?? []).map(({ entryId, ...c }): [string, Counts] => [entryId, c]),
    ),
  }));
}
