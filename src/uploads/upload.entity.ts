import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';
import { Team } from '../teams/team.entity';

export const UPLOAD_KINDS = ['video', 'outline'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];
/** `superseded`: was ready, then the entry took a newer file; the row stays, the bytes go. */
export type UploadStatus = 'pending' | 'ready' | 'failed' | 'expired' | 'cancelled' | 'superseded';

/**
 * One file a team sends. The row exists before the first byte and stays `pending` until the
 * file is complete, flushed to disk and its content verified; only then is it `ready`. So a
 * `ready` row always has its file, and a file on disk always has a row (the cleanup job
 * removes pending rows that were abandoned, and files that have no row).
 */
@Entity('uploads')
@Check('ck_uploads_kind', `"kind" IN ('video','outline')`)
@Check(
  'ck_uploads_status',
  `"status" IN ('pending','ready','failed','expired','cancelled','superseded')`,
)
@Check('ck_uploads_received', `"received" >= 0 AND "received" <= "size"`)
@Index('ix_uploads_pending', ['status', 'updatedAt'])
export class Upload extends ContestScopedEntity {
  @Index('ix_uploads_team_id')
  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @Column({ type: 'text' })
  kind: UploadKind;

  @Column({ type: 'text', default: 'pending' })
  status: UploadStatus;

  /** The name on the team's computer: shown and used in downloads, never as a path. */
  @Column({ type: 'text' })
  originalName: string;

  /** Declared total size in bytes (tus Upload-Length). */
  @Column({ type: 'bigint' })
  size: string;

  /** Bytes safely stored so far. */
  @Column({ type: 'bigint', default: 0 })
  received: string;

  @Index('ix_uploads_sha256')
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  /** Type decided from the content (magic bytes), e.g. mp4, pdf, docx. */
  @Column({ type: 'text', nullable: true })
  detectedType: string | null;

  @Column({ type: 'text', nullable: true })
  mime: string | null;

  /** From ffprobe when available; null when unknown. */
  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true })
  durationSeconds: string | null;

  @Column({ type: 'text', nullable: true })
  failureCode: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** STORAGE=s3: the bucket's multipart upload id while the browser sends parts. */
  @Column({ type: 'text', nullable: true })
  multipartId: string | null;

  /** STORAGE=s3: bytes per part (the last part may be shorter). */
  @Column({ type: 'integer', nullable: true })
  partSize: number | null;

  /** STORAGE=s3: the parts were assembled into the object; pending now means "being verified". */
  @Column({ type: 'timestamptz', nullable: true })
  partsCompletedAt: Date | null;

  /** STORAGE=s3: when an instance took the verification (a stale claim is taken over). */
  @Column({ type: 'timestamptz', nullable: true })
  verifyClaimedAt: Date | null;
}
