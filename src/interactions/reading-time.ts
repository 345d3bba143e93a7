import { DomainError } from '../common/domain-error';
import { formatDateTimeVi, instantOf } from '../formats';

/**
 * The snapshot that feeds the score: the last one taken at or before the cut-off (or the last
 * one). The cut-off is read as the rules write it: Vietnam time, a date alone to its end.
 */
export function officialSnapshot<T extends { takenAt: Date }>(
  snapshots: T[],
  cutoff: string | null,
): T | null {
  const limit = cutoff ? instantOf(cutoff) : Infinity;
  const eligible = snapshots.filter((s) => s.takenAt.getTime() <= limit);
  return eligible.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime()).at(-1) ?? null;
}

/**
 * The instant a reading's time stands for, read as the rules' dates are: with an offset (or Z)
 * that instant; without, Vietnam wall-clock time (never the server's zone).
 */
export function readingTime(takenAt: string): Date {
  return new Date(instantOf(takenAt));
}

/** A reading may be dated this far ahead of the server's clock (clocks of phones drift). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * A reading dated in the future is a typing mistake that would become the official count for
 * good (snapshots are never deleted, and with no cut-off the latest one counts).
 */
export function isInFuture(takenAt: Date, now: Date): boolean {
  return takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS;
}

/** The time sent with an import or a form: not more than 5 minutes after the server's clock. */
export function assertNotInFuture(takenAt: string, now: Date) {
  if (isInFuture(readingTime(takenAt), now))
    throw DomainError.invalid(
      'TAKEN_AT_IN_FUTURE',
      `Thời điểm lấy số liệu ${formatDateTimeVi(readingTime(takenAt))} ở trong tương lai (giờ máy chủ: ${formatDateTimeVi(now)}). Kiểm tra lại ngày giờ.`,
      'takenAt',
    );
}
