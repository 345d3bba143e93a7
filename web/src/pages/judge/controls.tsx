import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { FieldError } from '../../components/Field';
import { PointsInput } from '../../components/PointsInput';
import type { Notice, SyncState } from './outbox';
import { clampH, fmt, type Hundredths } from './points';

/** Parts worth this much or more get ±5 buttons too (a 50-point final part is ~10 taps less). */
const FIVE_FROM: Hundredths = 2000;

/**
 * One score: tap the value and type it (number pad with a decimal comma, checked against the
 * maximum and the step as it is typed), or move it with − / + by the rules' step, ±1 point,
 * ±5 points on parts of 20 points or more, and a slider over the whole range. Every control is
 * at least 44 × 44 px.
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
  const [typing, setTyping] = useState(false);
  const set = (h: Hundredths) => {
    const next = clampH(h, max, step);
    if (next !== value) props.onChange(next);
  };
  const from = value ?? 0;
  const whole = Math.max(step, 100);
  // largest first; a step of 1 point or more is its own "±1" (no two buttons doing the same)
  const amounts = [
    ...new Set(max >= FIVE_FROM && whole < 500 ? [500, whole, step] : [whole, step]),
  ];
  const stepButton = (amount: Hundredths, sign: 1 | -1) => {
    const verb = sign > 0 ? 'Tăng' : 'Giảm';
    const shown =
      amount === step && amount !== whole ? '' : amount % 100 ? fmt(amount) : String(amount / 100);
    const off = sign > 0 ? value !== null && value >= max : value === null || value <= 0;
    return (
      <button
        key={`${sign}${amount}`}
        type="button"
        class={shown ? 'btn jg-step jg-step-big' : 'btn jg-step'}
        aria-label={`${verb} ${fmt(amount)} điểm: ${label}`}
        disabled={disabled || off}
        onClick={() => set(sign > 0 && value === null ? amount : from + sign * amount)}
      >
        {sign > 0 ? '+' : '−'}
        {shown}
      </button>
    );
  };
  return (
    <fieldset class="jg-crit" disabled={disabled} data-testid={`crit-${id}`}>
      <legend id={`${id}-label`}>
        <span class="jg-crit-name">{label}</span>
        <span class="jg-crit-max">tối đa {fmt(max)}</span>
      </legend>
      <div class={`jg-stepper jg-stepper-${amounts.length}`}>
        {amounts.map((a) => stepButton(a, -1))}
        {typing && !disabled ? (
          <TypedValue
            id={id}
            label={label}
            max={max}
            step={step}
            value={value}
            onValue={(h) => h !== value && props.onChange(h)}
            onDone={() => setTyping(false)}
          />
        ) : (
          <button
            type="button"
            class={value === null ? 'jg-value jg-value-empty' : 'jg-value'}
            aria-label={`${value === null ? 'Chưa chấm' : fmt(value)} — chạm để nhập điểm: ${label}`}
            aria-describedby={`${id}-label`}
            data-testid={`value-${id}`}
            disabled={disabled}
            onClick={() => setTyping(true)}
          >
            <output aria-live="polite">{value === null ? 'Chưa chấm' : fmt(value)}</output>
          </button>
        )}
        {[...amounts].reverse().map((a) => stepButton(a, 1))}
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

/**
 * The value being typed: every valid score is taken at once (the total follows the typing and
 * the outbox merges the keystrokes into one save); a text that is not a valid score shows why
 * beside the field and changes nothing. Enter or leaving the field ends the typing; Escape
 * puts back the value from before.
 */
function TypedValue(props: {
  id: string;
  label: string;
  max: Hundredths;
  step: Hundredths;
  value: Hundredths | null;
  onValue: (h: Hundredths) => void;
  onDone: () => void;
}) {
  const { id, label, max, step, value, onValue, onDone } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const before = useRef(value);
  const box = useRef<HTMLDivElement>(null);
  // Focus and select in the render's own task: Preact runs useEffect after the next frame, and
  // a key pressed before that was selected and then replaced by the next one ("42,5" → "2,5").
  useLayoutEffect(() => {
    const el = box.current?.querySelector('input');
    el?.focus();
    el?.select();
  }, []);
  const inputId = `${id}-typed`;
  return (
    <div class="jg-typed" ref={box}>
      <label for={inputId} class="sr-only">
        Nhập điểm: {label} (tối đa {fmt(max)})
      </label>
      <PointsInput
        id={inputId}
        class="jg-value-input"
        aria-describedby={problem ? `${inputId}-err` : undefined}
        aria-invalid={problem ? true : undefined}
        value={value === null ? null : value / 100}
        max={max / 100}
        step={step / 100}
        enterKeyHint="done"
        onChange={(points, _text, why) => {
          setProblem(why);
          if (points !== null) onValue(Math.round(points * 100));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onDone();
          if (e.key === 'Escape') {
            if (before.current !== null) onValue(before.current);
            onDone();
          }
        }}
        onBlur={onDone}
      />
      <FieldError id={`${inputId}-err`} message={problem} />
    </div>
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

/**
 * The tablet's connection as the judge needs to know it: "Có mạng" only when nothing waits
 * or the waiting saves are going out; a queue whose sending fails (Wi-Fi up but the server
 * unreachable, or busy) says so, never "Có mạng".
 */
export function NetStatus(props: { online: boolean; failing: boolean; queued: number }) {
  const { online, failing, queued } = props;
  const waiting = queued > 0 ? ` · ${queued} phiếu chờ gửi` : '';
  const [text, off] = !online
    ? ['Mất mạng', true]
    : failing && queued > 0
      ? ['Không gửi được về máy chủ', true]
      : queued > 0
        ? ['Đang gửi', false]
        : ['Có mạng', false];
  return (
    <p
      class={off ? 'jg-net jg-net-off' : 'jg-net'}
      role="status"
      aria-live="polite"
      data-testid="net"
    >
      {text}
      {waiting}
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

/**
 * Keeps a focused control clear of the sticky total bar: the browser scrolls a control into
 * view just enough to show it, which at the bottom of the screen is under the bar. A control
 * that ends up (partly) behind the bar is scrolled up above it, with a little room.
 */
export function useFocusAboveBar(bar: RefObject<HTMLElement>) {
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const el = e.target as HTMLElement | null;
      if (!el || !bar.current || bar.current.contains(el) || el.closest('dialog')) return;
      requestAnimationFrame(() => {
        const top = bar.current?.getBoundingClientRect().top;
        if (top === undefined) return;
        const below = el.getBoundingClientRect().bottom - (top - 12);
        if (below > 0) scrollBy({ top: below });
      });
    };
    addEventListener('focusin', onFocus);
    return () => removeEventListener('focusin', onFocus);
  }, [bar]);
}
