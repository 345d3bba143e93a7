// Vietnamese display formats, shared with the server: one implementation of 64,12 ·
// 6.000.000 đ · dd/mm/yyyy (pure functions from the scoring engine).
import {
  formatDateTimeVi,
  formatDateVi,
  formatPoints,
  formatVnd,
} from '../../src/formats/vietnamese';
import { toHundredths } from '../../src/engine/decimal';

/** "64.12" (API decimal string) or 64.12 → "64,12"; null → "—". */
export function points(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatPoints(toHundredths(value));
}

export const money = (vnd: number) => formatVnd(vnd);
export const date = (iso: string | Date) => formatDateVi(iso);
export const dateTime = (iso: string | Date) => formatDateTimeVi(iso);

/** 1536000 → "1,5 MB" (Vietnamese decimal comma). */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1).replace('.', ',')} ${units[i]}`;
}

/** seconds → "1 giờ 05 phút", "3 phút 20 giây", "45 giây". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h} giờ ${String(m).padStart(2, '0')} phút`;
  if (m) return `${m} phút ${String(sec).padStart(2, '0')} giây`;
  return `${sec} giây`;
}

/** mm:ss for timers. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** 12345 → "12.345" (Vietnamese thousands); null → "—". */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "64.12" / 64.12 → number (for sorting and charts); null stays null. */
export function num(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A number typed the Vietnamese way ("0,25", "6.000.000") or the other; text when unreadable. */
export function parseInputNumber(raw: string): number | string {
  const text = raw.trim().replace(/\s/g, '');
  if (text === '') return '';
  if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : raw;
}

/** Number → the text a person reads and types: 0.25 → "0,25". */
export function numberText(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n).replace('.', ',');
}
