import { Paged, paginate } from '../common/paging';
import type { StandingsQueryDto } from './interactions.dto';
import type { InteractionStandingsService } from './standings.service';

type Standings = Awaited<ReturnType<InteractionStandingsService['standings']>>;
type StandingsRow = Standings['entries'][number];

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
        ? r.exclusions.some((x) => !x.withdrawnAt)
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
