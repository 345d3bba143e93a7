/**
 * When readings are due: pure arithmetic on times, no I/O (the loop that acts on it is
 * fanpage-scheduler.ts). Times are epoch milliseconds.
 */
export interface ScheduleInput {
  now: number;
  /** the organisers' interval in minutes; null: only the reading at the cut-off */
  intervalMinutes: number | null;
  /** the interaction cut-off; null: no official reading, the interval readings only */
  cutoff: number | null;
  /** how long after the cut-off a failed official reading is retried, in minutes */
  cutoffRetryMinutes: number;
  /** readings are taken only from the connection on */
  connectedAt: number;
}

export type DueSlot =
  | { kind: 'cutoff'; scheduledAt: number }
  | { kind: 'scheduled'; scheduledAt: number }
  /** the window after the cut-off has passed: mark the official reading missed */
  | { kind: 'cutoff-missed'; scheduledAt: number };

/**
 * The slots to look at now, most important first: the cut-off reading (from the cut-off until
 * the end of its retry window, then its being missed), then the current interval slot. An
 * interval slot is the current multiple of the interval since the epoch (hourly: on the hour,
 * UTC and Vietnam time alike); slots missed while no instance ran are not read afterwards
 * (counts of the past cannot be read now), only the current one.
 */
export function dueSlots(input: ScheduleInput): DueSlot[] {
  const { now, intervalMinutes, cutoff, cutoffRetryMinutes, connectedAt } = input;
  const slots: DueSlot[] = [];
  if (cutoff !== null && now >= cutoff) {
    const windowEnd = cutoff + cutoffRetryMinutes * 60_000;
    slots.push({ kind: now < windowEnd ? 'cutoff' : 'cutoff-missed', scheduledAt: cutoff });
  }
  if (intervalMinutes && (cutoff === null || now < cutoff)) {
    const step = intervalMinutes * 60_000;
    const slot = Math.floor(now / step) * step;
    if (slot >= Math.floor(connectedAt / step) * step)
      slots.push({ kind: 'scheduled', scheduledAt: slot });
  }
  return slots;
}

/** The next reading the schedule will take after `now` (shown to the organisers). */
export function nextReadingAt(input: ScheduleInput): number | null {
  const { now, intervalMinutes, cutoff } = input;
  const candidates: number[] = [];
  if (intervalMinutes) {
    const step = intervalMinutes * 60_000;
    const next = (Math.floor(now / step) + 1) * step;
    if (cutoff === null || next < cutoff) candidates.push(next);
  }
  if (cutoff !== null && now < cutoff) candidates.push(cutoff);
  return candidates.length ? Math.min(...candidates) : null;
}

/** A failed official reading is tried again after this long (Facebook's throttling lasts minutes). */
export const CUTOFF_RETRY_DELAY_MS = 5 * 60_000;
