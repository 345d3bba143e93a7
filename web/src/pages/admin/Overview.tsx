import { useState } from 'preact/hooks';
import { get, post } from '../../api';
import { fieldError, TextAreaField } from '../../components/Field';
import { ApiErrorBox, LocalError, OkBox } from '../../components/feedback';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorBox, Link } from '../../components/ui';
import { date, dateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { CloseJudging } from './CloseJudging';
import {
  allowedTransitions,
  CONTEST_STATUSES,
  ENTRY_STATUS_LABELS,
  isBackward,
  ROLE_LABELS,
  SectionProps,
  sectionHref,
  statusLabel,
} from './lib';
import type { Account, ContestStatus, Entry } from './types';

/** Status and lifecycle with the moves allowed from here, plus a few counts. */
export function Overview({ contest, reloadContest }: SectionProps) {
  const index = CONTEST_STATUSES.indexOf(contest.status);
  return (
    <>
      <Section title="Trạng thái hội thi" id="trang-thai">
        <p class="lead" data-testid="contest-status">
          Bước hiện tại: <strong>{statusLabel(contest.status)}</strong>
        </p>
        <ol class="lifecycle" aria-label="Các bước của hội thi">
          {CONTEST_STATUSES.map((s, i) => (
            <li
              key={s}
              class={i < index ? 'done' : i === index ? 'current' : 'todo'}
              aria-current={i === index ? 'step' : undefined}
            >
              <span class="step-no" aria-hidden="true">
                {i < index ? '✓' : i + 1}
              </span>
              <span>
                {statusLabel(s)}
                {i < index && <span class="sr-only"> (đã xong)</span>}
                {i === index && <span class="sr-only"> (bước hiện tại)</span>}
              </span>
            </li>
          ))}
        </ol>
        <Transitions contest={contest} reloadContest={reloadContest} />
      </Section>
      <Numbers contestId={contest.id} />
      <Section title="Thông tin" id="thong-tin">
        <dl class="facts">
          <dt>Tên</dt>
          <dd>{contest.name}</dd>
          <dt>Trang công khai</dt>
          <dd>
            <Link href={`/c/${contest.slug}`}>/c/{contest.slug}</Link> ·{' '}
            <a href={`/c/${contest.slug}/truc-tiep`} target="_blank" rel="noopener noreferrer">
              bảng trực tiếp
            </a>
          </dd>
          <dt>Fanpage</dt>
          <dd>
            {contest.fanpageUrl ? (
              <a href={contest.fanpageUrl} target="_blank" rel="noopener noreferrer">
                {contest.fanpageUrl}
              </a>
            ) : (
              <StatusBadge tone="warn">Chưa nhập</StatusBadge>
            )}
          </dd>
          <dt>Ngày chốt tính mới của mô hình</dt>
          <dd>{date(contest.rules.dates.originalityCutoff)}</dd>
          <dt>Hạn nộp sản phẩm</dt>
          <dd>
            {contest.rules.dates.submissionDeadline
              ? dateTime(contest.rules.dates.submissionDeadline)
              : 'Không đặt hạn'}
          </dd>
          <dt>Thời điểm chốt lượt tương tác</dt>
          <dd>
            {contest.rules.dates.interactionCutoff
              ? dateTime(contest.rules.dates.interactionCutoff)
              : 'Lần nhập số liệu gần nhất'}
          </dd>
          <dt>Phiên bản thể lệ</dt>
          <dd>{contest.rulesVersion}</dd>
        </dl>
      </Section>
    </>
  );
}

/**
 * The buttons for the allowed moves. Three forward moves have their own, checked operation
 * and are sent there: publish-all, closing the preliminary round, and the four-eyes
 * publication of results. Going back always asks for a reason.
 */
function Transitions({ contest, reloadContest }: SectionProps) {
  const moves = allowedTransitions(contest.status);
  const [target, setTarget] = useState<ContestStatus | null>(null);
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();
  const backward = target ? isBackward(contest.status, target) : false;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!target) return;
    if (backward && reason.trim().length < 5) {
      setLocalError('Quay lại bước trước cần ghi rõ lý do (ít nhất 5 ký tự).');
      return;
    }
    setLocalError(null);
    void action.run(async () => {
      await post(`/contests/${contest.id}/transitions`, {
        to: target,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      const done = `Đã chuyển hội thi sang bước "${statusLabel(target)}".`;
      setTarget(null);
      setReason('');
      await reloadContest();
      return done;
    });
  };
  if (moves.length === 0) return <p class="muted">Hội thi đã ở bước cuối cùng.</p>;
  return (
    <div class="transitions">
      <OkBox message={action.ok} />
      {!target && (
        <div class="actions">
          {moves.map((to) => {
            const back = isBackward(contest.status, to);
            if (!back && contest.status === 'moderation' && to === 'published')
              return (
                <p key={to} class="note">
                  Bước tiếp theo: <strong>{statusLabel(to)}</strong> — dùng nút “Đăng tải đồng loạt”
                  ở mục{' '}
                  <Link href={sectionHref(contest.id, 'kiem-duyet')}>Kiểm duyệt và đăng tải</Link>{' '}
                  (kiểm tra địa chỉ bài đăng của mọi sản phẩm đã duyệt).
                </p>
              );
            if (!back && contest.status === 'judging' && to === 'final')
              return <CloseJudging key={to} contestId={contest.id} onClosed={reloadContest} />;
            if (!back && contest.status === 'final' && to === 'results_published')
              return (
                <p key={to} class="note">
                  Bước tiếp theo: <strong>{statusLabel(to)}</strong> — chốt kết quả rồi một thành
                  viên Ban tổ chức khác phê duyệt ở mục{' '}
                  <Link href={sectionHref(contest.id, 'ket-qua')}>Kết quả</Link>.
                </p>
              );
            return (
              <button
                key={to}
                type="button"
                class={back ? 'btn btn-danger' : 'btn btn-primary'}
                onClick={() => {
                  action.reset();
                  setTarget(to);
                }}
              >
                {back ? `Quay lại bước: ${statusLabel(to)}` : `Chuyển sang: ${statusLabel(to)}`}
              </button>
            );
          })}
        </div>
      )}
      {target && (
        <form
          class="confirm-box form"
          onSubmit={submit}
          aria-label="Xác nhận chuyển bước"
          noValidate
        >
          <p>
            Chuyển hội thi từ <strong>{statusLabel(contest.status)}</strong> sang{' '}
            <strong>{statusLabel(target)}</strong>?
          </p>
          <ApiErrorBox error={action.error} inline={['reason']} />
          <LocalError message={localError} />
          <TextAreaField
            id="transition-reason"
            label={backward ? 'Lý do quay lại (bắt buộc)' : 'Ghi chú (không bắt buộc)'}
            error={fieldError(action.error, 'reason')}
            value={reason}
            required={backward}
            onValue={setReason}
          />
          <p class="actions">
            <button class="btn btn-primary" type="submit" disabled={action.busy}>
              Xác nhận chuyển bước
            </button>
            <button
              class="btn"
              type="button"
              onClick={() => {
                setTarget(null);
                setLocalError(null);
              }}
            >
              Hủy
            </button>
          </p>
        </form>
      )}
    </div>
  );
}

function Numbers({ contestId }: { contestId: string }) {
  const { data, error } = useLoad(async () => {
    const [entries, accounts] = await Promise.all([
      get<Entry[]>(`/contests/${contestId}/entries`),
      get<Account[]>(`/contests/${contestId}/accounts`),
    ]);
    return { entries, accounts };
  }, [contestId]);
  if (error) return <ErrorBox error={error} />;
  if (!data) return null;
  const byStatus = new Map<string, number>();
  for (const e of data.entries) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  const byRole = new Map<string, number>();
  for (const a of data.accounts) byRole.set(a.role, (byRole.get(a.role) ?? 0) + 1);
  return (
    <Section title="Số liệu nhanh" id="so-lieu">
      <div class="stat-grid">
        <div class="stat">
          <span class="stat-value">{data.entries.length}</span>
          <span class="stat-label">sản phẩm dự thi</span>
        </div>
        {[...byStatus].map(([s, n]) => (
          <div class="stat" key={s}>
            <span class="stat-value">{n}</span>
            <span class="stat-label">{ENTRY_STATUS_LABELS[s] ?? s}</span>
          </div>
        ))}
        {[...byRole].map(([r, n]) => (
          <div class="stat" key={r}>
            <span class="stat-value">{n}</span>
            <span class="stat-label">tài khoản {ROLE_LABELS[r]?.toLowerCase() ?? r}</span>
          </div>
        ))}
      </div>
    </Section>
  );
}
