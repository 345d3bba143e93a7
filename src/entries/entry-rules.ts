import { DomainError } from '../common/domain-error';
import { CONTEST_STATUSES, type ContestStatus } from '../contests/contest-status';
import type { Entry, EntryStatus } from './entry.entity';

/** Where a team may still change its entry (before submitting, or after it was returned). */
export const TEAM_EDITABLE: EntryStatus[] = ['draft', 'returned'];
/** Contest phases in which teams work on entries (moderation: to fix returned entries). */
export const TEAM_PHASES: ContestStatus[] = ['submission', 'moderation'];
export const AWAITING_REVIEW: EntryStatus[] = ['submitted', 'resubmitted'];

/**
 * Moderation closes when the entries are published (one instant for all of them): an entry
 * approved later would be judged yet never published, and returning one asks a team to fix
 * what it can no longer resubmit.
 */
export function assertModerationOpen(contestStatus: ContestStatus) {
  if (CONTEST_STATUSES.indexOf(contestStatus) > CONTEST_STATUSES.indexOf('moderation'))
    throw DomainError.conflict(
      'MODERATION_CLOSED',
      'Các sản phẩm đã được đăng tải đồng loạt: không còn duyệt hay trả lại sản phẩm.',
      'status',
      { contestStatus },
    );
}

/** Fields that must be filled before an entry can be submitted. */
export function missingFields(entry: Entry): string[] {
  const missing: string[] = [];
  for (const field of ['name', 'context', 'implementation', 'benefits'] as const) {
    if (!entry[field].trim()) missing.push(field);
  }
  if (!entry.originalityDeclaredAt) missing.push('originalityDeclared');
  if (!entry.videoUploadId) missing.push('video');
  if (!entry.outlineUploadId) missing.push('outline');
  return missing;
}

export const FIELD_LABELS: Record<string, string> = {
  name: 'Tên gọi',
  context: 'Bối cảnh ra đời',
  implementation: 'Quá trình triển khai áp dụng',
  benefits: 'Lợi ích mang lại',
  originalityDeclared: 'Cam kết tính mới',
  video: 'Video clip',
  outline: 'Đề cương',
};
