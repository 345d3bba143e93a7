// Points on the tablet are integer hundredths (12,75 → 1275): sums and steps are exact, and
// a value goes back to the API as h / 100, which the server reads back to the same integer.
import { points } from '../../format';

export type Hundredths = number;

/** "12.50" (API decimal text) or 12.5 → 1250; null for anything that is not a score. */
export function toH(value: string | number | null | undefined): Hundredths | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    const h = Math.round(value * 100);
    return h / 100 === value ? h : null;
  }
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1275 → "12,75"; null → "—". */
export const fmt = (h: Hundredths | null | undefined): string =>
  h === null || h === undefined ? '—' : points(h / 100);

/** Sum of the values that are present (integers, exact). */
export const sumH = (values: (Hundredths | null | undefined)[]): Hundredths =>
  values.reduce<number>((s, v) => s + (v ?? 0), 0);

/** Clamps into 0..max and snaps down to a multiple of the step. */
export function clampH(h: Hundredths, max: Hundredths, step: Hundredths): Hundredths {
  const c = Math.min(max, Math.max(0, Math.round(h)));
  return step > 0 ? c - (c % step) : c;
}
