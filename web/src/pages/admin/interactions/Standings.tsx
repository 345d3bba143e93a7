import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { type Column, DataTable, FilterSelect } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorBox } from '../../../components/ui';
import { usePagedList } from '../../../components/usePagedList';
import { Field } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { count, dateTime, points } from '../../../format';
import { useAction } from '../../../hooks';
import type { Contest, Standings } from '../types';
import { FLAG_LABELS, sourceLabel } from './labels';

type Row = Standings['entries'][number];

/** Interaction points from the official snapshot, with exclusions and anomaly flags. */
export function StandingsTable(props: {
  contest: Contest;
  standings: Standings;
  onChanged: () => Promise<void>;
}) {
  const s = props.standings;
  const [filter, setFilter] = useState('');
  const list = usePagedList<Standings>(`/contests/${props.contest.id}/interactions`, {
    searchLabel: 'Tìm đội',
    placeholder: 'Số đội, tên đội, tên mô hình',
    filters: { sort: 'rank', filter: filter || undefined },
  });
  const rows = list.data?.entries ?? [];
  // The parent reads the counts again and builds this table anew (key), so its page too.
  const changed = props.onChanged;
  const snapshotTime = new Map(s.snapshots.map((x) => [x.id, x.takenAt]));
  const columns: Column<Row>[] = [
    {
      key: 'rank',
      header: 'Hạng',
      num: true,
      width: '4rem',
      cell: (r) => (r.counts ? r.rank : '—'),
    },
    {
      key: 'team',
      header: 'Đội thi',
      rowHeader: true,
      width: '16rem',
      cell: (r) => (
        <>
          {r.teamNumber}. {r.teamName}
          <div class="muted small">{r.entryName}</div>
        </>
      ),
    },
    {
      key: 'points',
      header: `Điểm (/${points(props.contest.rules.interaction.maxPoints)})`,
      num: true,
      cellClass: () => 'strong',
      cell: (r) => points(r.points),
    },
    { key: 'raw', header: 'Điểm thô', num: true, cell: (r) => count(r.raw) },
    { key: 'reactions', header: 'Thích', num: true, cell: (r) => count(r.counts?.reactions) },
    { key: 'shares', header: 'Chia sẻ', num: true, cell: (r) => count(r.counts?.shares) },
    { key: 'comments', header: 'Bình luận', num: true, cell: (r) => count(r.counts?.comments) },
    {
      key: 'excluded',
      header: 'Loại trừ',
      num: true,
      cell: (r) => (
        <>
          {r.excluded
            ? `−${count(r.excluded.reactions + r.excluded.shares + r.excluded.comments)}`
            : '—'}
          {r.exclusions
            .filter((x) => !x.withdrawnAt)
            .map((x) => (
              <WithdrawExclusion
                key={x.id}
                contestId={props.contest.id}
                exclusion={x}
                onDone={changed}
              />
            ))}
        </>
      ),
    },
    {
      key: 'flags',
      header: 'Cảnh báo',
      cell: (r) => <Flags flags={r.flags} snapshotTime={snapshotTime} />,
    },
  ];
  return (
    <Section title="Bảng điểm tương tác" id="bang-diem">
      <p>
        {s.officialSnapshot ? (
          <>
            Tính từ bản số liệu chính thức lấy lúc{' '}
            <strong data-testid="official-snapshot">{dateTime(s.officialSnapshot.takenAt)}</strong>{' '}
            ({sourceLabel(s.officialSnapshot.source)}).{' '}
          </>
        ) : (
          <StatusBadge tone="warn">Chưa có số liệu.</StatusBadge>
        )}{' '}
        {s.interactionCutoff
          ? `Mốc chốt theo thể lệ: ${dateTime(s.interactionCutoff)} (bản cuối cùng trước mốc này là bản chính thức).`
          : 'Thể lệ không đặt mốc chốt: bản lấy sau cùng là bản chính thức.'}
      </p>
      <ErrorBox error={list.error} />
      <DataTable
        testId="standings"
        caption="Điểm tương tác theo đội thi"
        captionHidden
        columns={columns}
        rows={rows}
        loading={list.loading}
        rowKey={(r) => r.entryId}
        fixedColumns={2}
        stickyHeader
        search={list.search}
        filters={
          <FilterSelect
            label="Lọc"
            value={filter}
            onChange={setFilter}
            options={[
              ['', 'Tất cả'],
              ['flagged', 'Có cảnh báo bất thường'],
              ['excluded', 'Có loại trừ'],
            ]}
          />
        }
        paging={list.paging}
        empty={<EmptyState>Không có đội nào khớp.</EmptyState>}
      />
    </Section>
  );
}

/** Anomaly flags: one badge per kind (with a count), the messages on demand. */
function Flags(props: {
  flags: Standings['entries'][number]['flags'];
  snapshotTime: Map<string, string>;
}) {
  if (props.flags.length === 0) return <span class="muted">—</span>;
  const kinds = new Map<string, number>();
  for (const f of props.flags) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  return (
    <details class="flags">
      <summary>
        {[...kinds].map(([kind, n]) => (
          <StatusBadge key={kind} tone="warn">
            {FLAG_LABELS[kind] ?? kind}
            {n > 1 ? ` ×${n}` : ''}
          </StatusBadge>
        ))}
      </summary>
      <ul>
        {props.flags.map((f, i) => (
          <li key={i}>
            {f.message}{' '}
            {props.snapshotTime.has(f.snapshotId) && (
              <span class="muted">({dateTime(props.snapshotTime.get(f.snapshotId)!)})</span>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function WithdrawExclusion(props: {
  contestId: string;
  exclusion: Standings['entries'][number]['exclusions'][number];
  onDone: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const x = props.exclusion;
  return (
    <div class="small exclusion">
      <span title={x.reason}>
        −{count(x.reactions)} thích, −{count(x.shares)} chia sẻ: {x.reason}
      </span>
      {!open ? (
        <button type="button" class="btn btn-link" onClick={() => setOpen(true)}>
          Hủy loại trừ
        </button>
      ) : (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              await post(`/contests/${props.contestId}/interactions/exclusions/${x.id}/withdraw`, {
                reason: reason.trim(),
              });
              await props.onDone();
            });
          }}
        >
          <Field id={`withdraw-${x.id}`} label="Lý do hủy">
            {(c) => (
              <input
                {...c}
                value={reason}
                minLength={10}
                required
                onInput={(e) => setReason(e.currentTarget.value)}
              />
            )}
          </Field>
          <ApiErrorBox error={action.error} />
          <button class="btn" type="submit" disabled={action.busy}>
            Xác nhận hủy
          </button>
        </form>
      )}
    </div>
  );
}
