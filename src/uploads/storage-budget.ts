import { statfs } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { Upload } from './upload.entity';

/**
 * How much disk the uploads may take: a quota per team, a floor of free space kept for
 * PostgreSQL and everything else on the disk, and the removal of files an entry no longer
 * uses. Checked when an upload is created (tus creation, from Upload-Length): a refused
 * upload never stores a byte.
 */

/** Uploads whose bytes are (or will be) on disk: counted against the team's quota. */
const HOLDING_DISK = ['pending', 'ready'] as const;

const mib = (bytes: number) => Math.floor(bytes / (1024 * 1024)).toLocaleString('vi-VN');

/** What the team's stored and pending uploads hold (pending ones by their declared size). */
export async function teamUsedBytes(em: EntityManager, teamId: string): Promise<number> {
  const [{ used }] = (await em.query(
    `SELECT COALESCE(sum(size), 0)::bigint AS used FROM uploads WHERE team_id = $1 AND status = ANY($2)`,
    [teamId, HOLDING_DISK],
  )) as { used: string }[];
  return Number(used);
}

/** 413 QUOTA_EXCEEDED when the team's stored and pending uploads plus this one pass `quota`. */
export async function assertWithinTeamQuota(
  em: EntityManager,
  teamId: string,
  size: number,
  quota: number,
): Promise<void> {
  const used = await teamUsedBytes(em, teamId);
  if (used + size <= quota) return;
  const message = `Đội đã dùng ${mib(used)} MiB trong hạn mức ${mib(quota)} MiB; tệp này (${mib(size)} MiB) vượt hạn mức. Hãy hủy các tệp đang tải dở không dùng đến.`;
  throw new DomainError(
    'too_large',
    'QUOTA_EXCEEDED',
    message,
    [{ field: 'Upload-Length', code: 'QUOTA_EXCEEDED', message }],
    { quotaBytes: quota, usedBytes: used },
  );
}

/** Free bytes for an unprivileged writer on the disk holding `dir`. */
export async function freeDiskBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

/** 503 INSUFFICIENT_STORAGE when storing `size` more bytes would leave less than `floor` free. */
export async function assertDiskFloor(dir: string, size: number, floor: number): Promise<void> {
  const free = await freeDiskBytes(dir);
  if (free - size >= floor) return;
  throw new DomainError(
    'unavailable',
    'INSUFFICIENT_STORAGE',
    'Máy chủ sắp hết dung lượng đĩa nên tạm không nhận tệp mới; vui lòng báo Ban tổ chức.',
    [{ field: 'Upload-Length', code: 'INSUFFICIENT_STORAGE', message: 'Ổ đĩa sắp đầy.' }],
  );
}

/**
 * The entry now points at a new file: the one it replaces becomes `superseded` (row and audit
 * kept, as the history of what was sent), and its bytes are removed by the caller once this
 * transaction has committed. Only an entry the team may still edit is ever repointed, so no
 * submitted entry or frozen result can refer to a superseded file.
 */
export async function markSuperseded(
  em: EntityManager,
  audit: AuditService,
  actor: Actor | null,
  previousId: string,
  by: string,
): Promise<Upload | null> {
  const previous = await em.getRepository(Upload).findOneBy({ id: previousId });
  if (!previous || previous.status !== 'ready') return null;
  await em
    .getRepository(Upload)
    .update({ id: previousId, status: 'ready' }, { status: 'superseded' });
  await audit.record(em, actor, {
    contestId: previous.contestId,
    action: 'upload.supersede',
    entityType: 'upload',
    entityId: previousId,
    before: { status: 'ready' },
    after: { status: 'superseded', replacedBy: by },
  });
  return previous;
}
