import { toHundredths } from '../../engine';
import { formatDateVi, formatPoints, formatVnd, vndInWords } from '../../formats';
import type {
  AwardLine,
  ResultsDocument,
  ResultsVersionMeta,
  TeamResult,
} from '../results-document';

/**
 * Text for the results PDFs: figures the Vietnamese way (64,12 · 6.000.000 đ), dates as in
 * administrative documents, and award labels. Pure string functions, no pdfkit.
 */

/** Options shared by the three renderers. */
export interface PdfOptions {
  /** Place written before the date ("Ngã Bảy, ngày …"); a dotted blank when absent. */
  place?: string;
  /** Issuing body printed top left and on certificates; "BAN TỔ CHỨC HỘI THI" by default. */
  organizer?: string;
}

export const DEFAULT_ORGANIZER = 'BAN TỔ CHỨC HỘI THI';

/** Printed where a figure does not apply (a non-finalist's final score). */
export const NOT_APPLICABLE = '–';

/** Blank for the organiser to fill in by hand on the printed copy. */
export const BLANK = '……';

/** "64.12" → "64,12"; null → "–". Goes through hundredths: no float arithmetic on points. */
export function points(value: string | null, field = 'điểm'): string {
  return value === null ? NOT_APPLICABLE : formatPoints(toHundredths(value, field));
}

/** The budget line of the minutes and the list, with the amount in words as decisions state it. */
export function budgetLine(totalVnd: number): string {
  return `Tổng kinh phí khen thưởng: ${formatVnd(totalVnd)} (bằng chữ: ${vndInWords(totalVnd)})`;
}

/** 6000000 → "6.000.000 đ"; 0 (a giấy khen without money) → "–". */
export function money(amount: number): string {
  return amount === 0 ? NOT_APPLICABLE : formatVnd(amount);
}

/**
 * The date of the documents: the day of the final when known, else the Vietnam date on which
 * the version was frozen (a results version cannot predate its own freezing).
 */
export function documentDate(doc: ResultsDocument, meta: ResultsVersionMeta): string {
  return doc.contest.finalDate ?? meta.frozenAt;
}

/**
 * "Ngã Bảy, ngày 08 tháng 9 năm 2022". Nghị định 30/2020/NĐ-CP: a day below 10 and the months
 * 1 and 2 take a leading zero (so "tháng 01", but "tháng 9"); other months are written as is.
 */
export function placeAndDate(date: string, place: string | undefined): string {
  const [dd, mm, yyyy] = formatDateVi(date).split('/') as [string, string, string];
  const month = Number(mm) < 3 ? mm : String(Number(mm));
  const where = place?.trim() ? place.trim() : '……………';
  return `${where}, ngày ${dd} tháng ${month} năm ${yyyy}`;
}

/** First 12 hex digits: short enough for a footer, long enough to match a version by eye. */
export function shortFingerprint(meta: ResultsVersionMeta): string {
  return meta.fingerprint.slice(0, 12);
}

/** "Giải phụ cá nhân: Đặng Thị Thúy Hằng", "Giải Nhất", "Giải X (Công ty Y tài trợ)". */
export function awardLabel(award: AwardLine): string {
  const who = award.memberName ? `: ${award.memberName}` : '';
  const sponsor = award.sponsor ? ` (${award.sponsor} tài trợ)` : '';
  return `${award.prizeName}${who}${sponsor}`;
}

/** The team of an award (awards only carry the entry id and the team name). */
export function teamOf(doc: ResultsDocument, award: AwardLine): TeamResult | undefined {
  return doc.teams.find((t) => t.entryId === award.entryId);
}

/** Ranked prizes first, then side prizes, sponsors' prizes and giấy khen, as decisions read. */
const KIND_ORDER: readonly AwardLine['kind'][] = ['ranked', 'side', 'sponsor', 'certificate'];

export interface AwardGroup {
  title: string;
  awards: AwardLine[];
}

/**
 * Awards grouped by prize. Within a kind, groups keep the order of the document (the ranking
 * order, so Giải Nhất comes before Giải Nhì); a sponsor's prize is a group per sponsor.
 */
export function awardGroups(awards: readonly AwardLine[]): AwardGroup[] {
  const groups = new Map<string, AwardGroup>();
  for (const kind of KIND_ORDER)
    for (const award of awards.filter((a) => a.kind === kind)) {
      const key = `${kind}|${award.prizeCode}|${award.sponsor ?? ''}`;
      const title = award.sponsor
        ? `${award.prizeName} (${award.sponsor} tài trợ)`
        : award.prizeName;
      const group = groups.get(key) ?? { title, awards: [] };
      group.awards.push(award);
      groups.set(key, group);
    }
  return [...groups.values()];
}

/** Roman numerals for section headings (I, II, …); the documents never need more than ten. */
export function roman(n: number): string {
  const numerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  return numerals[n - 1] ?? String(n);
}
