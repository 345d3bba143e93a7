import type { Cell } from '../spreadsheets/sheet-row';

/** Vietnam has one offset all year (no daylight saving): a time without a zone is UTC+07:00. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
/** Days from Excel's day 0 (30/12/1899) to 01/01/1970. */
const EXCEL_EPOCH_DAYS = 25_569;

const VIETNAMESE =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * When the counts of a row were read, from a "Thời điểm" cell: "30/08/2022 17:00",
 * "30/08/2022" (midnight), "2022-08-30 17:00", ISO 8601 with or without a zone, or an Excel
 * date number. A time without a zone is Vietnam's. Returns null for anything else, including
 * dates that do not exist (31/02) and years outside 2000–2099.
 */
export function parseTakenAt(raw: Cell): Date | null {
  if (raw === null) return null;
  if (typeof raw === 'number') return fromExcelSerial(raw);
  const text = raw.trim();
  const vi = VIETNAMESE.exec(text);
  if (vi) return wallClock(+vi[3]!, +vi[2]!, +vi[1]!, +(vi[4] ?? 0), +(vi[5] ?? 0), +(vi[6] ?? 0));
  const iso = ISO.exec(text);
  if (!iso) return null;
  const local = wallClock(
    +iso[1]!,
    +iso[2]!,
    +iso[3]!,
    +(iso[4] ?? 0),
    +(iso[5] ?? 0),
    +(iso[6] ?? 0),
  );
  if (!local || !iso[7]) return local;
  const zone = iso[7].toUpperCase();
  if (zone === 'Z') return new Date(local.getTime() + VIETNAM_OFFSET_MS);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = +digits.slice(2);
  if (hours > 14 || minutes > 59) return null;
  const offset = sign * (hours * 60 + minutes) * 60_000;
  return new Date(local.getTime() + VIETNAM_OFFSET_MS - offset);
}

/** The instant of a Vietnam wall-clock time, or null if that time does not exist. */
function wallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | null {
  if (year < 2000 || year > 2099 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - VIETNAM_OFFSET_MS);
}

/** An Excel serial date (days since 30/12/1899, the fraction is the time of day), in Vietnam. */
function fromExcelSerial(serial: number): Date | null {
  if (!Number.isFinite(serial)) return null;
  const wall = Math.round((serial - EXCEL_EPOCH_DAYS) * 86_400) * 1000; // to the second
  const year = new Date(wall).getUTCFullYear();
  if (year < 2000 || year > 2099) return null;
  return new Date(wall - VIETNAM_OFFSET_MS);
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
