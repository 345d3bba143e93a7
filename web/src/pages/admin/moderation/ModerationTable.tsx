import { useState } from 'preact/hooks';
import { type Column, DataTable, FilterSelect } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox } from '../../../components/ui';
import { usePagedList } from '../../../components/usePagedList';
import { dateTime } from '../../../format';
import { ENTRY_STATUS_LABELS } from '../lib';
import type { Contest, ModerationItem } from '../types';
import { BulkApprove } from './BulkApprove';

export const PROBLEM_LABELS: Record<string, string> = {
  video: 'Thiếu video',
  outline: 'Thiếu đề cương',
  info: 'Thiếu thông tin',
  originality: 'Chưa cam kết tính mới',
  length: 'Sai thời lượng',
  duplicate: 'Nghi trùng lặp',
};

const STATUS_FILTERS: [string, string][] = [
  ['awaiting', 'Chờ kiểm duyệt'],
  ['all', 'Tất cả'],
  ['approved', ENTRY_STATUS_LABELS.approved!],
  ['returned', ENTRY_STATUS_LABELS.returned!],
  ['draft', 'Chưa nộp (bản nháp)'],
  ['published', ENTRY_STATUS_LABELS.published!],
];

const PROBLEM_FILTERS: [string, string][] = [
  ['', 'Tất cả'],
  ['any', 'Có vấn đề'],
  ['none', 'Đạt hết'],
  ...Object.entries(PROBLEM_LABELS),
];

/**
 * The moderation list as a compact table: status and checklist filters, search, pages of 25;
 * tick entries (across pages) and approve them in one go; "Xem" opens an entry's detail.
 */
export function ModerationTable(props: {
  contest: Contest;
  openId: string | null;
  onOpen: (item: ModerationItem) => void;
  onChanged: () => Promise<void>;
}) {
  const [status, setStatus] = useState('awaiting');
  const [problem, setProblem] = useState('');
  const [selected, setSelected] = useState<Map<string, number>>(new Map());
  const list = usePagedList<ModerationItem[]>(`/contests/${props.contest.id}/moderation`, {
    searchLabel: 'Tìm',
    placeholder: 'Số đội, tên đội, tên mô hình',
    filters: { status, problem: problem || undefined },
  });
  const rows = list.data ?? [];
  const toggle = (item: ModerationItem, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(item.id, item.teamNumber);
    else next.delete(item.id);
    setSelected(next);
  };
  const awaiting = (i: ModerationItem) => i.status === 'submitted' || i.status === 'resubmitted';
  const pageSelectable = rows.filter(awaiting);
  const allOnPage = pageSelectable.length > 0 && pageSelectable.every((i) => selected.has(i.id));
  const columns: Column<ModerationItem>[] = [
    {
      key: 'pick',
      header: (
        <input
          type="checkbox"
          aria-label="Chọn mọi sản phẩm chờ duyệt của trang này"
          checked={allOnPage}
          disabled={pageSelectable.length === 0}
          onChange={(e) => {
            const next = new Map(selected);
            for (const i of pageSelectable)
              if (e.currentTarget.checked) next.set(i.id, i.teamNumber);
              else next.delete(i.id);
            setSelected(next);
          }}
        />
      ),
      center: true,
      cell: (i) => (
        <input
          type="checkbox"
          aria-label={`Chọn đội ${i.teamNumber}`}
          checked={selected.has(i.id)}
          disabled={!awaiting(i)}
          onChange={(e) => toggle(i, e.currentTarget.checked)}
        />
      ),
    },
    {
      key: 'team',
      header: 'Đội thi',
      rowHeader: true,
      cell: (i) => `${i.teamNumber}. ${i.teamName}`,
    },
    { key: 'name', header: 'Mô hình', cell: (i) => i.name || '(chưa đặt tên)' },
    {
      key: 'status',
      header: 'Trạng thái',
      cell: (i) => (
        <StatusBadge tone={awaiting(i) ? 'warn' : i.status === 'returned' ? 'danger' : 'ok'}>
          {ENTRY_STATUS_LABELS[i.status]}
        </StatusBadge>
      ),
    },
    {
      key: 'checklist',
      header: 'Danh mục kiểm tra',
      cell: (i) =>
        i.problems.length === 0 ? (
          <StatusBadge tone="ok">Đạt</StatusBadge>
        ) : (
          <span class="badges">
            {i.problems.map((p) => (
              <StatusBadge key={p} tone="danger">
                {PROBLEM_LABELS[p] ?? p}
              </StatusBadge>
            ))}
          </span>
        ),
    },
    {
      key: 'submitted',
      header: 'Nộp lúc',
      cell: (i) => (i.submittedAt ? dateTime(i.submittedAt) : '—'),
    },
    {
      key: 'open',
      header: 'Chi tiết',
      hiddenHeader: true,
      cell: (i) => (
        <button
          type="button"
          class="btn btn-small"
          aria-pressed={props.openId === i.id}
          onClick={() => props.onOpen(i)}
        >
          Xem<span class="sr-only"> đội {i.teamNumber}</span>
        </button>
      ),
    },
  ];
  return (
    <>
      <ErrorBox error={list.error} />
      <BulkApprove
        contestId={props.contest.id}
        selected={selected}
        onClear={() => setSelected(new Map())}
        onDone={async () => {
          await Promise.all([list.reload(), props.onChanged()]);
        }}
      />
      <DataTable
        class="compact moderation-table"
        testId="moderation"
        label="Sản phẩm dự thi cần kiểm duyệt"
        columns={columns}
        rows={rows}
        loading={list.loading}
        rowKey={(i) => i.id}
        rowClass={(i) => (i.id === props.openId ? 'row-open' : undefined)}
        rowAttrs={(i) => ({ 'data-team': String(i.teamNumber) })}
        stickyHeader
        search={list.search}
        filters={
          <>
            <FilterSelect
              label="Trạng thái"
              value={status}
              onChange={setStatus}
              options={STATUS_FILTERS}
            />
            <FilterSelect
              label="Danh mục kiểm tra"
              value={problem}
              onChange={setProblem}
              options={PROBLEM_FILTERS}
            />
          </>
        }
        paging={list.paging}
        empty={
          <EmptyState>
            {status === 'awaiting' && !problem && !list.search.value
              ? 'Không có sản phẩm nào chờ kiểm duyệt.'
              : 'Không có sản phẩm nào khớp bộ lọc.'}
          </EmptyState>
        }
      />
    </>
  );
}
