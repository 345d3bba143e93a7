import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../../api';
import { type Column, DataTable } from '../../../components/DataTable';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox, Loading } from '../../../components/ui';
import { num, points } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import type { Contest, Entry, Progress } from '../types';
import { ProgressLegend } from './ProgressLegend';

type JudgeRow = Progress['judges'][number];

const CELL: Record<string, { label: string; cls: string }> = {
  submitted: { label: 'Đã nộp', cls: 'cell-ok' },
  draft: { label: 'Nháp', cls: 'cell-warn' },
  missing: { label: 'Chưa chấm', cls: 'cell-bad' },
};

const JUDGE_COLUMNS: Column<JudgeRow>[] = [
  { key: 'name', header: 'Giám khảo', rowHeader: true, cell: (j) => j.displayName },
  { key: 'submitted', header: 'Đã nộp', num: true, cell: (j) => j.submitted },
  { key: 'draft', header: 'Nháp', num: true, cell: (j) => j.draft },
  { key: 'missing', header: 'Chưa chấm', num: true, cell: (j) => j.missing },
  {
    key: 'progress',
    header: 'Tiến độ',
    cell: (j) => {
      const all = j.submitted + j.draft + j.missing;
      return (
        <progress
          class="progress"
          max={all || 1}
          value={j.submitted}
          aria-label={`${j.displayName}: ${j.submitted}/${all} phiếu đã nộp`}
        />
      );
    },
  },
];

/** A spread this large between judges is worth a look even without an outlier. */
const WIDE_SPREAD = 10;

/**
 * Every judge scores every entry: per judge (submitted / draft / missing), per entry and judge
 * (the matrix, with each submitted total on demand), the spread of the judges' totals per
 * entry and the outliers (a judge 20+ points from the median of the others: one very low card
 * does not make the highest one look wrong). Every colour is named in the legend.
 */
export function MatrixProgress({ contest, refreshKey }: { contest: Contest; refreshKey: number }) {
  const { data, error, loading, reload } = useLoad(async () => {
    const [progress, entries] = await Promise.all([
      get<Progress>(`/contests/${contest.id}/judging/progress`),
      get<Entry[]>(`/contests/${contest.id}/entries`),
    ]);
    return { progress, entries };
  }, [contest.id, refreshKey]);
  useEffect(() => {
    if (contest.status !== 'judging') return;
    const timer = setInterval(() => void reload(), 20_000);
    return () => clearInterval(timer);
  }, [contest.status, reload]);
  const assign = useAction();
  const [showTotals, setShowTotals] = useState(false);
  if (!data) return loading ? <Loading /> : <ErrorBox error={error} />;
  const { progress } = data;
  const judges = [...progress.judges].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const entryRows = data.entries
    .filter((e) => e.status === 'published' || e.status === 'approved')
    .sort((a, b) => a.teamNumber - b.teamNumber);
  const cellOf = new Map(progress.cells.map((c) => [`${c.judgeId}|${c.entryId}`, c.status]));
  const totalOf = new Map(progress.cells.map((c) => [`${c.judgeId}|${c.entryId}`, c.total]));
  const statOf = new Map(progress.entries.map((e) => [e.entryId, e]));
  const totals = progress.cells.reduce((acc, c) => ({ ...acc, [c.status]: acc[c.status] + 1 }), {
    submitted: 0,
    draft: 0,
    missing: 0,
  } as Record<string, number>);
  const canAssign = contest.status === 'published' || contest.status === 'judging';
  const flagged = (e: Entry) => {
    const stat = statOf.get(e.id);
    return (stat?.outliers.length ?? 0) > 0 || (num(stat?.spread) ?? 0) >= WIDE_SPREAD;
  };
  const matrixColumns: Column<Entry>[] = [
    {
      key: 'entry',
      header: 'Sản phẩm',
      rowHeader: true,
      width: '13rem',
      cell: (e) => `${e.teamNumber}. ${e.teamName}`,
    },
    ...judges.map((j): Column<Entry> => ({
      key: j.judgeId,
      header: j.displayName,
      center: true,
      cellClass: (e) => {
        const s = cellOf.get(`${j.judgeId}|${e.id}`);
        const out = statOf.get(e.id)?.outliers.includes(j.judgeId);
        return [s ? CELL[s]!.cls : '', out ? 'cell-outlier' : ''].join(' ').trim() || undefined;
      },
      cell: (e) => {
        const s = cellOf.get(`${j.judgeId}|${e.id}`);
        const out = statOf.get(e.id)?.outliers.includes(j.judgeId);
        const total = totalOf.get(`${j.judgeId}|${e.id}`);
        return (
          <>
            {showTotals && total ? (
              <span class="strong">{points(total)}</span>
            ) : s ? (
              CELL[s]!.label
            ) : (
              '—'
            )}
            {out && <strong class="outlier-mark"> · lệch</strong>}
          </>
        );
      },
    })),
    {
      key: 'submitted',
      header: 'Đã nộp',
      num: true,
      cell: (e) => {
        const stat = statOf.get(e.id);
        return stat ? `${stat.submitted}/${stat.assigned}` : '0/0';
      },
    },
    {
      key: 'spread',
      header: 'Chênh lệch',
      num: true,
      cellClass: (e) => (flagged(e) ? 'strong warn-text' : undefined),
      cell: (e) => {
        const stat = statOf.get(e.id);
        return (
          <>
            {stat?.spread ? points(stat.spread) : '—'}
            {(stat?.outliers.length ?? 0) > 0 && <span class="sr-only"> (có giám khảo lệch)</span>}
          </>
        );
      },
    },
  ];
  return (
    <>
      <Section
        title="Tiến độ theo giám khảo"
        id="tien-do"
        actions={
          <button type="button" class="btn" onClick={() => void reload()} disabled={loading}>
            Tải lại
          </button>
        }
      >
        <p data-testid="judging-summary">
          {progress.cells.length === 0 ? (
            'Chưa phân công giám khảo.'
          ) : (
            <>
              <strong>{totals.submitted}</strong>/{progress.cells.length} phiếu đã nộp ·{' '}
              <strong>{totals.draft}</strong> phiếu nháp · <strong>{totals.missing}</strong> chưa
              chấm.{' '}
              {progress.complete ? (
                <StatusBadge tone="ok">Đã đủ phiếu chấm</StatusBadge>
              ) : (
                <StatusBadge tone="warn">Chưa đủ phiếu chấm</StatusBadge>
              )}
            </>
          )}
        </p>
        {canAssign && (
          <div class="actions">
            <button
              type="button"
              class="btn"
              disabled={assign.busy}
              onClick={() =>
                void assign.run(async () => {
                  const res = await post<{ assignments: number; skippedForConflicts: number }>(
                    `/contests/${contest.id}/judging/assignments/all`,
                  );
                  await reload();
                  return `Đã phân công: ${res.assignments} cặp giám khảo – sản phẩm; bỏ qua ${res.skippedForConflicts} cặp xung đột lợi ích (cùng đơn vị, tự rút lui).`;
                })
              }
            >
              Phân công mọi giám khảo chấm mọi sản phẩm
            </button>
            <OkBox message={assign.ok} />
            <ApiErrorBox error={assign.error} />
          </div>
        )}
        {judges.length > 0 && (
          <DataTable
            class="compact"
            label="Tiến độ theo giám khảo"
            columns={JUDGE_COLUMNS}
            rows={judges}
            rowKey={(j) => j.judgeId}
          />
        )}
      </Section>
      <Section
        title="Phiếu chấm theo sản phẩm"
        id="ma-tran"
        actions={
          <button
            type="button"
            class="btn"
            aria-pressed={showTotals}
            data-testid="toggle-totals"
            onClick={() => setShowTotals(!showTotals)}
          >
            Hiện tổng điểm từng phiếu
          </button>
        }
      >
        <ProgressLegend
          totals={showTotals}
          notAssigned
          rows={`chênh lệch giữa điểm cao nhất và thấp nhất từ ${points(WIDE_SPREAD)} điểm, hoặc có giám khảo lệch: nên xem lại`}
        />
        <DataTable
          class="compact matrix"
          testId="judging-matrix"
          label="Phiếu chấm theo sản phẩm"
          fixedColumns={1}
          stickyHeader
          columns={matrixColumns}
          rows={entryRows}
          rowKey={(e) => e.id}
          rowClass={(e) => (flagged(e) ? 'row-flag' : undefined)}
        />
      </Section>
    </>
  );
}
