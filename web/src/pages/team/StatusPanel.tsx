import type { Ref } from 'preact';
import { OkBox } from '../../components/feedback';
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
  TEAM_PHASES,
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
  // A form locked by the phase or the deadline never tells the team to submit before it.
  const locked = !!props.lockedReason && TEAM_EDITABLE.includes(status);
  const help = locked ? LOCKED_HELP[status] : STATUS_HELP[status];
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
      <OkBox message={props.okText} />
      <p data-testid="status-help">{help}</p>
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
          <dd data-testid="deadline">{deadlineText(contest)}</dd>
        </div>
      </dl>
      {locked && (
        <p class="alert tp-locked" role="status">
          {props.lockedReason}
        </p>
      )}
    </section>
  );
}

/** What the team can do with an editable-state entry whose form is locked. */
const LOCKED_HELP: Partial<Record<EntryStatus, string>> = {
  draft: 'Biểu mẫu đang khóa (lý do ở dưới), nên đội chưa nộp được sản phẩm.',
  returned:
    'Ban tổ chức đã trả lại sản phẩm với các lý do dưới đây, nhưng biểu mẫu đã khóa (lý do ở dưới) nên đội không nộp lại được trên cổng này. Nếu vẫn cần bổ sung, hãy liên hệ Ban tổ chức.',
};

/** The deadline as the team needs it: the date (and whether it has passed), or why none. */
function deadlineText(contest: ContestView): string {
  const deadline = contest.rules.dates.submissionDeadline;
  if (deadline)
    return Date.now() > Date.parse(deadline)
      ? `${dateTime(deadline)} (đã qua)`
      : dateTime(deadline);
  if (['draft', 'registration'].includes(contest.status))
    return 'Ban tổ chức sẽ thông báo khi mở nhận sản phẩm';
  return TEAM_PHASES.includes(contest.status)
    ? 'Chưa ấn định (Ban tổ chức sẽ thông báo)'
    : 'Đã kết thúc nhận sản phẩm';
}
