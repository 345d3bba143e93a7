import { useState } from 'preact/hooks';
import { type Column, DataTable } from '../../../components/DataTable';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime } from '../../../format';
import { type ChartSeries, LineChart } from '../LineChart';
import type { Contest, HistorySeries, Standings } from '../types';
import { sourceLabel } from './labels';

/** The counts over time, one line per team; the drawn measure is chosen above the chart. */
type Metric = 'raw' | 'reactions' | 'shares' | 'comments';
const METRICS: Record<Metric, string> = {
  raw: 'điểm thô (theo trọng số của thể lệ)',
  reactions: 'lượt thích',
  shares: 'lượt chia sẻ',
  comments: 'bình luận',
};

export function HistoryChart({ contest, history }: { contest: Contest; history: HistorySeries[] }) {
  const [metric, setMetric] = useState<Metric>('raw');
  const w = contest.rules.interaction.weights;
  const series: ChartSeries[] = [...history]
    .sort((a, b) => a.teamNumber - b.teamNumber)
    .map((h) => ({
      key: h.entryId,
      label: `Đội ${h.teamNumber}`,
      points: h.series.map((p) => ({
        t: Date.parse(p.takenAt),
        v:
          metric === 'raw'
            ? Math.round(p.reactions * w.reactions + p.shares * w.shares + p.comments * w.comments)
            : p[metric],
      })),
    }));
  return (
    <Section
      title="Diễn biến lượt tương tác theo thời gian"
      id="bieu-do"
      actions={
        <label class="inline-label">
          Số liệu
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value as Metric)}>
            {(Object.keys(METRICS) as Metric[]).map((m) => (
              <option key={m} value={m}>
                {METRICS[m]}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <LineChart
        series={series}
        title={`Lượt tương tác theo thời gian, từng đội: ${METRICS[metric]}`}
        valueLabel={METRICS[metric]}
      />
    </Section>
  );
}

type Snapshot = Standings['snapshots'][number];

const SNAPSHOT_COLUMNS: Column<Snapshot>[] = [
  { key: 'taken', header: 'Lấy lúc', cell: (s) => dateTime(s.takenAt) },
  { key: 'source', header: 'Nguồn', cell: (s) => sourceLabel(s.source) },
  {
    key: 'file',
    header: 'Tệp',
    cell: (s) => (
      <>
        {s.fileName ?? '—'}
        <div class="muted small" title={s.fileSha256}>
          SHA-256 {s.fileSha256.slice(0, 12)}…
        </div>
      </>
    ),
  },
  { key: 'rows', header: 'Số dòng', num: true, cell: (s) => s.rowCount },
  { key: 'created', header: 'Nhập lúc', cell: (s) => dateTime(s.createdAt) },
  {
    key: 'official',
    header: 'Chính thức',
    cell: (s) => (s.official ? <StatusBadge tone="ok">Chính thức</StatusBadge> : ''),
  },
];

/** Every stored reading, newest first; the official one marked. */
export function SnapshotList({ standings }: { standings: Standings }) {
  if (!standings.snapshots.length) return null;
  return (
    <Section title="Các lần nhập số liệu" id="lan-nhap">
      <DataTable
        class="compact"
        testId="snapshots"
        label="Các lần nhập số liệu"
        columns={SNAPSHOT_COLUMNS}
        rows={[...standings.snapshots].reverse()}
        rowKey={(s) => s.id}
      />
    </Section>
  );
}
