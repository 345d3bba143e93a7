import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../api';
import type { JudgingProgressListView } from '../../api-types/routes.gen';
import { type Column, DataTable } from '../../components/DataTable';
import { ApiErrorBox, OkBox } from '../../components/feedback';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorBox, Loading } from '../../components/ui';
import { num, points } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { CloseJudging } from './CloseJudging';
import { PanelProgress } from './judging/PanelProgress';
import { PanelsSection } from './judging/PanelsSection';
import { SectionProps, statusLabel } from './lib';
import type { Contest, Entry, Progress } from './types';

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

/** Up to this many entries, "every judge scores every entry" shows the whole matrix. */
const MATRIX_MAX_ENTRIES = 50;

/**
 * The preliminary round: panels (who scores what), progress, then closing the round. A city
 * contest where every judge scores every entry (≤ 50 entries) gets the judge × entry matrix;
 * panels or a larger contest get the progress per panel, a page at a time.
 */
export function JudgingProgress({ contest, reloadContest }: SectionProps) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = () => setRefreshKey((n) => n + 1);
  const head = useLoad(
    () => get<JudgingProgressListView>(`/contests/${contest.id}/judging/progress/entries?limit=1`),
    [contest.id, refreshKey],
  );
  const matrix = head.data?.mode === 'all' && head.data.total <= MATRIX_MAX_ENTRIES;
  return (
    <>
      <PanelsSection contest={contest} onCommitted={refresh} />
      {!head.data ? (
        head.loading ? (
          <Loading />
        ) : (
          <ErrorBox error={head.error} />
        )
      ) : matrix ? (
        <MatrixProgress contest={contest} refreshKey={refreshKey} />
      ) : (
        <PanelProgress contest={contest} refreshKey={refreshKey} />
      )}
      <Section title="Kết thúc vòng sơ khảo" id="dong-vong">
        {contest.status === 'judging' ? (
          <CloseJudging
            contestId={contest.id}
            onClosed={() => {
              void reloadContest();
              refresh();
            }}
          />
        ) : (
          <p class="muted">
            Hội thi đang ở bước “{statusLabel(contest.status)}”; chỉ đóng vòng sơ khảo khi đang chấm
            sơ khảo.
          </p>
        )}
      </Section>
    </>
  );
}

/**
 * Every judge scores every entry: per judge (submitted / draft / missing), per entry and judge
 * (the matrix), the spread of the judges' totals per entry and the outliers (a judge 20+
 * points from the others' mean).
 */
function MatrixProgress({ contest, refreshKey }: { contest: Contest; refreshKey: number }) {
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
  if (!data) return loading ? <Loading /> : <ErrorBox error={error} />;
  const { progress } = data;
  const judges = [...progress.judges].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const entryRows = data.entries
    .filter((e) => e.status === 'published' || e.status === 'approved')
    .sort((a, b) => a.teamNumber - b.teamNumber);
  const cellOf = new Map(progress.cells.map((c) => [`${c.judgeId}|${c.entryId}`, c.status]));
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
        return (
          <>
            {s ? CELL[s]!.label : '—'}
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
      <Section title="Phiếu chấm theo sản phẩm" id="ma-tran">
        <p class="small muted">
          <span class="legend cell-ok">Đã nộp</span> <span class="legend cell-warn">Nháp</span>{' '}
          <span class="legend cell-bad">Chưa chấm</span>{' '}
          <span class="legend">— không phân công</span>{' '}
          <span class="legend cell-outlier">Lệch ≥ 20 điểm so với các giám khảo khác</span>
        </p>
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
