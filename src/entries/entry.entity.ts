import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  Relation,
  VersionColumn,
} from 'typeorm';
import { ContestScopedEntity } from '../common/contest-scoped.entity';
import { Team } from '../teams/team.entity';
import { Upload } from '../uploads/upload.entity';

export const ENTRY_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'resubmitted',
  'approved',
  'published',
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** A team's entry (sản phẩm dự thi): one per team per contest. */
@Entity('entries')
@Index('uq_entries_team', ['contestId', 'teamId'], { unique: true })
@Check(
  'ck_entries_status',
  `"status" IN ('draft','submitted','returned','resubmitted','approved','published')`,
)
export class Entry extends ContestScopedEntity {
  @Column({ type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @Column({ type: 'text', default: 'draft' })
  status: EntryStatus;

  /** Tên gọi */
  @Column({ type: 'text', default: '' })
  name: string;

  /** Bối cảnh ra đời */
  @Column({ type: 'text', default: '' })
  context: string;

  /** Quá trình triển khai áp dụng */
  @Column({ type: 'text', default: '' })
  implementation: string;

  /** Lợi ích mang lại */
  @Column({ type: 'text', default: '' })
  benefits: string;

  /** Lĩnh vực */
  @Column({ type: 'text', default: '' })
  category: string;

  /** The team declares the model is not a duplicate of one applied before the cut-off. */
  @Column({ type: 'timestamptz', nullable: true })
  originalityDeclaredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  videoUploadId: string | null;

  @ManyToOne(() => Upload, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'video_upload_id' })
  videoUpload?: Relation<Upload>;

  @Column({ type: 'uuid', nullable: true })
  outlineUploadId: string | null;

  @ManyToOne(() => Upload, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outline_upload_id' })
  outlineUpload?: Relation<Upload>;

  /** Reasons given the last time the entry was returned (the history is in entry_reviews). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  returnReasons: string[];

  /** Organisers can flag a duplicate of a model applied before the originality cut-off. */
  @Column({ type: 'text', nullable: true })
  duplicateFlag: string | null;

  /** Address of the entry's post on the contest fanpage. */
  @Column({ type: 'text', nullable: true })
  postUrl: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}
