import type { Ref } from 'preact';
import { StatusBadge } from '../../components/StatusBadge';
import { dateTime } from '../../format';
import {
  CONTEST_STATUS_LABELS,
  type ContestView,
  type EntryStatus,
  type EntryView,
  STATUS_HELP,
  STATUS_LABELS,
  STATUS_TONES,
  TEAM_EDITABLE,
} from './model';

/**
 * Where the entry stands: its state in words, what happens next, the organisers' reasons
 * when it was returned, the contest's phase and the deadline, and why the form is locked.
 */
export function StatusPanel(props: {
  contest: ContestView;
  entry: EntryView | null;
  status: EntryStatus;
  okText: string | null;
  lockedReason: string | null;
  boxRef: Ref<HTMLElement>;
}) {
  const { contest, entry, status } = props;
  const deadline = contest.rules.dates.submissionDeadline;
  return (
    <section
      class={`card tp-status tp-status-${status}`}
      aria-labelledby="tp-status-title"
      ref={props.boxRef}
      tabIndex={-1}
    >
      <div class="tp-status-row">
        <h2 id="tp-status-title">Trạng thái</h2>
        <StatusBadge tone={STATUS_TONES[status]} class="tp-badge" testId="entry-status">
          {STATUS_LABELS[status]}
        </StatusBadge>
      </div>
      {props.okText && (
        <p class="alert alert-ok" role="status">
          {props.okText}
        </p>
      )}
      <p>{STATUS_HELP[status]}</p>
      {entry?.submittedAt && status !== 'draft' && (
        <p class="muted small">Nộp lần gần nhất: {dateTime(entry.submittedAt)}.</p>
      )}
      {status === 'returned' && entry && entry.returnReasons.length > 0 && (
        <div class="tp-reasons" role="note" aria-label="Lý do trả lại">
          <h3>Ban tổ chức trả lại với lý do:</h3>
          <ul>
            {entry.returnReasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {status === 'published' && entry?.postUrl && (
        <p>
          <a href={entry.postUrl} target="_blank" rel="noopener noreferrer">
            Xem bài đăng trên fanpage hội thi
          </a>
        </p>
      )}
      <dl class="tp-phase">
        <div>
          <dt>Giai đoạn của hội thi</dt>
          <dd data-testid="contest-phase">{CONTEST_STATUS_LABELS[contest.status]}</dd>
        </div>
        <div>
          <dt>Hạn nộp sản phẩm</dt>
          <dd>{deadline ? dateTime(deadline) : 'Theo thông báo của Ban tổ chức'}</dd>
        </div>
      </dl>
      {props.lockedReason && TEAM_EDITABLE.includes(status) && (
        <p class="alert tp-locked" role="status">
          {props.lockedReason}
        </p>
      )}
    </section>
  );
}
