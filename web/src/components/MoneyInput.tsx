import { useEffect, useState } from 'preact/hooks';
import type { ControlProps } from './Field';

/** 6000000 → "6.000.000" (Vietnamese thousands, no unit). */
export const groupDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** "6.000.000 đ", "6000000", " 6 000 000" → 6000000; "" → null. Anything but digits is dropped. */
export function parseMoneyText(text: string): number | null {
  const digits = text.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  if (!digits) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

/**
 * An amount in whole đồng, written as it is read: the dots appear while typing
 * ("6.000.000 đ"), the value handed on is the integer 6000000 (null when empty). The caret
 * stays after the same digit when dots come and go.
 */
export function MoneyInput(
  props: ControlProps & {
    value: number | null;
    onChange: (vnd: number | null) => void;
    disabled?: boolean;
    placeholder?: string;
  },
) {
  const { value, onChange, disabled, placeholder, ...control } = props;
  const shown = (v: number | null) => (v === null ? '' : groupDigits(String(v)));
  const [text, setText] = useState(() => shown(value));
  // A value set from outside (undo, reload) replaces what is shown.
  useEffect(() => {
    if (parseMoneyText(text) !== value) setText(shown(value));
  }, [value]);
  return (
    <span class="input-with-unit">
      <input
        {...control}
        inputMode="numeric"
        autoComplete="off"
        value={text}
        disabled={disabled}
        placeholder={placeholder}
        onInput={(e) => {
          const input = e.currentTarget;
          const caret = input.selectionStart ?? input.value.length;
          const digitsBefore = input.value.slice(0, caret).replace(/\D/g, '').length;
          const parsed = parseMoneyText(input.value);
          const next = shown(parsed);
          input.value = next;
          setText(next);
          const at = caretAfter(next, digitsBefore);
          input.setSelectionRange(at, at);
          onChange(parsed);
        }}
      />
      <span class="input-unit" aria-hidden="true">
        đ
      </span>
    </span>
  );
}

/** The position just after the n-th digit of a grouped number. */
function caretAfter(text: string, digits: number): number {
  if (digits === 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (/\d/.test(text[i]!)) seen++;
    if (seen === digits) return i + 1;
  }
  return text.length;
}
