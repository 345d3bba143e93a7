import { useState } from 'preact/hooks';
import { count, dateTime } from '../../format';

export interface ChartSeries {
  key: string;
  label: string;
  points: { t: number; v: number }[];
}

/** Ten colours that stay apart for common colour-vision deficiencies, plus dash patterns. */
const COLOURS = [
  '#0b5394',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#7a5c00',
  '#56b4e9',
  '#a61b1b',
  '#4b0092',
  '#1a1a1a',
  '#e69f00',
];
const DASHES = ['', '6 3', '2 3', '10 4 2 4'];

const W = 720;
const H = 320;
const PAD = { left: 64, right: 16, top: 16, bottom: 48 };

/**
 * A small inline SVG line chart: time on x, values on y, one line per series, a legend that
 * highlights a line, and the same numbers as a table for screen readers and printing.
 */
export function LineChart(props: { series: ChartSeries[]; title: string; valueLabel: string }) {
  const [focus, setFocus] = useState<string | null>(null);
  const all = props.series.flatMap((s) => s.points);
  if (all.length === 0) return <p class="muted">Chưa có số liệu để vẽ biểu đồ.</p>;
  const times = [...new Set(all.map((p) => p.t))].sort((a, b) => a - b);
  let t0 = times[0]!;
  let t1 = times[times.length - 1]!;
  if (t0 === t1) {
    t0 -= 12 * 3_600_000;
    t1 += 12 * 3_600_000;
  }
  const vMax = niceMax(Math.max(...all.map((p) => p.v), 1));
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / vMax) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(vMax * f));
  const style = (i: number) => ({
    colour: COLOURS[i % COLOURS.length]!,
    dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length]!,
  });
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="chart-title">{props.title}</title>
        <desc id="chart-desc">
          {props.series.length} đường, từ {dateTime(new Date(times[0]!))} đến{' '}
          {dateTime(new Date(times[times.length - 1]!))}; số liệu chi tiết trong bảng bên dưới.
        </desc>
        {ticks.map((v, i) => (
          <g key={i}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="chart-grid" />
            <text x={PAD.left - 8} y={y(v) + 4} text-anchor="end" class="chart-axis">
              {count(v)}
            </text>
          </g>
        ))}
        {times.map((t, i) =>
          times.length <= 8 || i % Math.ceil(times.length / 8) === 0 ? (
            <text
              key={t}
              x={x(t)}
              y={H - PAD.bottom + 18}
              text-anchor={
                times.length === 1
                  ? 'middle'
                  : i === 0
                    ? 'start'
                    : i === times.length - 1
                      ? 'end'
                      : 'middle'
              }
              class="chart-axis"
            >
              {dateTime(new Date(t)).replace(' ', '\u00a0')}
            </text>
          ) : null,
        )}
        <text x={PAD.left} y={H - 8} class="chart-axis">
          Thời điểm lấy số liệu (giờ Việt Nam)
        </text>
        {props.series.map((s, i) => {
          const { colour, dash } = style(i);
          const dim = focus !== null && focus !== s.key;
          const pts = [...s.points].sort((a, b) => a.t - b.t);
          return (
            <g key={s.key} opacity={dim ? 0.15 : 1} data-series={s.key}>
              {pts.length > 1 && (
                <polyline
                  points={pts.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
                  fill="none"
                  stroke={colour}
                  stroke-width={focus === s.key ? 4 : 2.5}
                  stroke-dasharray={dash || undefined}
                />
              )}
              {pts.map((p) => (
                <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r={4} fill={colour}>
                  <title>
                    {s.label}: {count(p.v)} ({dateTime(new Date(p.t))})
                  </title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend" aria-label="Chú giải (bấm để làm nổi bật một đường)">
          {props.series.map((s, i) => {
            const { colour, dash } = style(i);
            return (
              <li key={s.key}>
                <button
                  type="button"
                  class="legend-btn"
                  aria-pressed={focus === s.key}
                  onClick={() => setFocus(focus === s.key ? null : s.key)}
                >
                  <svg width="28" height="12" aria-hidden="true">
                    <line
                      x1="0"
                      x2="28"
                      y1="6"
                      y2="6"
                      stroke={colour}
                      stroke-width="3"
                      stroke-dasharray={dash || undefined}
                    />
                  </svg>
                  {s.label}
                </button>
              </li>
            );
          })}
        </ul>
        <details>
          <summary>Bảng số liệu của biểu đồ ({props.valueLabel})</summary>
          <div class="table-wrap">
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">Đội</th>
                  {times.map((t) => (
                    <th scope="col" class="num" key={t}>
                      {dateTime(new Date(t))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.series.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">{s.label}</th>
                    {times.map((t) => (
                      <td class="num" key={t}>
                        {count(s.points.find((p) => p.t === t)?.v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}

/** 1234 → 1500, 87 → 100: a round top for the y axis. */
function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
