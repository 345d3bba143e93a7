import { useRef } from 'preact/hooks';
import { useAnnounce } from '../../components/announcer';
import { bytes, dateTime, duration } from '../../format';
import type { UploadKind } from './model';
import type { UploadJob, UploadView } from './upload';

/** "45,3%" */
export function percent(sent: number, total: number): string {
  if (!total) return '0%';
  const p = Math.min(100, (sent / total) * 100);
  return `${p >= 100 ? '100' : p.toFixed(1).replace('.', ',')}%`;
}

/** Phases whose note is said through the app's live region when the upload enters them. */
const SAID: UploadView['phase'][] = ['checking', 'offer-resume', 'retrying', 'paused', 'done'];

const speedText = (bps: number | null) => (bps === null ? 'đang đo tốc độ…' : `${bytes(bps)}/s`);

/**
 * One upload on its way: the bar, sent / total, speed and time left, and what the team can
 * do now (pause, continue, resume an earlier upload, cancel), or why the file was refused.
 */
export function UploadProgress({
  view,
  job,
  kind,
  onCancel,
  onDismiss,
}: {
  view: UploadView;
  job: UploadJob | null;
  kind: UploadKind;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { phase } = view;
  // A refused file (too large, wrong type…): its bytes are gone, so no bar, just the reason.
  const refused = phase === 'error' && !view.problem?.canResume;
  const pct = percent(view.sent, view.total);
  const label = `Tiến độ tải lên ${view.fileName}`;
  // the phase's note (one at a time); each new retry is said again
  const box = useRef<HTMLDivElement>(null);
  useAnnounce(
    SAID.includes(phase) ? `${phase} ${view.retry?.attempt ?? ''}` : null,
    () => box.current?.querySelector<HTMLElement>('[data-said]')?.innerText,
  );
  return (
    <div class={`tp-progress tp-progress-${phase}`} data-testid={`${kind}-upload`} ref={box}>
      <div class="tp-progress-head">
        <span class="tp-progress-name">{view.fileName}</span>
        {!refused && (
          <span class="tp-progress-pct" data-testid={`${kind}-percent`}>
            {pct}
          </span>
        )}
      </div>
      {!refused && (
        <progress class="progress" max={view.total || 1} value={view.sent} aria-label={label}>
          {pct}
        </progress>
      )}
      <p class="tp-progress-meta small">
        {refused ? bytes(view.total) : `${bytes(view.sent)} / ${bytes(view.total)}`}
        {phase === 'uploading' && (
          <>
            {' · '}
            <span data-testid={`${kind}-speed`}>{speedText(view.speed)}</span>
            {view.sent >= view.total ? (
              <> · máy chủ đang kiểm tra tệp…</>
            ) : (
              view.etaSeconds !== null && <> · còn khoảng {duration(view.etaSeconds)}</>
            )}
          </>
        )}
      </p>

      {phase === 'checking' && (
        <p class="muted small" data-said>
          Đang kiểm tra tệp…
        </p>
      )}

      {phase === 'offer-resume' && view.previous && (
        <div class="alert tp-offer">
          <p data-said>
            Tệp này đã được tải lên dở dang
            {view.previous.offset > 0
              ? `: đã lên ${percent(view.previous.offset, view.previous.size)} (${bytes(view.previous.offset)})`
              : ''}
            {view.previous.createdAt
              ? `, bắt đầu lúc ${dateTime(new Date(view.previous.createdAt))}`
              : ''}
            .
          </p>
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={() => job?.resume()}>
              Tiếp tục tải lên
            </button>
            <button type="button" class="btn" onClick={() => void job?.restart()}>
              Tải lên lại từ đầu
            </button>
          </div>
        </div>
      )}

      {phase === 'retrying' && view.retry && (
        <div class="alert tp-retry" data-said>
          <strong>Mất kết nối.</strong> Phần đã tải lên vẫn được giữ; hệ thống tự động thử lại
          {view.retry.delayMs >= 1000
            ? ` sau ${duration(view.retry.delayMs / 1000)}`
            : ''} (lần {view.retry.attempt}).{' '}
          <button type="button" class="btn btn-link" onClick={() => job?.proceed()}>
            Thử lại ngay
          </button>
        </div>
      )}

      {phase === 'paused' && (
        <p class="muted small" data-said>
          Đã tạm dừng. Phần đã tải lên được giữ lại trên máy chủ.
        </p>
      )}

      {phase === 'error' && view.problem && (
        <div class="alert alert-error tp-problem" role="alert">
          <p>
            <strong>{view.problem.title}.</strong> {view.problem.message}
          </p>
          {refused && (
            <button type="button" class="btn btn-link" onClick={onDismiss}>
              Đóng thông báo
            </button>
          )}
        </div>
      )}

      {phase === 'done' && (
        <p class="muted small" data-said>
          Đã nhận đủ tệp, đang cập nhật…
        </p>
      )}

      {(phase === 'uploading' ||
        phase === 'retrying' ||
        phase === 'paused' ||
        view.problem?.canResume) && (
        <div class="actions">
          {phase === 'uploading' || phase === 'retrying' ? (
            <button type="button" class="btn" onClick={() => job?.pause()}>
              <span aria-hidden="true">❚❚ </span>Tạm dừng
            </button>
          ) : (
            <button type="button" class="btn btn-primary" onClick={() => job?.proceed()}>
              <span aria-hidden="true">▶ </span>Tiếp tục
            </button>
          )}
          {(phase === 'paused' || phase === 'error') && (
            <button type="button" class="btn btn-danger" onClick={onCancel}>
              Hủy tải lên
            </button>
          )}
        </div>
      )}
    </div>
  );
}
