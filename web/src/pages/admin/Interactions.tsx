import { useMemo, useState } from 'preact/hooks';
import { get } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { ExclusionForm } from './interactions/ExclusionForm';
import { FanpagePanel } from './interactions/FanpagePanel';
import { HistoryChart, SnapshotList } from './interactions/History';
import { ImportPanel } from './interactions/ImportPanel';
import { IMPORT_PHASES } from './interactions/labels';
import { StandingsTable } from './interactions/Standings';
import type { SectionProps } from './lib';
import type { Entry, HistorySeries, Standings } from './types';

/**
 * Fanpage counts: templates, the import with a preview (matched rows, errors, warnings, the
 * points it would give) before the atomic commit, the standings from the official snapshot,
 * exclusions with reasons, and the counts over time per entry.
 */
export function Interactions({ contest }: SectionProps) {
  const base = `/contests/${contest.id}/interactions`;
  // The standings' snapshots and settings (one row is enough: the table reads its own pages).
  const [version, setVersion] = useState(0);
  const { data, error, loading, reload } = useLoad(async () => {
    const [standings, history, entries] = await Promise.all([
      get<Standings>(`${base}?limit=1`),
      get<HistorySeries[]>(`${base}/history`),
      get<Entry[]>(`/contests/${contest.id}/entries`),
    ]);
    setVersion((v) => v + 1);
    return { standings, history, entries };
  }, [contest.id]);
  const entryOf = useMemo(
    () => new Map((data?.entries ?? []).map((e) => [e.id, e])),
    [data?.entries],
  );
  return (
    <>
      <FanpagePanel contest={contest} onRead={reload} />
      <ImportPanel contest={contest} entryOf={entryOf} onCommitted={reload} />
      {loading && !data && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <StandingsTable
            key={version}
            contest={contest}
            standings={data.standings}
            onChanged={reload}
          />
          <HistoryChart contest={contest} history={data.history} />
          <SnapshotList standings={data.standings} />
          {IMPORT_PHASES.includes(contest.status) && (
            <ExclusionForm contest={contest} entries={data.entries} onSaved={reload} />
          )}
        </>
      )}
    </>
  );
}
