// Helpers of the organiser console: dates typed the Vietnamese way, labels and the console's
// sections. (Multipart uploads and authenticated downloads are in web/src/files.ts.)
import { StatusBadge as Badge, type Tone } from '../../components/StatusBadge';
import {
  CONTEST_STATUS_LABELS,
  CONTEST_STATUSES,
  allowedTransitions,
  isBackward,
} from '../../../../src/contests/contest-status';
import type { Contest, ContestStatus } from './types';

export { CONTEST_STATUS_LABELS, CONTEST_STATUSES, allowedTransitions, isBackward };

export const statusLabel = (s: ContestStatus) => CONTEST_STATUS_LABELS[s] ?? s;

/**
 * What an organiser types, the Vietnamese way: "30/08/2022 17:00" (or "30/8/2022 17h00") →
 * "2022-08-30T17:00"; a date alone ("31/12/2021") → "2021-12-31" when `dateOnly`. Null when
 * it is not a real date.
 */
export function parseViDate(text: string, dateOnly = false): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})\s*[:hH]\s*(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y, h = '0', mi = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const day = Number(d);
  const month = Number(mo);
  const year = Number(y);
  const hour = Number(h);
  const minute = Number(mi);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  if (!dateOnly && m[4] === undefined) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  const datePart = `${year}-${two(month)}-${two(day)}`;
  return dateOnly ? datePart : `${datePart}T${two(hour)}:${two(minute)}`;
}

/** "2022-08-30T17:00" → "30/08/2022 17:00"; "2021-12-31" → "31/12/2021". */
export function viLocalText(local: string): string {
  const [date, time] = local.split('T');
  const [y, m, d] = date!.split('-');
  return `${d}/${m}/${y}${time ? ` ${time.slice(0, 5)}` : ''}`;
}

/** A Vietnam wall-clock "2022-08-30T17:00" (datetime-local) → ISO with +07:00. */
export function vietnamIso(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}+07:00`;
}

/** An instant → "2022-08-30T17:00" in Vietnam time, for a datetime-local input. */
export function vietnamLocal(iso: string | Date): string {
  const ms = (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + 7 * 3_600_000;
  return new Date(ms).toISOString().slice(0, 16);
}

export const ROLE_LABELS: Record<string, string> = {
  organiser: 'Ban tổ chức',
  judge: 'Giám khảo',
  team: 'Đội thi',
};

export const ENTRY_STATUS_LABELS: Record<string, string> = {
  draft: 'Bản nháp',
  submitted: 'Đã nộp, chờ duyệt',
  returned: 'Bị trả lại',
  resubmitted: 'Nộp lại, chờ duyệt',
  approved: 'Đã duyệt',
  published: 'Đã đăng tải',
};

export const UNIT_KIND_LABELS: Record<string, string> = {
  phong: 'Phòng',
  ban: 'Ban',
  nganh: 'Ngành',
  xa: 'Xã',
  phuong: 'Phường',
  khac: 'Khác',
};

/** The contest's step: done (green), under way (amber), not started (grey). */
export function ContestStatusBadge({ status }: { status: ContestStatus }) {
  const tone: Tone =
    status === 'results_published' || status === 'archived'
      ? 'ok'
      : status === 'draft'
        ? 'neutral'
        : 'warn';
  return <Badge tone={tone}>{statusLabel(status)}</Badge>;
}

/** Short human name of an entry: "Đội 5 · Tên đội". */
export function teamLabel(e: { teamNumber: number; teamName: string } | undefined): string {
  return e ? `${e.teamNumber}. ${e.teamName}` : '—';
}

/** The sections of a contest, in the order the work happens. */
export const SECTIONS = [
  { slug: '', label: 'Tổng quan' },
  { slug: 'thiet-lap', label: 'Thiết lập và thể lệ' },
  { slug: 'doi-thi', label: 'Đơn vị, đội thi, tài khoản' },
  { slug: 'dang-ky', label: 'Đăng ký hàng loạt' },
  { slug: 'kiem-duyet', label: 'Kiểm duyệt và đăng tải' },
  { slug: 'tuong-tac', label: 'Lượt tương tác' },
  { slug: 'so-khao', label: 'Chấm sơ khảo' },
  { slug: 'chung-khao', label: 'Điều khiển chung khảo' },
  { slug: 'ket-qua', label: 'Kết quả' },
  { slug: 'thong-bao', label: 'Thông báo đã gửi' },
] as const;
export type SectionSlug = (typeof SECTIONS)[number]['slug'];

export const sectionHref = (contestId: string, slug: SectionSlug) =>
  slug ? `/btc/${contestId}/${slug}` : `/btc/${contestId}`;

/** What every section receives. */
export interface SectionProps {
  contest: Contest;
  reloadContest: () => Promise<void>;
}
