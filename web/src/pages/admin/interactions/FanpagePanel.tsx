import { useState } from 'preact/hooks';
import { get, post, put } from '../../../api';
import type { FanpageConnectionView, FanpageReadingView } from '../../../api-types/routes.gen';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox, ProblemBox, WarnBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge, type Tone } from '../../../components/StatusBadge';
import { dateTime } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import type { Contest } from '../types';
import { IMPORT_PHASES } from './labels';

const INTERVALS: [string, string][] = [
  ['', 'Chỉ đọc đúng thời điểm chốt'],
  ['30', 'Mỗi 30 phút'],
  ['60', 'Mỗi giờ'],
  ['120', 'Mỗi 2 giờ'],
  ['360', 'Mỗi 6 giờ'],
  ['1440', 'Mỗi ngày'],
];

/** Facebook's error 190: the warning at the top of the panel says it (TOKEN_EXPIRED). */
const TOKEN_REFUSED = 'GRAPH_TOKEN_INVALID';

const STATUS: Record<FanpageReadingView['status'], { label: string; tone: Tone }> = {
  done: { label: 'Đã đọc', tone: 'ok' },
  failed: { label: 'Lỗi', tone: 'danger' },
  retrying: { label: 'Đang thử lại', tone: 'warn' },
  missed: { label: 'Không đọc được: nhập bằng tệp', tone: 'danger' },
};
const KIND: Record<FanpageReadingView['kind'], string> = {
  scheduled: 'Theo lịch',
  cutoff: 'Thời điểm chốt (chính thức)',
  manual: 'Đọc ngay',
};

/**
 * The contest's fanpage read by the platform itself: the organiser pastes a Page access token
 * (checked with Facebook, kept encrypted, never shown again), sets how often to read, and sees
 * each reading, its problems and what to do. The readings appear in the chart below as
 * snapshots of source "Graph API". A token about to expire, or expired/refused, is announced
 * first (the server's tokenWarning), so the organisers connect the page again in time; a
 * token Facebook refused is told there only, not again in the problem box or the read's result.
 */
export function FanpagePanel({
  contest,
  onRead,
}: {
  contest: Contest;
  onRead: () => Promise<void>;
}) {
  const base = `/contests/${contest.id}/fanpage`;
  const { data, error, reload } = useLoad(async () => {
    const [connection, readings] = await Promise.all([
      get<FanpageConnectionView>(base),
      get<FanpageReadingView[]>(`${base}/readings`),
    ]);
    return { connection, readings };
  }, [contest.id]);
  const [token, setToken] = useState('');
  const [version, setVersion] = useState('v23.0');
  const [pageId, setPageId] = useState('');
  const [every, setEvery] = useState('60');
  const connect = useAction();
  const readNow = useAction();
  const [lastRead, setLastRead] = useState<FanpageReadingView | null>(null);
  const c = data?.connection;

  const doConnect = (e: Event) => {
    e.preventDefault();
    void connect.run(async () => {
      const saved = await put<FanpageConnectionView>(base, {
        token: token.trim(),
        apiVersion: version.trim(),
        ...(pageId.trim() ? { pageId: pageId.trim() } : {}),
        intervalMinutes: every ? Number(every) : null,
      });
      setToken('');
      setLastRead(null); // a reading taken before connecting again says nothing about now
      await reload();
      return `Đã kết nối fanpage “${saved.pageName ?? ''}”.`;
    });
  };
  const doRead = () => {
    setLastRead(null);
    void readNow.run(async () => {
      const reading = await post<FanpageReadingView>(`${base}/readings`);
      await Promise.all([reload(), onRead()]);
      setLastRead(reading);
    });
  };
  // the token warning (TOKEN_EXPIRED) already says that Facebook refused the token
  const problem =
    c?.problem?.code === TOKEN_REFUSED && c.tokenWarning?.code === 'TOKEN_EXPIRED'
      ? null
      : c?.problem;

  return (
    <Section title="Đọc số liệu tự động từ fanpage" id="fanpage">
      <ApiErrorBox error={error} />
      {c?.tokenWarning && (
        <WarnBox message={c.tokenWarning.message} testId="fanpage-token-warning">
          <p>Cách xử lý: kết nối lại fanpage. {c.tokenWarning.action}</p>
        </WarnBox>
      )}
      {c?.connected ? (
        <dl class="facts" data-testid="fanpage-connection">
          <dt>Trang</dt>
          <dd>
            {c.pageName} ({c.pageId})
          </dd>
          <dt>Phiên bản Graph API</dt>
          <dd>{c.apiVersion}</dd>
          <dt>Hạn mã truy cập</dt>
          <dd>
            {c.tokenExpiresAt
              ? dateTime(c.tokenExpiresAt)
              : c.tokenExpiryKnown
                ? 'Không hết hạn'
                : 'Facebook không cho biết'}
          </dd>
          <dt>Lịch đọc</dt>
          <dd>
            {c.intervalMinutes ? `Mỗi ${c.intervalMinutes} phút` : 'Chỉ thời điểm chốt'}
            {c.interactionCutoff ? ` · chốt lúc ${dateTime(c.interactionCutoff)}` : ''}
          </dd>
          <dt>Lần đọc tới</dt>
          <dd>{c.nextReadingAt ? dateTime(c.nextReadingAt) : '—'}</dd>
        </dl>
      ) : (
        <p>
          Chưa kết nối. Dán mã truy cập của trang (Page access token có quyền
          pages_read_engagement): hệ thống kiểm tra với Facebook, lưu mã đã mã hoá và không bao giờ
          hiển thị lại.
        </p>
      )}
      {problem && (
        <ProblemBox message={problem.message}>
          <p>Cách xử lý: {problem.action}</p>
        </ProblemBox>
      )}
      <form class="form" onSubmit={doConnect}>
        <Field
          id="fanpage-token"
          label={c?.connected ? 'Mã truy cập mới (để thay mã cũ)' : 'Mã truy cập trang'}
          required
          error={fieldError(connect.error, 'token')}
        >
          {(ctl) => (
            <input
              {...ctl}
              type="password"
              autoComplete="off"
              spellcheck={false}
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="fanpage-version"
          label="Phiên bản Graph API"
          hint="Ví dụ v23.0"
          error={fieldError(connect.error, 'apiVersion')}
        >
          {(ctl) => (
            <input
              {...ctl}
              value={version}
              size={8}
              onInput={(e) => setVersion(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="fanpage-page"
          label="Mã số trang (Page ID), không bắt buộc"
          hint="Nếu điền, mã truy cập phải là của đúng trang này."
          error={fieldError(connect.error, 'pageId')}
        >
          {(ctl) => (
            <input
              {...ctl}
              inputMode="numeric"
              value={pageId}
              onInput={(e) => setPageId(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="fanpage-interval" label="Lịch đọc trong thời gian bình chọn">
          {(ctl) => (
            <select {...ctl} value={every} onChange={(e) => setEvery(e.currentTarget.value)}>
              {INTERVALS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ApiErrorBox error={connect.error} inline={['token', 'apiVersion', 'pageId']} />
        <OkBox message={connect.ok} />
        <p class="actions">
          <button type="submit" class="btn btn-primary" disabled={connect.busy || !token.trim()}>
            Kiểm tra và lưu
          </button>
          {c?.connected && IMPORT_PHASES.includes(contest.status) && (
            <button type="button" class="btn" disabled={readNow.busy} onClick={doRead}>
              Đọc số liệu ngay
            </button>
          )}
        </p>
      </form>
      <ApiErrorBox error={readNow.error} />
      <ReadNowResult reading={lastRead} problemShown={problem?.code ?? null} />
      {data && data.readings.length > 0 && (
        <table class="compact" data-testid="fanpage-readings">
          <caption>Các lần đọc gần nhất</caption>
          <thead>
            <tr>
              <th scope="col">Thời điểm</th>
              <th scope="col">Loại</th>
              <th scope="col">Kết quả</th>
              <th scope="col">Bài chưa đọc được</th>
              <th scope="col">SHA-256 câu trả lời</th>
            </tr>
          </thead>
          <tbody>
            {data.readings.slice(0, 10).map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.scheduledAt)}</td>
                <td>{KIND[r.kind]}</td>
                <td>
                  <StatusBadge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</StatusBadge>
                  {r.problemMessage && <div class="small">{r.problemMessage}</div>}
                </td>
                <td>
                  {r.unread.length
                    ? r.unread.map((u) => `Đội ${u.teamNumber}`).join(', ')
                    : 'Không'}
                </td>
                <td>
                  <code title={r.responsesSha256 ?? ''}>
                    {r.responsesSha256?.slice(0, 12) ?? '—'}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Posts left unread named in the warning; the readings table lists them all. */
const UNREAD_NAMED = 10;

/**
 * What "Đọc số liệu ngay" answered. Green only when every post was read; posts left unread are
 * a warning that counts and names them; a reading Facebook refused is an alert. A refused token
 * points to the warning at the top of the panel, and a problem the connection's box already
 * shows (with what to do) is pointed to, so no message is read twice.
 */
function ReadNowResult({
  reading,
  problemShown,
}: {
  reading: FanpageReadingView | null;
  problemShown: string | null;
}) {
  if (!reading) return null;
  const at = dateTime(reading.scheduledAt);
  if (reading.status === 'done') {
    const { unread } = reading;
    if (unread.length === 0) return <OkBox message={`Đã đọc số liệu lúc ${at}.`} />;
    return (
      <WarnBox
        message={`Đã đọc số liệu lúc ${at}, nhưng còn ${unread.length} bài chưa đọc được; số liệu của ${unread.length === 1 ? 'đội' : 'các đội'} dưới đây chưa được cập nhật từ Facebook.`}
      >
        <ul class="alert-list">
          {unread.slice(0, UNREAD_NAMED).map((u) => (
            <li key={u.entryId}>
              Đội {u.teamNumber} – {u.teamName}: {u.reason}
            </li>
          ))}
          {unread.length > UNREAD_NAMED && (
            <li>… và {unread.length - UNREAD_NAMED} bài khác (xem bảng các lần đọc).</li>
          )}
        </ul>
      </WarnBox>
    );
  }
  if (reading.problemCode === TOKEN_REFUSED)
    return <WarnBox message="Không đọc được số liệu: xem cảnh báo về mã truy cập ở đầu mục." />;
  if (reading.problemCode && reading.problemCode === problemShown)
    return (
      <ProblemBox message={`Không đọc được số liệu lúc ${at}: xem lỗi và cách xử lý ở trên.`} />
    );
  return (
    <ProblemBox
      message={`Không đọc được số liệu lúc ${at}: ${reading.problemMessage ?? 'Facebook không trả lời.'}`}
    />
  );
}
