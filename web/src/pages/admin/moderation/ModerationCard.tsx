import { useState } from 'preact/hooks';
import { ApiError, post } from '../../../api';
import { Field, TextAreaField } from '../../../components/Field';
import { ApiErrorBox, LocalError } from '../../../components/feedback';
import { StatusBadge } from '../../../components/StatusBadge';
import { bytes, dateTime, duration } from '../../../format';
import { useAction } from '../../../hooks';
import { ENTRY_STATUS_LABELS } from '../lib';
import type { Contest, ModerationItem } from '../types';
import { DownloadButton, VideoPreview } from './media';

const FIELD_LABELS: Record<string, string> = {
  name: 'Tên gọi',
  context: 'Bối cảnh ra đời',
  implementation: 'Quá trình triển khai áp dụng',
  benefits: 'Lợi ích mang lại',
};

/** Reasons organisers give most often; any other can be typed. */
const COMMON_REASONS = [
  'Video chưa nêu rõ lợi ích của mô hình.',
  'Đề cương chưa đầy đủ các phần theo thể lệ.',
  'Thời lượng video không đúng quy định.',
  'Mô hình trùng với mô hình đã áp dụng trước ngày chốt.',
];

/** One entry in the queue: its checklist, video and outline, then approve or return. */
export function ModerationCard(props: {
  contest: Contest;
  item: ModerationItem;
  onDone: () => void;
}) {
  const { item, contest } = props;
  const c = item.checklist;
  const [mode, setMode] = useState<'idle' | 'approve' | 'return'>('idle');
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [other, setOther] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const action = useAction();
  const base = `/contests/${contest.id}/entries/${item.id}`;
  const ready = c.videoReady && c.outlineReady && c.infoComplete;
  const { minSeconds, maxSeconds } = contest.rules.video;
  const limits =
    minSeconds !== null || maxSeconds !== null
      ? `${minSeconds !== null ? duration(minSeconds) : '0'} – ${maxSeconds !== null ? duration(maxSeconds) : 'không giới hạn'}`
      : 'không quy định';
  const approve = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      // the version shown: a decision on an entry the team changed since is refused
      await post(`${base}/approve`, {
        version: item.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      props.onDone();
    });
  };
  const sendBack = (e: Event) => {
    e.preventDefault();
    const reasons = [
      ...picked,
      ...other
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
    ];
    if (reasons.length === 0) {
      setLocalError('Cần ít nhất một lý do trả lại.');
      return;
    }
    if (reasons.some((r) => r.length < 3)) {
      setLocalError('Mỗi lý do cần ít nhất 3 ký tự.');
      return;
    }
    setLocalError(null);
    void action.run(async () => {
      await post(`${base}/return`, { version: item.version, reasons });
      props.onDone();
    });
  };
  const headingId = `mod-${item.id}`;
  return (
    <li class="card moderation-item" aria-labelledby={headingId} data-team={item.teamNumber}>
      <div class="section-head">
        <h3 id={headingId}>
          Đội {item.teamNumber}. {item.teamName}
        </h3>
        <StatusBadge tone="warn">{ENTRY_STATUS_LABELS[item.status]}</StatusBadge>
      </div>
      <p>
        <strong>{item.name || '(chưa đặt tên)'}</strong>
        {item.category && <span class="muted"> · {item.category}</span>}
        {item.submittedAt && (
          <span class="muted small"> · nộp lúc {dateTime(item.submittedAt)}</span>
        )}
      </p>
      <div class="moderation-grid">
        <div>
          <h4>Danh mục kiểm tra</h4>
          <ul class="checklist">
            <Check ok={c.videoReady} label="Video clip">
              {item.video
                ? `${item.video.originalName}, ${bytes(item.video.size)}${item.video.durationSeconds ? `, ${duration(item.video.durationSeconds)}` : ''}`
                : 'chưa có'}
            </Check>
            <Check ok={c.outlineReady} label="Đề cương">
              {item.outline
                ? `${item.outline.originalName}, ${bytes(item.outline.size)}`
                : 'chưa có'}
            </Check>
            <Check ok={c.infoComplete} label="Thông tin đầy đủ">
              {c.infoComplete
                ? 'đủ tên gọi, bối cảnh, triển khai, lợi ích'
                : `thiếu: ${c.missing.map((m) => FIELD_LABELS[m] ?? m).join(', ')}`}
            </Check>
            <Check ok={c.originalityDeclared} label="Cam kết tính mới">
              {c.originalityDeclared ? 'đã cam kết' : 'chưa cam kết'}
            </Check>
            <Check ok={c.withinLength} label="Thời lượng video">
              {c.withinLength === null
                ? `chưa xác định được (quy định: ${limits})`
                : `quy định ${limits}`}
            </Check>
            <Check ok={!c.duplicateFlag && c.sameFileAs.length === 0} label="Không trùng lặp">
              {c.duplicateFlag
                ? `đánh dấu trùng: ${c.duplicateFlag}`
                : c.sameFileAs.length
                  ? c.sameFileAs
                      .map(
                        (s) =>
                          `${s.kind === 'video' ? 'video' : 'đề cương'} giống hệt tệp của đội ${s.teamNumber}`,
                      )
                      .join('; ')
                  : 'không thấy tệp trùng'}
            </Check>
          </ul>
          {item.returnReasons.length > 0 && (
            <p class="small muted">Lần trước bị trả lại vì: {item.returnReasons.join(' ')}</p>
          )}
        </div>
        <div>
          {item.video && (
            <VideoPreview
              path={`/contests/${contest.id}/uploads/${item.video.id}/content`}
              name={item.video.downloadName}
              label={`Video của đội ${item.teamNumber}`}
            />
          )}
          {item.outline && (
            <DownloadButton
              path={`/contests/${contest.id}/uploads/${item.outline.id}/content`}
              name={item.outline.downloadName}
              label="Tải đề cương"
            />
          )}
        </div>
      </div>
      <details>
        <summary>Nội dung mô hình</summary>
        <dl class="facts">
          <dt>Bối cảnh ra đời</dt>
          <dd class="prewrap">{item.context || '—'}</dd>
          <dt>Quá trình triển khai áp dụng</dt>
          <dd class="prewrap">{item.implementation || '—'}</dd>
          <dt>Lợi ích mang lại</dt>
          <dd class="prewrap">{item.benefits || '—'}</dd>
        </dl>
      </details>
      <ApiErrorBox error={action.error} />
      {action.error instanceof ApiError && action.error.code === 'ENTRY_CHANGED' && (
        <p class="actions">
          <button type="button" class="btn" onClick={props.onDone}>
            Đóng và tải lại danh sách
          </button>
        </p>
      )}
      <LocalError message={localError} />
      {mode === 'idle' && (
        <p class="actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={!ready}
            title={ready ? undefined : 'Còn thiếu tệp hoặc thông tin'}
            onClick={() => setMode('approve')}
          >
            Duyệt…
          </button>
          <button type="button" class="btn btn-danger" onClick={() => setMode('return')}>
            Trả lại…
          </button>
        </p>
      )}
      {mode === 'approve' && (
        <form class="confirm-box form form-wide" onSubmit={approve}>
          <Field id={`${headingId}-note`} label="Ghi chú khi duyệt (không bắt buộc)">
            {(c) => <input {...c} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <p class="actions">
            <button class="btn btn-primary" type="submit" disabled={action.busy}>
              Xác nhận duyệt đội {item.teamNumber}
            </button>
            <button class="btn" type="button" onClick={() => setMode('idle')}>
              Hủy
            </button>
          </p>
        </form>
      )}
      {mode === 'return' && (
        <form class="confirm-box form form-wide" onSubmit={sendBack}>
          <fieldset>
            <legend>Lý do trả lại (chọn hoặc ghi thêm; đội thi sẽ thấy)</legend>
            {COMMON_REASONS.map((r) => (
              <label class="check" key={r}>
                <input
                  type="checkbox"
                  checked={picked.includes(r)}
                  onChange={(e) =>
                    setPicked(
                      e.currentTarget.checked ? [...picked, r] : picked.filter((x) => x !== r),
                    )
                  }
                />
                {r}
              </label>
            ))}
            <TextAreaField
              id={`${headingId}-other`}
              label="Lý do khác (mỗi dòng một lý do)"
              value={other}
              onValue={setOther}
            />
          </fieldset>
          <p class="actions">
            <button class="btn btn-danger" type="submit" disabled={action.busy}>
              Xác nhận trả lại đội {item.teamNumber}
            </button>
            <button class="btn" type="button" onClick={() => setMode('idle')}>
              Hủy
            </button>
          </p>
        </form>
      )}
    </li>
  );
}

/** One line of the checklist: ✓ / ✗ / ? and the same in words for screen readers. */
function Check(props: { ok: boolean | null; label: string; children: string }) {
  const state = props.ok === null ? 'unknown' : props.ok ? 'ok' : 'bad';
  const word = props.ok === null ? 'chưa rõ' : props.ok ? 'đạt' : 'chưa đạt';
  return (
    <li class={`check-${state}`}>
      <span class="check-icon" aria-hidden="true">
        {props.ok === null ? '?' : props.ok ? '✓' : '✗'}
      </span>
      <span>
        <strong>{props.label}</strong> <span class="sr-only">({word})</span>: {props.children}
      </span>
    </li>
  );
}
