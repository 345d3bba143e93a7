import type { Notice, SyncState } from './outbox';
import { clampH, fmt, type Hundredths } from './points';

/**
 * One score: big − / + steppers moving by the rules' step, ±1 point, and a slider over the
 * whole range. Every control is at least 44 × 44 px; no text box to type into.
 */
export function ScoreControl(props: {
  id: string;
  label: string;
  max: Hundredths;
  step: Hundredths;
  value: Hundredths | null;
  disabled?: boolean;
  onChange: (h: Hundredths) => void;
}) {
  const { id, label, max, step, value, disabled } = props;
  const set = (h: Hundredths) => {
    const next = clampH(h, max, step);
    if (next !== value) props.onChange(next);
  };
  const from = value ?? 0;
  const whole = Math.max(step, 100);
  return (
    <fieldset class="jg-crit" disabled={disabled} data-testid={`crit-${id}`}>
      <legend id={`${id}-label`}>
        <span class="jg-crit-name">{label}</span>
        <span class="jg-crit-max">tối đa {fmt(max)}</span>
      </legend>
      <div class="jg-stepper">
        <button
          type="button"
          class="btn jg-step jg-step-big"
          aria-label={`Giảm ${fmt(whole)} điểm: ${label}`}
          disabled={disabled || value === null || value <= 0}
          onClick={() => set(from - whole)}
        >
          −{whole === 100 ? '1' : fmt(whole)}
        </button>
        <button
          type="button"
          class="btn jg-step"
          aria-label={`Giảm ${fmt(step)} điểm: ${label}`}
          disabled={disabled || value === null || value <= 0}
          onClick={() => set(from - step)}
        >
          −
        </button>
        <output
          class={value === null ? 'jg-value jg-value-empty' : 'jg-value'}
          aria-live="polite"
          aria-labelledby={`${id}-label`}
          data-testid={`value-${id}`}
        >
          {value === null ? 'Chưa chấm' : fmt(value)}
        </output>
        <button
          type="button"
          class="btn jg-step"
          aria-label={`Tăng ${fmt(step)} điểm: ${label}`}
          disabled={disabled || (value !== null && value >= max)}
          onClick={() => set(value === null ? step : from + step)}
        >
          +
        </button>
        <button
          type="button"
          class="btn jg-step jg-step-big"
          aria-label={`Tăng ${fmt(whole)} điểm: ${label}`}
          disabled={disabled || (value !== null && value >= max)}
          onClick={() => set(from + whole)}
        >
          +{whole === 100 ? '1' : fmt(whole)}
        </button>
      </div>
      <input
        type="range"
        class={value === null ? 'jg-slider jg-slider-empty' : 'jg-slider'}
        min={0}
        max={max / 100}
        step={step / 100}
        value={from / 100}
        aria-label={`${label}: kéo để chọn điểm từ 0 đến ${fmt(max)}`}
        aria-valuetext={value === null ? 'Chưa chấm' : `${fmt(value)} điểm`}
        onInput={(e) => set(Math.round(Number(e.currentTarget.value) * 100))}
      />
      <div class="jg-scale" aria-hidden="true">
        <span>0</span>
        <span>{fmt(step > 0 ? Math.floor(max / 2 / step) * step : Math.floor(max / 2))}</span>
        <span>{fmt(max)}</span>
      </div>
    </fieldset>
  );
}

const SYNC_TEXT: Record<SyncState, string> = {
  idle: 'Đã lưu',
  saving: 'Đang lưu…',
  queued: 'Chưa gửi được — sẽ tự gửi khi có mạng',
};

/** The visible save state of one card: Đã lưu / Đang lưu… / Chưa gửi được… / Đã nộp. */
export function SyncBadge(props: {
  state: SyncState;
  submitted: boolean;
  submitQueued: boolean;
  empty: boolean;
}) {
  const { state, submitted, submitQueued, empty } = props;
  let text = SYNC_TEXT[state];
  let cls = state === 'idle' ? 'ok' : state === 'saving' ? 'busy' : 'warn';
  if (submitted && state === 'idle') {
    text = 'Đã nộp';
    cls = 'ok';
  } else if (submitQueued) {
    text = state === 'queued' ? 'Chưa gửi được — sẽ tự nộp khi có mạng' : 'Đang nộp…';
  } else if (empty && state === 'idle') {
    text = 'Chưa chấm';
    cls = 'none';
  }
  return (
    <p class={`jg-sync jg-sync-${cls}`} role="status" aria-live="polite" data-testid="sync">
      <span class="jg-sync-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

/** A message the server sent back for good (locked card, closed round, merge): must be read. */
export function NoticeBox(props: { notice: Notice | null; onDismiss: () => void }) {
  if (!props.notice) return null;
  return (
    <div class="alert alert-error jg-notice" role="alert">
      <span>{props.notice.message}</span>
      <button type="button" class="btn" onClick={props.onDismiss}>
        Đã hiểu
      </button>
    </div>
  );
}
