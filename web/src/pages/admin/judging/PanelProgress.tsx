import { useEffect, useState } from 'preact/hooks';
import { get } from '../../../api';
import type { JudgingProgressListView } from '../../../api-types/routes.gen';
import { type Column, DataTable } from '../../../components/DataTable';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox, Loading } from '../../../components/ui';
import { points } from '../../../format';
import { useLoad } from '../../../hooks';
import type { Contest } from '../types';
import { ProgressLegend } from './ProgressLegend';

type ProgressList = JudgingProgressListView;
type Row = ProgressList['items'][number];
type JudgeRow = ProgressList['judges'][number];
type State = 'all' | 'incomplete' | 'complete' | 'outliers';

const PAGE = 50;
const STATE_LABELS: Record<State, string> = {
  all: 'Tất cả',
  incomplete: 'Còn thiếu phiếu',
  complete: 'Đủ phiếu',
  outliers: 'Có giám khảo lệch',
};
const CARD_LABELS: Record<string, string> = {
  submitted: 'đã nộp',
  draft: 'nháp',
  missing: 'chưa chấm',
};

/**
 * Judging progress per panel for large contests: a page of entries at a time, each with its
 * judges and their cards (missing, draft, submitted with the total), the spread and the
 * outliers of that panel; searched (team number, team, unit, judge; accents optional) and
 * filtered by state and judge on the server. Counts per judge cover the whole contest.
 */
export function PanelProgress(props: { contest: Contest; refreshKey: number }) {
  const { contest } = props;
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [state, setState] = useState<State>('all');
  const [judgeId, setJudgeId] = useState('');
  // search after a short pause in typing, not on every key
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const query = new URLSearchParams({ page: String(page), limit: String(PAGE), state });
  if (search) query.set('search', search);
  if (judgeId) query.set('judgeId', judgeId);
  const list = useLoad(
    () => get<ProgressList>(`/contests/${contest.id}/judging/progress/entries?${query.toString()}`),
    [contest.id, query.toString(), props.refreshKey],
  );
  useEffect(() => {
    if (contest.status !== 'judging') return;
    const timer = setInterval(() => void list.reload(), 30_000);
    return () => clearInterval(timer);
  }, [contest.status, list.reload]);
  const data = list.data;
  if (!data) return list.loading ? <Loading /> : <ErrorBox error={list.error} />;

  const judgeColumns: Column<JudgeRow>[] = [
    { key: 'name', header: 'Giám khảo', rowHeader: true, cell: (j) => j.displayName },
    { key: 'submitted', header: 'Đã nộp', num: true, cell: (j) => j.submitted },
    { key: 'draft', header: 'Nháp', num: true, cell: (j) => j.draft },
    {
      key: 'missing',
      header: 'Chưa chấm',
      num: true,
      cellClass: (j) => (j.missing > 0 ? 'warn-text strong' : undefined),
      cell: (j) => j.missing,
    },
  ];
  const columns: Column<Row>[] = [
    {
      key: 'team',
      header: 'Sản phẩm',
      rowHeader: true,
      cell: (r) => (
        <>
          {r.teamNumber}. {r.teamName}
          <span class="small muted block">{r.unitName}</span>
        </>
      ),
    },
    {
      key: 'judges',
      header: 'Tiểu ban: giám khảo và phiếu chấm',
      cell: (r) => (
        <ul class="panel-cards">
          {r.judges.map((j) => (
            <li key={j.judgeId} class={`card-${j.status}${j.outlier ? ' cell-outlier' : ''}`}>
              {j.displayName}: {j.total ? points(j.total) : CARD_LABELS[j.status]}
              {j.outlier && <strong class="outlier-mark"> · lệch</strong>}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'submitted',
      header: 'Đã nộp',
      num: true,
      cell: (r) => `${r.submitted}/${r.assigned}`,
    },
    {
      key: 'spread',
      header: 'Chênh lệch',
      num: true,
      cellClass: (r) => (r.outliers.length ? 'strong warn-text' : undefined),
      cell: (r) => (r.spread ? points(r.spread) : '—'),
    },
  ];
  const { counts } = data;
  return (
    <>
      <Section title="Tiến độ theo giám khảo" id="tien-do">
        <p data-testid="panel-progress-summary">
          {counts.complete}/{counts.all} sản phẩm đủ phiếu · {counts.incomplete} còn thiếu ·{' '}
          {counts.outliers} có giám khảo lệch.{' '}
          {counts.incomplete === 0 && counts.all > 0 ? (
            <StatusBadge tone="ok">Đã đủ phiếu chấm</StatusBadge>
          ) : (
            <StatusBadge tone="warn">Chưa đủ phiếu chấm</StatusBadge>
          )}
        </p>
        {data.judges.length === 0 ? (
          <p class="muted">Chưa phân công giám khảo.</p>
        ) : (
          <DataTable
            class="compact"
            label="Tiến độ theo giám khảo"
            stickyHeader
            columns={judgeColumns}
            rows={data.judges}
            rowKey={(j) => j.judgeId}
          />
        )}
      </Section>
      <Section title="Phiếu chấm theo tiểu ban" id="theo-tieu-ban">
        <ProgressLegend totals rows="có giám khảo lệch: nên xem lại" />
        <DataTable
          class="compact panel-progress"
          testId="panel-progress"
          label="Phiếu chấm theo tiểu ban"
          stickyHeader
          columns={columns}
          rows={data.items}
          rowKey={(r) => r.entryId}
          rowClass={(r) => (r.outliers.length ? 'row-flag' : undefined)}
          search={{
            value: typed,
            onSearch: setTyped,
            label: 'Tìm số báo danh, đội, đơn vị, giám khảo',
          }}
          filters={
            <>
              <label class="inline-label">
                Trạng thái
                <select
                  value={state}
                  onChange={(e) => {
                    setState(e.currentTarget.value as State);
                    setPage(1);
                  }}
                >
                  {(Object.keys(STATE_LABELS) as State[]).map((s) => (
                    <option key={s} value={s}>
                      {STATE_LABELS[s]} ({counts[s]})
                    </option>
                  ))}
                </select>
              </label>
              <label class="inline-label">
                Giám khảo
                <select
                  value={judgeId}
                  onChange={(e) => {
                    setJudgeId(e.currentTarget.value);
                    setPage(1);
                  }}
                >
                  <option value="">Mọi giám khảo</option>
                  {data.judges.map((j) => (
                    <option key={j.judgeId} value={j.judgeId}>
                      {j.displayName}
                    </option>
                  ))}
                </select>
              </label>
            </>
          }
          paging={{ page, pageSize: PAGE, total: data.total, onPage: setPage }}
          empty={<p class="muted">Không có sản phẩm phù hợp.</p>}
        />
      </Section>
    </>
  );
}
