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

/** How many lines the chart draws: the leaders, plus one team the organiser picks. */
const TOP = 10;

/**
 * The counts over time of the 10 teams highest on the chosen measure at the last reading,
 * plus one team chosen by number (a team under review, one's own unit): 11 lines at most,
 * not one per entry.
 */
export function HistoryChart({ contest, history }: { contest: Contest; history: HistorySeries[] }) {
  const [metric, setMetric] = useState<Metric>('raw');
  const [chosen, setChosen] = useState('');
  const w = contest.rules.interaction.weights;
  const all: ChartSeries[] = history.map((h) => ({
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
  const last = (s: ChartSeries) => s.points[s.points.length - 1]?.v ?? 0;
  const top = [...all].sort((a, b) => last(b) - last(a)).slice(0, TOP);
  const chosenNumber = Number(chosen);
  const picked = all.find((s) => s.label === `Đội ${chosenNumber}`);
  const series = picked && !top.includes(picked) ? [...top, picked] : top;
  const unknown = chosen.trim() !== '' && !picked;
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
      <p class="inline-form">
        <label class="inline-label">
          Thêm một đội (số đội)
          <input
            type="text"
            inputMode="numeric"
            size={6}
            value={chosen}
            aria-describedby="chart-team-hint"
            onInput={(e) => setChosen(e.currentTarget.value.replace(/\D/g, ''))}
          />
        </label>{' '}
        <span id="chart-team-hint" class="muted small" role="status">
          {unknown
            ? `Không có đội số ${chosen} trong số liệu.`
            : `${Math.min(TOP, all.length)} đội cao nhất theo ${METRICS[metric]}${picked && !top.includes(picked) ? `, và đội ${chosenNumber}` : ''}.`}
        </span>
      </p>
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
