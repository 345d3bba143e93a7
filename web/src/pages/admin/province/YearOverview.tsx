import { useEffect } from 'preact/hooks';
import { call } from '../../../api';
import type { ContestYearSummaryView, YearOverviewView } from '../../../api-types/routes.gen';
import { Column, DataTable } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox, Link, Loading } from '../../../components/ui';
import { count, date, dateTime } from '../../../format';
import { useLoad } from '../../../hooks';
import { navigate } from '../../../router';
import { ContestStatusBadge } from '../lib';
import { CopyContest } from './CopyContest';

type Summary = ContestYearSummaryView;

/**
 * The province administrator's page: every contest of a year on one screen, where each stands
 * and what needs someone's attention, with a way to start a new contest from an old one.
 */
export function YearOverview({ year }: { year: number | null }) {
  const { data, error, loading } = useLoad(
    () =>
      call<YearOverviewView>('GET /api/province/contests', {
        query: { year: year ?? undefined },
      }),
    [year],
  );
  useEffect(() => {
    if (data) document.title = `Các hội thi năm ${data.year}`;
  }, [data]);
  const attention = data?.contests.filter((c) => c.attention.length > 0).length ?? 0;
  return (
    <main class="page page-wide console year-page" id="noi-dung">
      <p>
        <Link href="/btc">← Chọn hội thi</Link>
      </p>
      <h1>Các hội thi năm {data?.year ?? year ?? ''}</h1>
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && (
        <>
          <div class="actions">
            <span class="inline-label">
              <label for="year-pick">Năm</label>
              <select
                id="year-pick"
                value={data.year}
                onChange={(e) => navigate(`/btc/nam/${e.currentTarget.value}`)}
              >
                {data.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </span>
            <span class="muted" data-testid="year-summary">
              {count(data.contests.length)} hội thi · {count(attention)} hội thi cần chú ý
            </span>
          </div>
          <DataTable<Summary>
            caption={`Các hội thi năm ${data.year}`}
            captionHidden
            testId="year-contests"
            class="year-table"
            rows={data.contests}
            rowKey={(c) => c.id}
            columns={COLUMNS}
            stickyHeader
            empty={<EmptyState>Năm {data.year} chưa có hội thi nào.</EmptyState>}
          />
        </>
      )}
    </main>
  );
}

/** A rules date: a day, or a day and time (Vietnam time). */
const when = (iso: string | null) => (!iso ? '—' : iso.length <= 10 ? date(iso) : dateTime(iso));

const COLUMNS: Column<Summary>[] = [
  {
    key: 'name',
    header: 'Hội thi',
    rowHeader: true,
    cell: (c) => (
      <>
        <Link href={`/btc/${c.id}`}>{c.name}</Link>
        <span class="block small muted">Tạo ngày {date(c.createdAt)}</span>
        <CopyContest source={c} />
      </>
    ),
  },
  { key: 'status', header: 'Bước', cell: (c) => <ContestStatusBadge status={c.status} /> },
  {
    key: 'dates',
    header: 'Các hạn',
    cell: (c) => (
      <dl class="mini-facts">
        <dt>Nộp sản phẩm</dt>
        <dd>{when(c.dates.submissionDeadline)}</dd>
        <dt>Chốt tương tác</dt>
        <dd>{when(c.dates.interactionCutoff)}</dd>
        <dt>Chấm sơ khảo</dt>
        <dd>{when(c.dates.judgingDeadline)}</dd>
      </dl>
    ),
  },
  {
    key: 'entries',
    header: 'Sản phẩm',
    cell: (c) => (
      <dl class="mini-facts">
        <dt>Tổng</dt>
        <dd>{count(c.entries.total)}</dd>
        <dt>Chờ duyệt</dt>
        <dd>{count((c.entries.submitted ?? 0) + (c.entries.resubmitted ?? 0))}</dd>
        <dt>Đã duyệt/đăng</dt>
        <dd>{count((c.entries.approved ?? 0) + (c.entries.published ?? 0))}</dd>
      </dl>
    ),
  },
  {
    key: 'people',
    header: 'Đội / giám khảo',
    num: true,
    cell: (c) => `${count(c.teams)} / ${count(c.judges)}`,
  },
  {
    key: 'cards',
    header: 'Phiếu chấm nộp/giao',
    num: true,
    cell: (c) =>
      c.scorecards.expected
        ? `${count(c.scorecards.submitted)}/${count(c.scorecards.expected)}`
        : '—',
  },
  {
    key: 'attention',
    header: 'Cần chú ý',
    cell: (c) =>
      c.attention.length ? (
        <ul class="plain-list">
          {c.attention.map((a) => (
            <li key={a.code}>
              <StatusBadge tone={a.level === 'danger' ? 'danger' : 'warn'}>
                {a.level === 'danger' ? 'Gấp' : 'Lưu ý'}
              </StatusBadge>{' '}
              <Link href={a.section ? `/btc/${c.id}/${a.section}` : `/btc/${c.id}`}>
                {a.message}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <span class="muted">Không có</span>
      ),
  },
];
