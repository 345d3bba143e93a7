import type { Contest } from '../contests/contest.entity';
import type { EntryView } from './entries.service';
import type { EntryStatus } from './entry.entity';

/** The moderation checklist of one entry, as the queue and each review record it. */
export interface Checklist {
  videoReady: boolean;
  outlineReady: boolean;
  infoComplete: boolean;
  missing: string[];
  originalityDeclared: boolean;
  /** null when the duration is unknown (no ffprobe) or the rules set no limits */
  withinLength: boolean | null;
  duplicateFlag: string | null;
  /** Other entries holding a byte-identical file (same SHA-256). */
  sameFileAs: { entryId: string; teamNumber: number; kind: 'video' | 'outline' }[];
}

/** The problems a list of entries can be filtered by (`problem=` on the moderation list). */
export const CHECKLIST_PROBLEMS = [
  'video',
  'outline',
  'info',
  'originality',
  'length',
  'duplicate',
] as const;
export type ChecklistProblem = (typeof CHECKLIST_PROBLEMS)[number];

const INFO_LABELS: Record<string, string> = {
  name: 'Tên gọi',
  context: 'Bối cảnh ra đời',
  implementation: 'Quá trình triển khai áp dụng',
  benefits: 'Lợi ích mang lại',
};

export const STATUS_WORDS: Record<EntryStatus, string> = {
  draft: 'bản nháp',
  submitted: 'đã nộp, chờ duyệt',
  returned: 'bị trả lại',
  resubmitted: 'nộp lại, chờ duyệt',
  approved: 'đã duyệt',
  published: 'đã đăng tải',
};

export function checklistFor(v: EntryView, index: SameFileIndex, contest: Contest): Checklist {
  const missing = ['name', 'context', 'implementation', 'benefits'].filter(
    (f) => !String(v[f as keyof EntryView] ?? '').trim(),
  );
  const { minSeconds, maxSeconds } = contest.rules.video;
  const duration = v.video?.durationSeconds ?? null;
  const withinLength =
    duration === null || (minSeconds === null && maxSeconds === null)
      ? null
      : (minSeconds === null || duration >= minSeconds) &&
        (maxSeconds === null || duration <= maxSeconds);
  return {
    videoReady: v.video !== null,
    outlineReady: v.outline !== null,
    infoComplete: missing.length === 0,
    missing,
    originalityDeclared: v.originalityDeclaredAt !== null,
    withinLength,
    duplicateFlag: v.duplicateFlag,
    sameFileAs: sameFiles(v, index),
  };
}

/** Entries by the SHA-256 of their video and outline, built once for a whole list. */
export type SameFileIndex = Map<string, { entryId: string; teamNumber: number }[]>;

export function sameFileIndex(all: EntryView[]): SameFileIndex {
  const index: SameFileIndex = new Map();
  for (const e of all) {
    const hashes = new Set([e.video?.sha256, e.outline?.sha256].filter((h): h is string => !!h));
    for (const h of hashes) {
      const list = index.get(h) ?? [];
      list.push({ entryId: e.id, teamNumber: e.teamNumber });
      index.set(h, list);
    }
  }
  return index;
}

/** Other entries holding a byte-identical video or outline. */
function sameFiles(v: EntryView, index: SameFileIndex): Checklist['sameFileAs'] {
  const found: Checklist['sameFileAs'] = [];
  for (const kind of ['video', 'outline'] as const) {
    const mine = v[kind]?.sha256;
    if (!mine) continue;
    for (const other of index.get(mine) ?? []) {
      if (other.entryId !== v.id) found.push({ ...other, kind });
    }
  }
  return found;
}

/** The problems of a checklist, as filter keys. */
export function problemsOf(c: Checklist): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  if (!c.videoReady) out.push('video');
  if (!c.outlineReady) out.push('outline');
  if (!c.infoComplete) out.push('info');
  if (!c.originalityDeclared) out.push('originality');
  if (c.withinLength === false) out.push('length');
  if (c.duplicateFlag || c.sameFileAs.length) out.push('duplicate');
  return out;
}

/**
 * Why an entry may not be approved in bulk, in Vietnamese, one sentence per problem. Bulk
 * approval is stricter than approving one entry after looking at it: every item of the
 * checklist must pass (a duplicate suspicion, a missing originality declaration or a video
 * of the wrong length needs a person's look, so it blocks here and not on the single route).
 */
export function bulkBlockers(status: EntryStatus, c: Checklist): string[] {
  if (status !== 'submitted' && status !== 'resubmitted')
    return [`Sản phẩm không ở trạng thái chờ kiểm duyệt (đang: ${STATUS_WORDS[status]}).`];
  const reasons: string[] = [];
  if (!c.videoReady) reasons.push('Chưa có video clip.');
  if (!c.outlineReady) reasons.push('Chưa có đề cương.');
  if (!c.infoComplete)
    reasons.push(`Thiếu thông tin: ${c.missing.map((m) => INFO_LABELS[m] ?? m).join(', ')}.`);
  if (!c.originalityDeclared) reasons.push('Đội chưa cam kết tính mới của mô hình.');
  if (c.withinLength === false) reasons.push('Thời lượng video ngoài quy định của thể lệ.');
  if (c.duplicateFlag) reasons.push(`Đã bị đánh dấu trùng lặp: ${c.duplicateFlag}`);
  for (const s of c.sameFileAs) {
    const what = s.kind === 'video' ? 'Video' : 'Đề cương';
    reasons.push(`${what} giống hệt tệp của đội ${s.teamNumber}.`);
  }
  return reasons;
}
