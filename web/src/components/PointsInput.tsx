import { useEffect, useState } from 'preact/hooks';
import { points as formatPoints } from '../format';
import type { ControlProps } from './Field';

/**
 * "12,75" (or "12.75", "12", "12," while the decimals are still being typed) → 1275 hundredths; null when it is not a score with at most two
 * decimals. Integer hundredths keep the max and step checks exact (0,1 + 0,2 is 0,3 here).
 */
export function parsePointsText(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Why a typed score is not acceptable, in Vietnamese; null when it is. */
export function pointsProblem(
  text: string,
  limits: { max?: number | null; step?: number | null },
): string | null {
  if (!text.trim()) return null;
  const h = parsePointsText(text);
  if (h === null) return 'Viết điểm bằng số, phần thập phân sau dấu phẩy (ví dụ 12,75).';
  const max = limits.max !== null && limits.max !== undefined ? Math.round(limits.max * 100) : null;
  const step = limits.step ? Math.round(limits.step * 100) : null;
  if (max !== null && h > max) return `Tối đa ${formatPoints(max / 100)} điểm.`;
  if (step && h % step !== 0) return `Điểm phải là bội số của ${formatPoints(step / 100)}.`;
  return null;
}

/** 0.25 → "0,25"; 70 → "70". */
const shown = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));

/**
 * A score typed on a keyboard: decimal comma, `inputmode="decimal"` (the number pad with a
 * separator on phones and tablets), checked against `max` and `step` as it is typed. The
 * value handed on is a number of points (12.75), or null with the reason when the text is not
 * a valid score; `problem` is that reason, for the field's error.
 */
export function PointsInput(
  props: ControlProps & {
    value: number | null;
    onChange: (value: number | null, text: string, problem: string | null) => void;
    max?: number | null;
    step?: number | null;
    disabled?: boolean;
    placeholder?: string;
    class?: string;
    enterKeyHint?: 'done' | 'next' | 'enter';
    onKeyDown?: (e: KeyboardEvent) => void;
    onBlur?: () => void;
  },
) {
  const { value, onChange, max, step, disabled, placeholder, ...control } = props;
  const [text, setText] = useState(() => shown(value));
  // A value set from outside replaces the text; a null (text being typed) never wipes it.
  useEffect(() => {
    const h = parsePointsText(text);
    if (value !== null && (h === null || h / 100 !== value)) setText(shown(value));
  }, [value]);
  return (
    <input
      {...control}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      disabled={disabled}
      placeholder={placeholder}
      onInput={(e) => {
        const raw = e.currentTarget.value;
        setText(raw);
        const problem = pointsProblem(raw, { max, step });
        const h = parsePointsText(raw);
        onChange(problem || h === null ? null : h / 100, raw, problem);
      }}
    />
  );
}
