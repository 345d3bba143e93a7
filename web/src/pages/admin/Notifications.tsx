import { useEffect, useId, useState } from 'preact/hooks';
import { call } from '../../api';
import type { SentNotificationPage } from '../../api-types/routes.gen';
import { Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { OkBox } from '../../components/feedback';
import { statusBadgeOf, StatusBadge } from '../../components/StatusBadge';
import { ErrorBox, Loading } from '../../components/ui';
import { count, dateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { SectionProps } from './lib';
import {
  CHANNEL_LABELS,
  EVENT_LABELS,
  EventType,
  Sent,
  SendStatus,
  STATUS_LABELS,
} from './notifications/labels';
import { RowActions } from './notifications/RowActions';

const PAGE_SIZE = 25;
const Status = statusBadgeOf(STATUS_LABELS);
type Channel = Sent['channel'];

/**
 * What the contest sent to whom: every e-mail and in-app message with its state and the mail
 * server's answer; filters, a search by recipient, server-side pages (a contest has hundreds
 * of people), and resend.
 */
export function Notifications({ contest }: SectionProps) {
  const [status, setStatus] = useState<SendStatus | ''>('');
  const [eventType, setEventType] = useState<EventType | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [ok, setOk] = useState<string | null>(null);
  // search as the person types, once they pause; a new filter starts again at page 1
  useEffect(() => {
    const timer = setTimeout(() => {
      if (typed.trim() === q) return;
      setQ(typed.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const firstPage =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };
  const { data, error, loading, reload } = useLoad(
    () =>
      call<SentNotificationPage>('GET /api/contests/{contestId}/notifications', {
        path: { contestId: contest.id },
        query: {
          page,
          limit: PAGE_SIZE,
          status: status || undefined,
          eventType: eventType || undefined,
          channel: channel || undefined,
          q: q || undefined,
        },
      }),
    [contest.id, page, status, eventType, channel, q],
  );
  const filtered = !!(status || eventType || channel || q);
  const done = (message: string) => {
    setOk(message);
    void reload();
  };
  return (
    <>
      <p class="lead">
        Mọi thư điện tử và thông báo trong ứng dụng đã gửi cho người của hội thi, kèm trả lời của
        máy chủ thư. Thư không gửi được có thể gửi lại sau khi sửa địa chỉ.
      </p>
      {data && <Summary counts={data.counts} onPick={firstPage(setStatus)} />}
      <OkBox message={ok} />
      <ErrorBox error={error} />
      <DataTable<Sent>
        caption="Thông báo đã gửi"
        captionHidden
        testId="sent-notifications"
        stickyHeader
        rows={data?.items ?? []}
        rowKey={(r) => r.id}
        rowAttrs={(r) => ({ 'data-status': r.status })}
        columns={columns(contest.id, done)}
        search={{
          value: typed,
          onSearch: setTyped,
          label: 'Tìm người nhận',
          placeholder: 'Tên hoặc địa chỉ e-mail',
        }}
        filters={
          <>
            <Choice
              label="Trạng thái"
              value={status}
              onChange={firstPage(setStatus)}
              options={STATUS_LABELS}
              all="Mọi trạng thái"
            />
            <Choice
              label="Sự kiện"
              value={eventType}
              onChange={firstPage(setEventType)}
              options={
                Object.fromEntries(
                  Object.entries(EVENT_LABELS).map(([k, label]) => [k, { label }]),
                ) as Record<EventType, { label: string }>
              }
              all="Mọi sự kiện"
            />
            <Choice
              label="Kênh"
              value={channel}
              onChange={firstPage(setChannel)}
              options={{ email: { label: 'E-mail' }, in_app: { label: 'Trong ứng dụng' } }}
              all="Mọi kênh"
            />
            <button type="button" class="btn btn-small" onClick={() => void reload()}>
              Tải lại
            </button>
          </>
        }
        paging={
          data ? { page, pageSize: PAGE_SIZE, total: data.total, onPage: setPage } : undefined
        }
        empty={
          !loading && (
            <EmptyState>
              {filtered ? 'Không có thông báo nào khớp bộ lọc.' : 'Hội thi chưa gửi thông báo nào.'}
            </EmptyState>
          )
        }
      />
      {loading && <Loading />}
    </>
  );
}

function columns(contestId: string, onDone: (message: string) => void): Column<Sent>[] {
  return [
    {
      key: 'who',
      header: 'Người nhận',
      rowHeader: true,
      cell: (r) => (
        <>
          {r.recipientName}
          {r.toAddress && <span class="small muted block">{r.toAddress}</span>}
        </>
      ),
    },
    {
      key: 'event',
      header: 'Sự kiện',
      cell: (r) => (
        <>
          {EVENT_LABELS[r.eventType]}
          {/* the subject without the "[contest name]" every message starts with */}
          <span class="small muted block">{r.title.replace(/^\[[^\]]*\]\s*/, '')}</span>
        </>
      ),
    },
    { key: 'channel', header: 'Kênh', cell: (r) => CHANNEL_LABELS[r.channel] },
    { key: 'status', header: 'Trạng thái', cell: (r) => <Delivery row={r} /> },
    {
      key: 'when',
      header: 'Thời điểm',
      cell: (r) => (
        <>
          <span class="block">Tạo: {dateTime(r.createdAt)}</span>
          {r.sentAt && <span class="block small">Gửi: {dateTime(r.sentAt)}</span>}
          {r.readAt && <span class="block small muted">Đã đọc: {dateTime(r.readAt)}</span>}
        </>
      ),
    },
    {
      key: 'actions',
      header: 'Thao tác',
      hiddenHeader: true,
      cell: (r) => <RowActions contestId={contestId} row={r} onDone={onDone} />,
    },
  ];
}

/** The state, and why: the server's answer of a failure, the attempts of a retry, a bounce. */
function Delivery({ row }: { row: Sent }) {
  return (
    <>
      <Status status={row.status} />
      {row.bounceReason && (
        <span class="small block" data-testid="bounce-reason">
          Bị trả lại{row.bouncedAt ? ` (ghi nhận ${dateTime(row.bouncedAt)})` : ''}:{' '}
          {row.bounceReason}
        </span>
      )}
      {row.channel === 'email' &&
        row.lastResponse &&
        (row.status !== 'sent' || row.bounceReason) && (
          <span class="small block" data-testid="smtp-reply">
            Máy chủ thư trả lời: <code>{row.lastResponse}</code>
          </span>
        )}
      {row.status === 'pending' && row.attempts > 0 && (
        <span class="small muted block">
          Đã thử {row.attempts} lần, thử lại lúc {dateTime(row.nextAttemptAt)}
        </span>
      )}
      {row.resends > 0 && <span class="small muted block">Đã gửi lại {row.resends} lần</span>}
    </>
  );
}

/** "Đã gửi 412 · Đang chờ 3 · Không gửi được 2": a click filters by that state. */
function Summary(props: {
  counts: Record<SendStatus, number>;
  onPick: (status: SendStatus) => void;
}) {
  const order: SendStatus[] = ['failed', 'pending', 'sent'];
  return (
    <p class="actions" aria-label="Số thông báo theo trạng thái">
      {order.map((s) => (
        <button
          type="button"
          key={s}
          class="btn btn-small btn-plain"
          onClick={() => props.onPick(s)}
          aria-label={`${STATUS_LABELS[s].label}: ${count(props.counts[s])} — lọc theo trạng thái này`}
        >
          <StatusBadge tone={props.counts[s] > 0 ? STATUS_LABELS[s].tone : 'neutral'}>
            {STATUS_LABELS[s].label}: {count(props.counts[s])}
          </StatusBadge>
        </button>
      ))}
    </p>
  );
}

function Choice<K extends string>(props: {
  label: string;
  value: K | '';
  onChange: (value: K | '') => void;
  options: Record<K, { label: string }>;
  all: string;
}) {
  const id = useId();
  return (
    <span class="inline-label">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as K | '')}
      >
        <option value="">{props.all}</option>
        {(Object.entries(props.options) as [K, { label: string }][]).map(([k, o]) => (
          <option key={k} value={k}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
